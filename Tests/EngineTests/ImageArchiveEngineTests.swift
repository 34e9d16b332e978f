// SPDX-License-Identifier: Apache-2.0
// Save and load through ImageService: a saved image loads into a fresh engine with the same ID and tags,
// the OCI-layout and legacy docker-save forms load, and bad archives leave nothing behind.

import Models
import Testing

@testable import Engine

/// The error `body` throws, as an EngineError (nil when it succeeds or throws something else).
func engineError(_ body: () async throws -> Void) async -> EngineError? {
    do {
        try await body()
        return nil
    } catch {
        return error as? EngineError
    }
}

@Suite struct ImageArchiveEngineTests {
    @Test func saveThenLoadIntoAFreshEngineKeepsIDAndTags() async throws {
        let (source, _, sourceRoot) = try makeImageService()
        defer { removeDataRoot(sourceRoot) }
        let id = try await importSample(source, "sample:1")
        try await source.tag("sample:1", as: try ImageReference.normalized("other:2"))
        let bytes = try await saveBytes(source, ["sample", "other:2"])

        let (target, _, targetRoot) = try makeImageService()
        defer { removeDataRoot(targetRoot) }
        let lines = try await loadBytes(target, bytes, pieceSize: 777)
        #expect(lines == ["Loaded image: sample:1\n", "Loaded image: other:2\n"])
        let loaded = try await target.find("sample:1").record
        #expect(loaded.id == id)
        #expect(Set(loaded.tags) == ["docker.io/library/sample:1", "docker.io/library/other:2"])
        #expect(loaded.layers == (try await source.find(id).record.layers))
        #expect(try await target.find("other:2").record.id == id)
        // Only the config and the layer blob stay; the manifest written to the archive is not kept.
        #expect(blobNames(targetRoot) == blobNames(sourceRoot))
        #expect(blobNames(targetRoot).count == 2)
        // Saving the loaded image gives the same bytes.
        #expect(try await saveBytes(target, ["sample", "other:2"]) == bytes)
    }

    @Test func anUntaggedSaveLoadsByIDAndLoadingTwiceIsHarmless() async throws {
        let (source, _, sourceRoot) = try makeImageService()
        defer { removeDataRoot(sourceRoot) }
        let id = try await importSample(source, "sample:1")
        let bytes = try await saveBytes(source, [id])
        let members = try parseTar([bytes])
        #expect(!members.contains { $0.entry.path == "repositories" })
        let (target, _, root) = try makeImageService()
        defer { removeDataRoot(root) }
        #expect(try await loadBytes(target, bytes) == ["Loaded image ID: \(id)\n"])
        let layers = layerDirectories(root)
        #expect(try await loadBytes(target, bytes, quiet: false) == ["Loaded image ID: \(id)\n"], "layers exist: no progress")
        #expect(layerDirectories(root) == layers && blobNames(root).count == 2)
        #expect(try await target.find(id).record.tags.isEmpty)
    }

    @Test func progressIsReportedUnlessQuiet() async throws {
        let (target, _, targetRoot) = try makeImageService()
        defer { removeDataRoot(targetRoot) }
        let image = HandMadeImage()
        let lines = try await loadBytes(target, image.dockerArchive(tags: ["hand:made"]), quiet: false)
        #expect(lines == ["Loading layer", "Loading layer", "Loaded image: hand:made\n"])
        #expect(try await target.find("hand:made").record.id == image.configDigest)
    }

    @Test func anOCILayoutLoadsWithTheTagOfItsAnnotation() async throws {
        let (source, _, sourceRoot) = try makeImageService()
        defer { removeDataRoot(sourceRoot) }
        let id = try await importSample(source, "localhost:5000/team/app:v1")
        let layout = try parseTar([try await saveBytes(source, ["localhost:5000/team/app:v1"])]).filter {
            $0.entry.path != "manifest.json" && $0.entry.path != "repositories"
        }
        let (target, _, targetRoot) = try makeImageService()
        defer { removeDataRoot(targetRoot) }
        #expect(try await loadBytes(target, writeTar(layout)) == ["Loaded image: localhost:5000/team/app:v1\n"])
        #expect(try await target.find("localhost:5000/team/app:v1").record.id == id)
    }

