// SPDX-License-Identifier: Apache-2.0
// Push-side requests against a scripted upload endpoint: monolithic PUT, chunked PATCH with
// Content-Range, mounts answered 201 or 202, manifest PUT.

import HTTPCore
import Synchronization
import Testing

@testable import Engine

/// A fake upload endpoint for `app` that assembles PATCHed chunks and checks the final digest.
final class FakeUploads: Sendable {
    let received = Mutex<[UInt8]>([])
    let ranges = Mutex<[String]>([])
    let stored = Mutex<[String: [UInt8]]>([:])

    func handle(_ request: FakeRequest) -> FakeResponse {
        let uploads = "/v2/app/blobs/uploads/"
        switch (request.method, request.path) {
        case ("GET", "/v2/"): return .json("{}")
        case ("POST", uploads):
            if let digest = request.query["mount"] {
                if stored.withLock({ $0[digest] }) != nil {
                    return FakeResponse(status: 201, headers: [("Location", "/v2/app/blobs/\(digest)")])
                }
            }
            received.withLock { $0 = [] }
            return FakeResponse(status: 202, headers: [("Location", "\(uploads)session-1?_state=0")])
        case ("PATCH", uploads + "session-1"):
            ranges.withLock { $0.append(request.headers["Content-Range"] ?? "") }
            let count = received.withLock {
                $0 += request.body; return $0.count
            }
            return FakeResponse(status: 202, headers: [("Location", "\(uploads)session-1?_state=\(count)"), ("Range", "0-\(count - 1)")])
        case ("PUT", uploads + "session-1"):
            let content = received.withLock { $0 + request.body }
            guard let digest = request.query["digest"], digestOf(content) == digest else {
                return registryError("DIGEST_INVALID", "provided digest did not match uploaded content", status: 400)
            }
            stored.withLock { $0[digest] = content }
            return FakeResponse(status: 201, headers: [("Location", "/v2/app/blobs/\(digest)"), ("Docker-Content-Digest", digest)])
        case ("PUT", let path) where path.hasPrefix("/v2/app/manifests/"):
            #expect(request.headers["Content-Type"] == RegistryMediaTypes.dockerManifest)
            return FakeResponse(status: 201, headers: [("Docker-Content-Digest", digestOf(request.body))])
        default:
            return registryError("UNSUPPORTED", "", status: 405)
        }
    }
}

@Suite struct RegistryFakePushTests {
    func withUploads(chunkSize: Int, _ body: (RegistryClient, RegistryRepository, FakeUploads) async throws -> Void) async throws {
        let uploads = FakeUploads()
        let server = try FakeHTTPServer { uploads.handle($0) }
        defer { server.stop() }
        let client = RegistryClient(options: RegistryOptions(chunkSize: chunkSize))
        try await body(client, RegistryRepository(domain: server.domain, path: "app"), uploads)
        await client.close()
    }

    @Test func largeBlobsGoInContentRangeChunks() async throws {
        let blob = Array("0123456789".utf8)
        try await withUploads(chunkSize: 4) { client, repository, uploads in
            let sent = Mutex<[Int64]>([])
            try await client.uploadBlob(
                repository, digest: digestOf(blob), size: Int64(blob.count), from: MemoryBlobSource(blob),
                progress: { value in sent.withLock { $0.append(value) } })
            #expect(uploads.ranges.withLock { $0 } == ["0-3", "4-7", "8-9"])
            #expect(uploads.stored.withLock { $0[digestOf(blob)] } == blob)
            #expect(sent.withLock { $0 } == [4, 8, 10])
        }
    }

    @Test func smallBlobsGoInOnePut() async throws {
        let blob = Array("0123456789".utf8)
        try await withUploads(chunkSize: 100) { client, repository, uploads in
            try await client.uploadBlob(repository, digest: digestOf(blob), size: Int64(blob.count), from: MemoryBlobSource(blob))
            #expect(uploads.ranges.withLock { $0 }.isEmpty)
            #expect(uploads.stored.withLock { $0[digestOf(blob)] } == blob)
            await #expect(throws: EngineError.system("reading blob \(digestOf(blob)): expected 11 bytes at offset 0, got 10")) {
                try await client.uploadBlob(repository, digest: digestOf(blob), size: 11, from: MemoryBlobSource(blob))
            }
            await #expect(throws: EngineError.system("digest invalid: provided digest did not match uploaded content")) {
                try await client.uploadBlob(repository, digest: digestOf([1]), size: Int64(blob.count), from: MemoryBlobSource(blob))
            }
        }
    }

    @Test func mountsAnswerMountedOrAnUploadSession() async throws {
        let blob = Array("mount me".utf8)
        try await withUploads(chunkSize: 100) { client, repository, _ in
            let source = RegistryRepository(domain: repository.domain, path: "other")
            let first = try await client.mountBlob(from: source, to: repository, digest: digestOf(blob))
            guard case .uploadNeeded(let session) = first else {
                Issue.record("expected an upload session, got \(first)")
                return
            }
            #expect(session.location == "http://\(repository.domain)/v2/app/blobs/uploads/session-1?_state=0")
            try await client.uploadBlob(
                repository, digest: digestOf(blob), size: Int64(blob.count), from: MemoryBlobSource(blob), session: session)
            #expect(try await client.mountBlob(from: source, to: repository, digest: digestOf(blob)) == .mounted)
        }
    }

    @Test func manifestsArePutWithTheirMediaType() async throws {
        let image = TestImage()
        try await withUploads(chunkSize: 100) { client, repository, _ in
            let digest = try await client.putManifest(repository, reference: "v1", mediaType: image.mediaType, bytes: image.manifest)
            #expect(digest == image.manifestDigest)
            await #expect(throws: EngineError.self) {
                try await client.putManifest(
                    repository, reference: TestImage(text: "x").manifestDigest, mediaType: image.mediaType, bytes: image.manifest)
            }
        }
    }
}
