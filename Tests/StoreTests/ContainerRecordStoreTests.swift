// SPDX-License-Identifier: Apache-2.0
// Container rows: name clashes name the holder, prefix lookups by range, JSON blobs round-trip, all() at 1,000 rows.

import Store
import Testing

@Suite struct ContainerRecordStoreTests {
    static func id(_ seed: String) -> String {
        String((seed + String(repeating: "0", count: 64)).prefix(64))
    }

    static func record(_ seed: String, name: String, image: String = "sha256:img", at time: Int64 = 1) -> ContainerRecord {
        ContainerRecord(
            id: id(seed), name: name, imageID: image, createdAt: time, spec: Array(#"{"Image":"busybox"}"#.utf8),
            state: Array(#"{"Running":false}"#.utf8))
    }

    static func makeStore() throws -> ContainerRecordStore {
        ContainerRecordStore(database: try Database(path: ":memory:"))
    }

    @Test func migrationThreeCreatesTheTableAndIndex() throws {
        #expect(Schema.migrations.map(\.number) == [1, 2, 3])
        #expect(Schema.migrations.last?.name == "containers")
        let database = try Database(path: ":memory:")
        let names = try database.writeSync { connection in
            try connection.query("SELECT name FROM sqlite_master WHERE tbl_name = 'containers' ORDER BY name").compactMap { $0.string(0) }
        }
        #expect(names.contains("containers") && names.contains("containers_image"))
    }

    @Test func insertFindAndRoundTripBlobs() async throws {
        let store = try Self.makeStore()
        let web = Self.record("ab", name: "web", at: 5)
        try await store.insert(web)
        #expect(try await store.find(id: web.id) == web)
        #expect(try await store.find(name: "web") == web)
        #expect(try await store.find(name: "/web") == nil)
        #expect(try await store.find(id: Self.id("cd")) == nil)
        #expect(try await store.count() == 1)
    }

    @Test func aNameClashNamesTheHolder() async throws {
        let store = try Self.makeStore()
        try await store.insert(Self.record("aa", name: "web"))
        await #expect(throws: ContainerRecordError.nameInUse(name: "web", holderID: Self.id("aa"))) {
            try await store.insert(Self.record("bb", name: "web"))
        }
        await #expect(throws: ContainerRecordError.idInUse(Self.id("aa"))) {
            try await store.insert(Self.record("aa", name: "other"))
        }
        #expect(try await store.count() == 1)
    }

    @Test func renameChecksTheNewNameAndKeepsTheRow() async throws {
        let store = try Self.makeStore()
        try await store.insert(Self.record("aa", name: "one"))
        try await store.insert(Self.record("bb", name: "two"))
        await #expect(throws: ContainerRecordError.nameInUse(name: "two", holderID: Self.id("bb"))) {
            try await store.rename(id: Self.id("aa"), to: "two")
        }
        try await store.rename(id: Self.id("aa"), to: "one")  // to its own name: allowed, as dockerd
        try await store.rename(id: Self.id("aa"), to: "three")
        #expect(try await store.find(name: "three")?.id == Self.id("aa"))
        #expect(try await store.find(name: "one") == nil)
        await #expect(throws: ContainerRecordError.notFound(id: Self.id("cc"))) {
            try await store.rename(id: Self.id("cc"), to: "four")
        }
        // The freed name can be taken again.
        try await store.insert(Self.record("cc", name: "one"))
    }

    @Test func updatesReplaceOnlyTheirColumn() async throws {
        let store = try Self.makeStore()
        let original = Self.record("aa", name: "web")
        try await store.insert(original)
        try await store.updateState(id: original.id, state: Array(#"{"Running":true,"Pid":42}"#.utf8))
        try await store.updateSpec(id: original.id, spec: [])
        let updated = try #require(try await store.find(id: original.id))
        #expect(updated.state == Array(#"{"Running":true,"Pid":42}"#.utf8))
        #expect(updated.spec == [])
        #expect(updated.name == "web" && updated.createdAt == original.createdAt)
        await #expect(throws: ContainerRecordError.notFound(id: Self.id("ff"))) {
            try await store.updateState(id: Self.id("ff"), state: [])
        }
    }

    @Test func prefixLookupIsARangeOverIDs() async throws {
        let store = try Self.makeStore()
        for (seed, name) in [("abc1", "a"), ("abc2", "b"), ("abd", "c"), ("f", "d"), ("0f", "e")] {
            try await store.insert(Self.record(seed, name: name))
        }
        #expect(try await store.ids(withPrefix: "abc") == [Self.id("abc1"), Self.id("abc2")])
        #expect(try await store.ids(withPrefix: "abc", limit: 1) == [Self.id("abc1")])
        #expect(try await store.ids(withPrefix: "abd") == [Self.id("abd")])
        #expect(try await store.ids(withPrefix: "ab").count == 3)
        #expect(try await store.ids(withPrefix: "f") == [Self.id("f")])
        #expect(try await store.ids(withPrefix: "0f") == [Self.id("0f")])
        #expect(try await store.ids(withPrefix: Self.id("abd")) == [Self.id("abd")])
        // Upper case, names and empty prefixes never match an ID.
        #expect(try await store.ids(withPrefix: "ABC").isEmpty)
        #expect(try await store.ids(withPrefix: "a%").isEmpty)
        #expect(try await store.ids(withPrefix: "").isEmpty)
    }

    @Test func deleteAndImageUsers() async throws {
        let store = try Self.makeStore()
        try await store.insert(Self.record("aa", name: "one", image: "sha256:x"))
        try await store.insert(Self.record("bb", name: "two", image: "sha256:x"))
        try await store.insert(Self.record("cc", name: "three", image: "sha256:y"))
        #expect(try await store.ids(usingImage: "sha256:x") == [Self.id("aa"), Self.id("bb")])
        #expect(try await store.delete(id: Self.id("aa")))
        #expect(try await !store.delete(id: Self.id("aa")))
        #expect(try await store.ids(usingImage: "sha256:x") == [Self.id("bb")])
        #expect(try await store.all().map(\.name).sorted() == ["three", "two"])
    }

    @Test func allListsNewestFirstAndIsFastForAThousandRows() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory.database)
            defer { database.close() }
            let store = ContainerRecordStore(database: database)
            // ~3 KB of JSON per row, like a real config + host config.
            let spec = Array(("{\"Env\":[" + (0..<180).map { "\"VARIABLE_\($0)=x\"" }.joined(separator: ",") + "]}").utf8)
            #expect(spec.count > 2_500)
            let hex = Array("0123456789abcdef".utf8)
            for number in 0..<1_000 {
                let id = String(
                    decoding: (0..<64).map { hex[($0 == 0 ? number / 256 : $0 == 1 ? number / 16 : number) % 16] }, as: UTF8.self)
                let record = ContainerRecord(
                    id: id, name: "c\(number)", imageID: "sha256:img", createdAt: Int64(number), spec: spec,
                    state: Array(#"{"Running":true}"#.utf8))
                try await store.insert(record)
            }
            let clock = ContinuousClock()
            var best = Duration.seconds(60)
            var rows: [ContainerRecord] = []
            for _ in 0..<5 {
                let started = clock.now
                rows = try await store.all()
                best = min(best, clock.now - started)
            }
            print("ContainerRecordStore.all(): 1000 rows x \(spec.count) B spec, best of 5: \(best)")
            #expect(rows.count == 1_000)
            #expect(rows.first?.name == "c999" && rows.last?.name == "c0")
            #expect(rows.allSatisfy { $0.spec == spec })
            #expect(best < .milliseconds(500))
        }
    }
}
