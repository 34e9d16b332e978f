// SPDX-License-Identifier: Apache-2.0
// Save and load routes in process: a saved image loads into another engine; 404 for unknown names,
// 400 for archives that are not tarballs, hostile, or truncated, with nothing loaded.

import API
import Engine
import HTTPCore
import Models
import Testing

@Suite struct ImageArchiveRoutesTests {
    static func lines(_ response: HTTPResponse) async throws -> [ProgressMessage] {
        try await response.text().split(separator: "\n").map { try JSONCoding.decode(ProgressMessage.self, from: String($0)) }
    }

    @Test func saveStreamsAnImageLayoutThatLoadsElsewhere() async throws {
        let (api, _) = try await makeAPI()
        let id = try await ImageRoutesTests.importSample(api)
        let saved = await api.handle(.make("GET", "/v1.50/images/sample:1/get"))
        #expect(saved.status.code == 200)
        #expect(saved.headers["Content-Type"] == "application/x-tar")
        let bytes = try await saved.bodyBytes()
        let names = tarMemberNames(bytes)
        #expect(names.prefix(2) == ["blobs/", "blobs/sha256/"])
        #expect(names.suffix(4) == ["index.json", "manifest.json", "oci-layout", "repositories"])
        #expect(names.contains("blobs/sha256/" + id.dropFirst(7)))

        let (other, _) = try await makeAPI()
        let loaded = await other.handle(.binary("POST", "/images/load?quiet=1", bytes))
        #expect(loaded.status.code == 200 && loaded.headers["Content-Type"] == "application/json")
        #expect(try await Self.lines(loaded) == [ProgressMessage(stream: "Loaded image: sample:1\n")])
        let inspect = try await other.handle(.make("GET", "/images/sample:1/json")).decode(ImageInspect.self)
        #expect(inspect.id == id)
    }

    @Test func saveSeveralNamesAndMissingOnes() async throws {
        let (api, _) = try await makeAPI()
        _ = try await ImageRoutesTests.importSample(api, repo: "one", tag: "1")
        _ = try await ImageRoutesTests.importSample(api, repo: "two", tag: "2")
        let both = await api.handle(.make("GET", "/images/get?names=one:1&names=two"))
        #expect(both.status.code == 200)
        let manifest = try await both.bodyBytes()
        let text = String(decoding: manifest, as: UTF8.self)
        #expect(text.contains(#""RepoTags":["one:1"]"#) && text.contains(#""RepoTags":["two:2"]"#))

        let missing = await api.handle(.make("GET", "/images/nosuch/get"))
        #expect(missing.status.code == 404)
        #expect(try await missing.errorMessage() == "No such image: nosuch:latest")
        let oneMissing = await api.handle(.make("GET", "/images/get?names=one:1&names=nosuch:2"))
        #expect(oneMissing.status.code == 404)
        #expect(try await oneMissing.errorMessage() == "No such image: nosuch:2")
    }

    @Test func loadReportsProgressUnlessQuiet() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.binary("POST", "/images/load?quiet=0", makeImageArchive(tag: "hand/made:v1")))
        let messages = try await Self.lines(response)
        #expect(messages.map { $0.status ?? $0.stream ?? "" } == ["Loading layer", "Loading layer", "Loaded image: hand/made:v1\n"])
        #expect(messages.first?.progressDetail?.total ?? 0 > 0)
        // No `quiet` means quiet, as in moby.
        let again = await api.handle(.binary("POST", "/images/load", makeImageArchive(tag: "hand/made:v2")))
        #expect(try await Self.lines(again) == [ProgressMessage(stream: "Loaded image: hand/made:v2\n")])
    }

    @Test func badArchivesAre400AndLoadNothing() async throws {
        let (api, _) = try await makeAPI()
        let valid = makeImageArchive(tag: "ok:1")
        let cases: [([UInt8], String)] = [
            (Array("not a tarball at all".utf8), "invalid image archive: unexpected end of tar archive after 20 bytes (truncated?)"),
            (
                makeTar([("../../etc/passwd", "x")]),
                #"invalid image archive: invalid tar member name "../../etc/passwd": absolute paths and ".." are not allowed"#
            ),
            (Array(valid.prefix(1700)), "invalid image archive: unexpected end of tar archive after 1700 bytes (truncated?)"),
            ([], "invalid image archive: it holds neither manifest.json nor index.json (not a docker save or OCI layout tarball)"),
            (
                [0x1f, 0x8b, 8, 0] + [UInt8](repeating: 0, count: 600),
                "compressed image archives are not supported: decompress it and load the plain tar"
            ),
        ]
        for (body, message) in cases {
            let response = await api.handle(.binary("POST", "/images/load", body))
            #expect(response.status.code == 400, "\(message)")
            #expect(try await response.errorMessage() == message)
        }
        var corrupt = valid
        corrupt[3] ^= 0x20
        let checksum = await api.handle(.binary("POST", "/images/load", corrupt))
        #expect(checksum.status.code == 400)
        #expect(try await checksum.errorMessage() == "invalid image archive: invalid tar header checksum at offset 0")
        #expect(try await api.handle(.make("GET", "/images/json")).decode([ImageSummary].self).isEmpty)
    }
}
