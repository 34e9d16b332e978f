// SPDX-License-Identifier: Apache-2.0
// Image metadata: layers shared between images, names that move between images, deletes that report orphans.

import Store
import Testing

@Suite struct ImageMetadataStoreTests {
    static func layer(_ chain: String, parent: String? = nil) -> LayerRecord {
        LayerRecord(chainID: chain, diffID: "diff-" + chain, parentChainID: parent, size: 10, createdAt: 1)
    }

    static func image(_ id: String, layers: [String], tags: [String] = [], at time: Int64 = 1) -> ImageRecord {
        ImageRecord(id: id, size: 20, architecture: "amd64", os: "linux", addedAt: time, layers: layers, tags: tags)
    }

    @Test func imagesShareLayersAndDeleteReportsOnlyOrphans() async throws {
        let store = ImageMetadataStore(database: try Database(path: ":memory:"))
        try await store.insertLayer(Self.layer("sha256:a"))
        try await store.insertLayer(Self.layer("sha256:b", parent: "sha256:a"))
        try await store.insertLayer(Self.layer("sha256:c", parent: "sha256:a"))
        try await store.insertImage(Self.image("sha256:one", layers: ["sha256:a", "sha256:b"], tags: ["docker.io/library/one:latest"]))
        try await store.insertImage(Self.image("sha256:two", layers: ["sha256:a", "sha256:c"], at: 2))

        let one = try #require(try await store.image("sha256:one"))
        #expect(one.layers == ["sha256:a", "sha256:b"])
        #expect(one.tags == ["docker.io/library/one:latest"])
        #expect(one.lastTagTime == 1)
        #expect(try await store.images().map(\.id) == ["sha256:two", "sha256:one"])

        #expect(try await store.deleteImage("sha256:one") == ["sha256:b"])
        #expect(try await store.image("sha256:one") == nil)
        #expect(try await store.imageID(named: "docker.io/library/one:latest") == nil)
        #expect(try await store.deleteImage("sha256:two").sorted() == ["sha256:a", "sha256:c"])
    }

    @Test func aTagMovesToTheNewestImage() async throws {
        let store = ImageMetadataStore(database: try Database(path: ":memory:"))
        try await store.insertLayer(Self.layer("sha256:a"))
        try await store.insertImage(Self.image("sha256:old", layers: ["sha256:a"], tags: ["docker.io/library/app:1"]))
        try await store.insertImage(Self.image("sha256:new", layers: ["sha256:a"], tags: ["docker.io/library/app:1"], at: 5))
        #expect(try await store.imageID(named: "docker.io/library/app:1") == "sha256:new")
        #expect(try await store.image("sha256:old")?.tags == [])

        #expect(try await store.setName("docker.io/library/app:2", kind: "tag", imageID: "sha256:old", at: 9))
        #expect(try await !store.setName("docker.io/library/app:3", kind: "tag", imageID: "sha256:missing", at: 9))
        #expect(try await store.removeName("docker.io/library/app:2") == "sha256:old")
        #expect(try await store.imageIDs(withPrefix: "sha256:ne") == ["sha256:new"])
        #expect(try await store.imageIDs(withPrefix: "sha256:").count == 2)
    }

    @Test func anImageCannotNameAMissingLayer() async throws {
        let store = ImageMetadataStore(database: try Database(path: ":memory:"))
        await #expect(throws: SQLiteError.self) {
            try await store.insertImage(Self.image("sha256:x", layers: ["sha256:nolayer"]))
        }
        #expect(try await store.image("sha256:x") == nil)
    }
}
