// SPDX-License-Identifier: Apache-2.0
// Against a real registry (Debian's docker-registry on 127.0.0.1, reached over plain HTTP after the
// HTTPS probe fails): push a tiny image, pull it back by tag and digest, mount across repositories,
// upload in chunks, pick a platform from an index, and the htpasswd Basic auth variant.

import Testing

@testable import Engine

@Suite(.enabled(if: Env.integration)) struct RegistryLiveTests {
    /// Runs `body` against a fresh registry.
    func withRegistry(basicAuth: Bool = false, chunkSize: Int = 16 << 20, _ body: (RegistryClient, RegistryProcess) async throws -> Void)
        async throws
    {
        let registry = try await RegistryProcess(basicAuth: basicAuth)
        defer { registry.stop() }
        let client = RegistryClient(options: RegistryOptions(chunkSize: chunkSize, requestTimeout: 20))
        try await body(client, registry)
        await client.close()
    }

    /// Pushes `image`'s blobs and manifest under `tag`.
    func push(
        _ image: TestImage, to repository: RegistryRepository, tag: String, client: RegistryClient, credentials: RegistryCredentials? = nil
    ) async throws {
        for blob in [image.layer, image.config]
        where try await client.blobExists(repository, digest: digestOf(blob), credentials: credentials) == nil {
            try await client.uploadBlob(
                repository, digest: digestOf(blob), size: Int64(blob.count), from: MemoryBlobSource(blob), credentials: credentials)
        }
        let digest = try await client.putManifest(
            repository, reference: tag, mediaType: image.mediaType, bytes: image.manifest, credentials: credentials)
        #expect(digest == image.manifestDigest)
    }

    @Test func pushThenPullByTagAndDigest() async throws {
        let image = TestImage()
        try await withRegistry { client, registry in
            let repository = RegistryRepository(domain: registry.domain, path: "berth/hello")
            #expect(try await client.blobExists(repository, digest: image.layerDigest) == nil)
            try await push(image, to: repository, tag: "v1", client: client)
            #expect(try await client.blobExists(repository, digest: image.layerDigest) == Int64(image.layer.count))

            let byTag = try await client.resolve(repository, reference: "v1")
            #expect(byTag.top.digest == image.manifestDigest)
            #expect(byTag.manifest.bytes == image.manifest)
            let byDigest = try await client.resolve(repository, reference: image.manifestDigest)
            #expect(byDigest.manifest.bytes == image.manifest)
            for descriptor in [byTag.image.config] + byTag.image.layers {
                let sink = MemoryBlobSink()
                let size = try await client.fetchBlob(repository, digest: descriptor.digest, expectedSize: descriptor.size, into: sink)
                #expect(size == descriptor.size)
                #expect(sink.bytes == (descriptor.digest == image.layerDigest ? image.layer : image.config))
            }
            #expect(try await client.listTags(repository) == ["v1"])
            await #expect(
                throws: EngineError.notFound(
                    "manifest for \(registry.domain)/berth/hello:nosuch not found: manifest unknown: manifest unknown")
            ) {
                try await client.resolve(repository, reference: "nosuch")
            }
        }
    }

    @Test func blobsMountAcrossRepositories() async throws {
        let image = TestImage(text: "mounted\n")
        try await withRegistry { client, registry in
            let source = RegistryRepository(domain: registry.domain, path: "berth/source")
            let target = RegistryRepository(domain: registry.domain, path: "berth/target")
            try await push(image, to: source, tag: "latest", client: client)
            #expect(try await client.mountBlob(from: source, to: target, digest: image.layerDigest) == .mounted)
            #expect(try await client.blobExists(target, digest: image.layerDigest) == Int64(image.layer.count))
            let missing = digestOf(Array("never pushed".utf8))
            guard case .uploadNeeded(let session) = try await client.mountBlob(from: source, to: target, digest: missing) else {
                Issue.record("mounting an unknown blob should open an upload session")
                return
            }
            let bytes = Array("never pushed".utf8)
            try await client.uploadBlob(target, digest: missing, size: Int64(bytes.count), from: MemoryBlobSource(bytes), session: session)
            #expect(try await client.blobExists(target, digest: missing) == Int64(bytes.count))
        }
    }

    @Test func largeBlobsUploadInChunks() async throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try await withRegistry(chunkSize: 1_024) { client, registry in
            let repository = RegistryRepository(domain: registry.domain, path: "berth/chunked")
            try await client.uploadBlob(repository, digest: digestOf(bytes), size: Int64(bytes.count), from: MemoryBlobSource(bytes))
            let sink = MemoryBlobSink()
            _ = try await client.fetchBlob(repository, digest: digestOf(bytes), expectedSize: Int64(bytes.count), into: sink)
            #expect(sink.bytes == bytes)
        }
    }

    @Test func anIndexPicksThePlatform() async throws {
        let amd = TestImage(text: "amd64\n", architecture: "amd64", oci: true)
        let arm = TestImage(text: "arm64\n", architecture: "arm64", variant: "v8", oci: true)
        let index = indexDocument([amd.indexEntry(architecture: "amd64"), arm.indexEntry(architecture: "arm64", variant: "v8")])
        try await withRegistry { client, registry in
            let repository = RegistryRepository(domain: registry.domain, path: "berth/multi")
            try await push(amd, to: repository, tag: "amd64", client: client)
            try await push(arm, to: repository, tag: "arm64", client: client)
            #expect(
                try await client.putManifest(repository, reference: "latest", mediaType: RegistryMediaTypes.ociIndex, bytes: index)
                    == digestOf(index))
            let resolved = try await client.resolve(repository, reference: "latest", platform: ImagePlatform(parsing: "linux/arm64/v8"))
            #expect(resolved.top.digest == digestOf(index))
            #expect(resolved.manifest.digest == arm.manifestDigest)
            #expect(resolved.image.layers.first?.digest == arm.layerDigest)
            let tags = try await client.listTags(repository)
            #expect(tags.sorted() == ["amd64", "arm64", "latest"], "\(tags)")
        }
    }

    @Test func basicAuthNeedsTheRightCredentials() async throws {
        let image = TestImage(text: "private\n")
        try await withRegistry(basicAuth: true) { client, registry in
            let repository = RegistryRepository(domain: registry.domain, path: "berth/private")
            let good = RegistryCredentials(username: RegistryProcess.user, password: RegistryProcess.password)
            let bad = RegistryCredentials(username: RegistryProcess.user, password: "wrong")
            await #expect(throws: EngineError.unauthorized("unauthorized: authentication required")) {
                try await client.resolve(repository, reference: "latest")
            }
            await #expect(throws: EngineError.unauthorized("unauthorized: authentication required")) {
                try await client.uploadBlob(
                    repository, digest: image.layerDigest, size: Int64(image.layer.count), from: MemoryBlobSource(image.layer),
                    credentials: bad)
            }
            try await push(image, to: repository, tag: "latest", client: client, credentials: good)
            let resolved = try await client.resolve(repository, reference: "latest", credentials: good)
            #expect(resolved.manifest.bytes == image.manifest)
            #expect(try await client.login(domain: registry.domain, credentials: good) == nil)
            await #expect(
                throws: EngineError.unauthorized("login attempt to http://\(registry.domain)/v2/ failed with status: 401 Unauthorized")
            ) {
                try await client.login(domain: registry.domain, credentials: bad)
            }
        }
    }
}
