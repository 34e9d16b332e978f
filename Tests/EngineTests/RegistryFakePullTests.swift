// SPDX-License-Identifier: Apache-2.0
// Pull-side behaviour against scripted servers on 127.0.0.1 (no root, no real registry): digest and size
// checks on blobs, the bearer token flow, index platform choice, dockerd's error texts, redirects to a
// storage host, mirror fallback, and HTTPS-then-HTTP for loopback.

import HTTPCore
import Synchronization
import Testing

@testable import Engine

@Suite struct RegistryFakePullTests {
    let image = TestImage()

    /// Runs `body` with a fake registry for `test/app` serving `content` and a client for it.
    func withRegistry(
        _ content: FakeRegistryContent, token: String? = nil, tokenRequests: FakeRequestLog? = nil,
        _ body: (RegistryClient, RegistryRepository, FakeHTTPServer) async throws -> Void
    ) async throws {
        let server = try FakeHTTPServer(
            handler: fakeRegistry(repository: "test/app", content: content, token: token, tokenRequests: tokenRequests))
        let client = RegistryClient(options: RegistryOptions(requestTimeout: 10))
        defer { server.stop() }
        try await body(client, RegistryRepository(domain: server.domain, path: "test/app"), server)
        await client.close()
    }

    @Test func pullsByTagAndDigestOverPlainHTTPOnLoopback() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        try await withRegistry(content) { client, repository, _ in
            let byTag = try await client.resolve(repository, reference: "latest")
            #expect(byTag.top.digest == image.manifestDigest)
            #expect(byTag.manifest.bytes == image.manifest)
            #expect(byTag.image.layers.map(\.digest) == [image.layerDigest])
            #expect(byTag.index == nil)
            let byDigest = try await client.fetchManifest(repository, reference: image.manifestDigest)
            #expect(byDigest.bytes == image.manifest)
            #expect(byDigest.mediaType == RegistryMediaTypes.dockerManifest)
            let sink = MemoryBlobSink()
            let progress = Mutex<Int64>(0)
            let size = try await client.fetchBlob(
                repository, digest: image.layerDigest, expectedSize: Int64(image.layer.count), into: sink,
                progress: { count in progress.withLock { $0 = count } })
            #expect(size == Int64(image.layer.count))
            #expect(sink.bytes == image.layer)
            #expect(progress.withLock { $0 } == size)
        }
    }

    @Test func aCorruptedBlobIsRefused() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        var corrupted = image.layer
        corrupted[10] ^= 0xff
        content.blobs[image.layerDigest] = corrupted
        try await withRegistry(content) { client, repository, _ in
            let error = await #expect(throws: EngineError.self) {
                try await client.fetchBlob(repository, digest: image.layerDigest, into: MemoryBlobSink())
            }
            #expect(error?.message.contains("blob verification failed for digest \(image.layerDigest): digest mismatch") == true)
            let short = await #expect(throws: EngineError.self) {
                try await client.fetchBlob(repository, digest: image.layerDigest, expectedSize: 100, into: MemoryBlobSink())
            }
            #expect(short?.message.contains("size mismatch: expected 100 bytes, Content-Length is \(image.layer.count)") == true)
        }
    }

    @Test func aWrongContentDigestHeaderIsRefused() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        let wrong = TestImage(text: "else").manifestDigest
        content.manifestHeaders = [("Content-Type", image.mediaType), ("Docker-Content-Digest", wrong)]
        try await withRegistry(content) { client, repository, _ in
            await #expect(throws: EngineError.system("manifest verification failed for digest \(wrong)")) {
                try await client.resolve(repository, reference: "latest")
            }
        }
    }

    @Test func bearerTokensAreFetchedOnceAndSentWithCredentials() async throws {
        var content = FakeRegistryContent()
        content.add(image, tag: "latest")
        let tokenRequests = FakeRequestLog()
        try await withRegistry(content, token: "tok-1", tokenRequests: tokenRequests) { client, repository, _ in
            _ = try await client.resolve(repository, reference: "latest")
            _ = try await client.fetchBlob(repository, digest: image.configDigest, into: MemoryBlobSink())
            let anonymous = tokenRequests.all
            #expect(anonymous.count == 1)
            #expect(anonymous.first?.query["scope"] == "repository:test/app:pull")
            #expect(anonymous.first?.query["service"] == "fake-registry")
            #expect(anonymous.first?.headers["Authorization"] == nil)

            let credentials = RegistryCredentials(username: "user", password: "pass")
            _ = try await client.fetchManifest(repository, reference: "latest", credentials: credentials)
            let named = tokenRequests.all.last
            #expect(named?.headers["Authorization"] == "Basic dXNlcjpwYXNz")
            #expect(named?.query["account"] == "user")

            let refresh = RegistryCredentials(identityToken: "refresh-1")
            _ = try await client.fetchManifest(repository, reference: "latest", credentials: refresh)
            let oauth = tokenRequests.all.last
            #expect(oauth?.method == "POST")
            let form = QueryItems(parsing: String(decoding: oauth?.body ?? [], as: UTF8.self))
            #expect(form["grant_type"] == "refresh_token")
            #expect(form["refresh_token"] == "refresh-1")
            #expect(form["scope"] == "repository:test/app:pull")
        }
    }

    @Test func anIndexResolvesToTheRequestedPlatform() async throws {
        let amd = TestImage(architecture: "amd64"), arm = TestImage(text: "arm\n", architecture: "arm64", variant: "v8", oci: true)
        let index = indexDocument([amd.indexEntry(architecture: "amd64"), arm.indexEntry(architecture: "arm64", variant: "v8")])
        var content = FakeRegistryContent()
        content.add(amd)
        content.add(arm)
        content.manifests["multi"] = (RegistryMediaTypes.ociIndex, index)
        try await withRegistry(content) { client, repository, _ in
            let resolved = try await client.resolve(repository, reference: "multi", platform: ImagePlatform(parsing: "linux/arm64"))
            #expect(resolved.top.digest == digestOf(index))
            #expect(resolved.top.mediaType == RegistryMediaTypes.ociIndex)
            #expect(resolved.manifest.digest == arm.manifestDigest)
            #expect(resolved.platform?.variant == "v8")
            #expect(resolved.index?.manifests.count == 2)
            let host = try await client.resolve(repository, reference: "multi")
            let expected = ImagePlatform.host.select(from: try #require(resolved.index))?.digest
            #expect(host.manifest.digest == expected)
            await #expect(throws: EngineError.notFound("no matching manifest for linux/s390x in the manifest list entries")) {
                try await client.resolve(repository, reference: "multi", platform: ImagePlatform(os: "linux", architecture: "s390x"))
            }
        }
    }

    @Test func missingManifestsAndDeniedPullsUseDockerdsWords() async throws {
        try await withRegistry(FakeRegistryContent()) { client, repository, _ in
            await #expect(
                throws: EngineError.notFound(
                    "manifest for \(repository.domain)/test/app:nosuch not found: manifest unknown: manifest unknown")
            ) {
                try await client.resolve(repository, reference: "nosuch")
            }
        }
        let denied = try FakeHTTPServer { request in
            let realm = "http://\(request.headers["Host"] ?? "")/token"
            if request.path == "/token" { return .json(#"{"token":"t"}"#) }
            let challenge = #"Bearer realm="\#(realm)",service="s",scope="repository:test/app:pull",error="insufficient_scope""#
            if request.path == "/v2/" {
                return registryError("UNAUTHORIZED", "authentication required", status: 401, headers: [("WWW-Authenticate", challenge)])
            }
            return registryError("UNAUTHORIZED", "authentication required", status: 401, headers: [("WWW-Authenticate", challenge)])
        }
        defer { denied.stop() }
        let client = RegistryClient()
        let repository = RegistryRepository(domain: denied.domain, path: "test/app")
        await #expect(
            throws: EngineError.notFound(
                "pull access denied for \(denied.domain)/test/app, repository does not exist or may require 'docker login': "
                    + "denied: requested access to the resource is denied")
        ) {
            try await client.resolve(repository, reference: "latest")
        }
        await client.close()
    }

    @Test func connectionRefusedReportsTheDialError() async throws {
        let port = try freeLoopbackPort()
        let client = RegistryClient()
        await #expect(
            throws: EngineError.system("Get \"http://127.0.0.1:\(port)/v2/\": dial tcp 127.0.0.1:\(port): connect: connection refused")
        ) {
            try await client.resolve(RegistryRepository(domain: "127.0.0.1:\(port)", path: "app"), reference: "latest")
        }
    }
}
