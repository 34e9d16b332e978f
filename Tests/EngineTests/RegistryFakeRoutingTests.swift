// SPDX-License-Identifier: Apache-2.0
// Where requests go: blob redirects to a storage host (credentials stay behind), Docker Hub mirrors
// that miss or are down, paginated tag lists and the search API.

import HTTPCore
import Synchronization
import Testing

@testable import Engine

@Suite struct RegistryFakeRoutingTests {
    let image = TestImage()

    @Test func blobRedirectsAreFollowedWithoutCredentials() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        let storage = try FakeHTTPServer { _ in FakeResponse(status: 200, body: image.layer) }
        let inner = fakeRegistry(repository: "test/app", content: content, token: "tok")
        let registry = try FakeHTTPServer { request in
            if request.path.hasSuffix("/blobs/\(image.layerDigest)"), request.headers["Authorization"] == "Bearer tok" {
                return FakeResponse(status: 307, headers: [("Location", "\(storage.url)/store/layer?sig=abc")])
            }
            return await inner(request)
        }
        defer {
            registry.stop()
            storage.stop()
        }
        let client = RegistryClient()
        let sink = MemoryBlobSink()
        _ = try await client.fetchBlob(RegistryRepository(domain: registry.domain, path: "test/app"), digest: image.layerDigest, into: sink)
        #expect(sink.bytes == image.layer)
        #expect(storage.requests.map(\.target) == ["/store/layer?sig=abc"])
        #expect(storage.requests.first?.headers["Authorization"] == nil)
        await client.close()
    }

    @Test func dockerHubPullsFallBackFromMirrorsToTheOrigin() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        let origin = try FakeHTTPServer(handler: fakeRegistry(repository: "library/app", content: content))
        let mirror = try FakeHTTPServer { _ in registryError("MANIFEST_UNKNOWN", "manifest unknown", status: 404) }
        defer {
            origin.stop()
            mirror.stop()
        }
        let down = try freeLoopbackPort()
        let options = RegistryOptions(mirrors: ["http://127.0.0.1:\(down)", mirror.url], officialRegistry: origin.url)
        let client = RegistryClient(options: options)
        let repository = RegistryRepository(domain: "docker.io", path: "library/app")
        let resolved = try await client.resolve(repository, reference: "latest")
        #expect(resolved.manifest.bytes == image.manifest)
        #expect(mirror.requests.contains { $0.path == "/v2/library/app/manifests/latest" })
        let sink = MemoryBlobSink()
        _ = try await client.fetchBlob(repository, digest: image.configDigest, into: sink)
        #expect(sink.bytes == image.config)
        // Errors from the origin itself are final and keep dockerd's wording.
        await #expect(throws: EngineError.notFound("manifest for app:nosuch not found: manifest unknown: manifest unknown")) {
            try await client.resolve(repository, reference: "nosuch")
        }
        await client.close()
    }

    @Test func tagListsFollowLinkPages() async throws {
        let server = try FakeHTTPServer { request in
            if request.path == "/v2/" { return .json("{}") }
            if request.query["last"] == "b" { return .json(#"{"name":"app","tags":["c"]}"#) }
            return .json(#"{"name":"app","tags":["a","b"]}"#, headers: [("Link", #"</v2/app/tags/list?n=2&last=b>; rel="next""#)])
        }
        defer { server.stop() }
        let client = RegistryClient()
        #expect(try await client.listTags(RegistryRepository(domain: server.domain, path: "app")) == ["a", "b", "c"])
        await client.close()
    }

    @Test func searchReadsResultsOrSaysThereIsNoSearchAPI() async throws {
        let hub = try FakeHTTPServer { request in
            guard request.path == "/v1/search" else { return .json("{}") }
            #expect(request.query["q"] == "busy box")
            #expect(request.query["n"] == "2")
            return .json(
                #"{"num_results":1,"query":"busy box","results":[{"name":"busybox","description":"tiny","star_count":3,"#
                    + #""is_official":true,"is_automated":false}]}"#)
        }
        let plain = try FakeHTTPServer { _ in FakeResponse(status: 404) }
        defer {
            hub.stop()
            plain.stop()
        }
        let client = RegistryClient(options: RegistryOptions(officialSearchIndex: hub.url))
        let results = try await client.search(domain: "docker.io", term: "busy box", limit: 2)
        #expect(results.map(\.name) == ["busybox"])
        #expect(results.first?.isOfficial == true)
        #expect(results.first?.starCount == 3)
        await #expect(
            throws: EngineError.notImplemented("the registry \(plain.domain) has no search API (GET /v1/search answered 404 Not Found)")
        ) {
            try await client.search(domain: plain.domain, term: "x")
        }
        await client.close()
    }
}
