// SPDX-License-Identifier: Apache-2.0
// Image routes in process: import a tarball, then list, inspect, history, tag, untag and delete it.

import API
import Engine
import HTTPCore
import Models
import Testing

@Suite struct ImageRoutesTests {
    static func importSample(_ api: DockerAPI, repo: String = "sample", tag: String = "1") async throws -> String {
        let body = makeTar([("etc/hostname", "berth\n"), ("bin/hello", "#!/bin/sh\necho hi\n")])
        let response = await api.handle(.binary("POST", "/images/create?fromSrc=-&repo=\(repo)&tag=\(tag)&changes=CMD%20%5B%22%2Fbin%2Fhello%22%5D&message=first", body))
        #expect(response.status.code == 200)
        let text = try await response.text()
        let message = try JSONCoding.decode(ProgressMessage.self, from: text.split(separator: "\n").first.map(String.init) ?? "")
        let id = try #require(message.status)
        #expect(id.hasPrefix("sha256:") && id.count == 71)
        return id
    }

    @Test func importListInspectHistory() async throws {
        let (api, _) = try await makeAPI()
        let id = try await Self.importSample(api)

        let list = try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json")).text())
        #expect(list.map(\.id) == [id] && list[0].repoTags == ["sample:1"] && list[0].size > 0)

        let inspect = try JSONCoding.decode(ImageInspect.self, from: try await api.handle(.make("GET", "/images/sample:1/json")).text())
        #expect(inspect.id == id && inspect.config.cmd == ["/bin/hello"] && inspect.os == "linux")
        #expect(inspect.rootFS.layers?.count == 1)
        // The same image by ID and by short ID prefix.
        #expect(await api.handle(.make("GET", "/images/\(id)/json")).status.code == 200)
        #expect(await api.handle(.make("GET", "/images/\(id.dropFirst(7).prefix(12))/json")).status.code == 200)

        let history = try JSONCoding.decode([ImageHistoryItem].self, from: try await api.handle(.make("GET", "/images/sample:1/history")).text())
        #expect(history.count == 1 && history[0].id == id && history[0].comment == "first" && history[0].tags == ["sample:1"])
    }

    @Test func tagUntagAndDelete() async throws {
        let (api, _) = try await makeAPI()
        let id = try await Self.importSample(api)
        #expect(await api.handle(.make("POST", "/images/sample:1/tag?repo=localhost:5000/team/app&tag=v2")).status.code == 201)
        let untag = try await api.handle(.make("DELETE", "/images/localhost:5000/team/app:v2")).text()
        #expect(untag.contains("\"Untagged\":\"localhost:5000/team/app:v2\"") && !untag.contains("Deleted"))
        let delete = try await api.handle(.make("DELETE", "/images/sample:1")).text()
        #expect(delete.contains("\"Untagged\":\"sample:1\"") && delete.contains("\"Deleted\":\"\(id)\""))
        let gone = await api.handle(.make("GET", "/images/sample:1/json"))
        #expect(gone.status.code == 404)
        #expect(try await gone.errorMessage() == "No such image: sample:1")
    }

    @Test func deletingByIDWithSeveralRepositoriesNeedsForce() async throws {
        let (api, _) = try await makeAPI()
        let id = try await Self.importSample(api)
        #expect(await api.handle(.make("POST", "/images/sample:1/tag?repo=other&tag=latest")).status.code == 201)
        let refused = await api.handle(.make("DELETE", "/images/\(id)"))
        #expect(refused.status.code == 409)
        #expect(try await refused.errorMessage().contains("image is referenced in multiple repositories"))
        #expect(await api.handle(.make("DELETE", "/images/\(id)?force=1")).status.code == 200)
        #expect(try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json")).text()).isEmpty)
    }

    @Test func badReferencesAndMissingImages() async throws {
        let (api, _) = try await makeAPI()
        let upper = await api.handle(.make("GET", "/images/Busybox/json"))
        #expect(upper.status.code == 400 || upper.status.code == 404)
        let missing = await api.handle(.make("GET", "/images/nosuchimage/json"))
        #expect(missing.status.code == 404)
        #expect(try await missing.errorMessage() == "No such image: nosuchimage:latest")
        let badTag = await api.handle(.make("POST", "/images/nosuchimage/tag?repo=UPPER"))
        #expect(badTag.status.code == 400 || badTag.status.code == 404)
        let garbage = await api.handle(.binary("POST", "/images/create?fromSrc=-&repo=junk", Array("not a tarball at all".utf8)))
        #expect(garbage.status.code == 400)
        #expect(try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json")).text()).isEmpty)
    }
}

@Suite struct ImagePruneRoutesTests {
    @Test func pruneRemovesDanglingByDefaultAndEverythingWithDanglingFalse() async throws {
        let (api, _) = try await makeAPI()
        let tagged = try await ImageRoutesTests.importSample(api, repo: "keep", tag: "1")
        // An untagged import is dangling.
        let body = makeTar([("x", "dangling\n")])
        #expect(await api.handle(.binary("POST", "/images/create?fromSrc=-", body)).status.code == 200)
        let first = try JSONCoding.decode(ImagesPruneResponse.self, from: try await api.handle(.make("POST", "/images/prune")).text())
        #expect(first.imagesDeleted.compactMap(\.deleted).count == 1 && first.spaceReclaimed > 0)
        #expect(try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json")).text()).map(\.id) == [tagged])

        let all = "/images/prune?filters=%7B%22dangling%22%3A%7B%22false%22%3Atrue%7D%7D"
        let second = try JSONCoding.decode(ImagesPruneResponse.self, from: try await api.handle(.make("POST", all)).text())
        #expect(second.imagesDeleted.compactMap(\.deleted) == [tagged])
        #expect(await api.handle(.make("POST", "/images/prune?filters=%7B%22bogus%22%3A%5B%22x%22%5D%7D")).status.code == 400)
    }
}

@Suite struct ImageListOptionsTests {
    @Test func sharedSizeCountsLayersOtherImagesUseToo() async throws {
        let (api, _) = try await makeAPI()
        // The same tarball twice with different messages: two images over one shared layer.
        let body = makeTar([("same", "same bytes\n")])
        #expect(await api.handle(.binary("POST", "/images/create?fromSrc=-&repo=a&message=one", body)).status.code == 200)
        #expect(await api.handle(.binary("POST", "/images/create?fromSrc=-&repo=b&message=two", body)).status.code == 200)
        let plain = try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json")).text())
        #expect(plain.count == 2 && plain.allSatisfy { $0.sharedSize == -1 })
        let shared = try JSONCoding.decode([ImageSummary].self, from: try await api.handle(.make("GET", "/images/json?shared-size=1")).text())
        #expect(shared.count == 2 && shared.allSatisfy { $0.sharedSize > 0 && $0.sharedSize == $0.size })
        let filtered = try JSONCoding.decode(
            [ImageSummary].self, from: try await api.handle(.make("GET", "/images/json?filters=%7B%22reference%22%3A%5B%22a%22%5D%7D")).text())
        #expect(filtered.map(\.repoTags) == [["a:latest"]])
    }
}