    @Test func theLegacyLayoutWithLinkedLayersLoads() async throws {
        let image = HandMadeImage()
        let second = Array(
            #"{"architecture":"amd64","os":"linux","config":{"Cmd":["sh"]},"rootfs":{"type":"layers","diff_ids":["\#(image.layerDigest)"]}}"#
                .utf8)
        let secondID = Digest.sha256(of: second).rawValue
        let manifest = """
            [{"Config":"\(HandMadeImage.hex(image.configDigest)).json","RepoTags":["old:1"],"Layers":["aaa/layer.tar"]},
             {"Config":"\(HandMadeImage.hex(secondID)).json","RepoTags":null,"Layers":["bbb/layer.tar"]}]
            """
        // The link comes before its target, as in old saves where an image's ID sorts before its parent's.
        let bytes = writeTar([
            ParsedMember(entry: TarStreamEntry(path: "bbb/layer.tar", kind: .symlink, linkTarget: "../aaa/layer.tar"), data: []),
            fileMember("./aaa/VERSION", Array("1.0".utf8)), fileMember("aaa/json", Array("{}".utf8)),
            fileMember("aaa/layer.tar", image.layer),
            fileMember(HandMadeImage.hex(image.configDigest) + ".json", image.config),
            fileMember(HandMadeImage.hex(secondID) + ".json", second),
            fileMember("manifest.json", Array(manifest.utf8)), fileMember("repositories", Array("{}".utf8)),
        ])
        let (target, _, root) = try makeImageService()
        defer { removeDataRoot(root) }
        #expect(try await loadBytes(target, bytes) == ["Loaded image: old:1\n", "Loaded image ID: \(secondID)\n"])
        #expect(try await target.find("old:1").record.layers == (try await target.find(secondID).record.layers))
        #expect(blobNames(root) == Set([image.layerDigest, image.configDigest, secondID].map(HandMadeImage.hex)))
    }

    @Test func hostileAndBrokenArchivesLeaveNothingBehind() async throws {
        let (target, _, root) = try makeImageService()
        defer { removeDataRoot(root) }
        let image = HandMadeImage()
        let wrongHex = String(repeating: "0", count: 64)
        let cases: [([UInt8], String)] = [
            (image.dockerArchive(tags: ["x:1"], configPath: "blobs/sha256/" + wrongHex), "digest mismatch"),
            (writeTar([fileMember("../escape", [1])]), "absolute paths and \"..\" are not allowed"),
            (Array(image.dockerArchive(tags: ["x:1"]).prefix(1000)), "truncated"),
            (writeTar([fileMember("manifest.json", Array(#"[{"Config":"c.json","Layers":["l.tar"]}]"#.utf8))]), "c.json is missing"),
            (writeTar([fileMember("manifest.json", Array("null".utf8))]), "manifest cannot be null"),
            (writeTar([fileMember("hello", [1])]), "neither manifest.json nor index.json"),
            (image.dockerArchive(tags: ["Bad:1"]), "must be lowercase"),
        ]
        for (bytes, message) in cases {
            let error = await engineError { _ = try await loadBytes(target, bytes) }
            guard case .invalidParameter(let text) = error else {
                Issue.record("expected a 400 error with \(message), got \(String(describing: error))")
                continue
            }
            #expect(text.contains(message), "\(text)")
            #expect(blobNames(root).isEmpty, "\(message): blobs left behind")
        }
        #expect(try await target.list().isEmpty)
    }

    @Test func aLayerThatIsNotWhatTheConfigSaysIsRolledBack() async throws {
        let (target, _, root) = try makeImageService()
        defer { removeDataRoot(root) }
        let lying = HandMadeImage(diffID: "sha256:" + String(repeating: "a", count: 64))
        let error = await engineError { _ = try await loadBytes(target, lying.dockerArchive(tags: ["liar:1"])) }
        guard case .invalidParameter(let text) = error else {
            Issue.record("expected a 400 error, got \(String(describing: error))")
            return
        }
        #expect(text.hasPrefix("invalid diffID for layer 0: expected \"sha256:aaaa"))
        #expect(try await target.list().isEmpty)
        #expect(layerDirectories(root).isEmpty && blobNames(root).isEmpty)
    }

    @Test func savingAMissingImageIs404() async throws {
        let (service, _, serviceRoot) = try makeImageService()
        defer { removeDataRoot(serviceRoot) }
        #expect(await engineError { _ = try await service.save(["nosuch"]) } == .notFound("No such image: nosuch:latest"))
        _ = try await importSample(service, "sample:1")
        #expect(await engineError { _ = try await service.save(["sample:1", "sample:2"]) } == .notFound("No such image: sample:2"))
    }
}
