// SPDX-License-Identifier: Apache-2.0
// Blobs: existence checks before a push, and streamed downloads that hash and count every byte on the
// way to the caller's sink. A blob is only good once this returns; on any error the caller drops what
// its sink received (it writes to a temp file and renames only after success).

import HTTPClient
import HTTPCore
import Platform

extension RegistryClient {
    /// The size of blob `digest` in `repository` when the registry has it (`HEAD`), nil when it does not.
    /// Asks with push scopes on push endpoints: it is the check before an upload.
    public nonisolated func blobExists(
        _ repository: RegistryRepository, digest: String, credentials: RegistryCredentials? = nil
    ) async throws -> Int64? {
        _ = try BlobDigest(parsing: digest)
        return try await withEndpoints(repository.domain, push: true) { endpoint in
            let call = RegistryCall(
                method: "HEAD", target: "/v2/\(repository.path)/blobs/\(digest)", scopes: [RegistryScope.push(repository)],
                followRedirects: true)
            let reply = try await self.perform(call, at: endpoint, credentials: credentials)
            switch reply.status.code {
            case 200: return reply.headers["Content-Length"].flatMap { Int64($0) } ?? 0
            case 404: return nil
            default: throw Self.failure(reply, [], repository, .push)
            }
        }
    }

    /// Streams blob `digest` into `sink`, hashing and counting as it goes, and returns its size. Throws
    /// when the content does not hash to `digest` or its size differs from `expectedSize`; redirects to
    /// storage hosts are followed. `progress` gets the byte count received so far after each piece.
    public nonisolated func fetchBlob(
        _ repository: RegistryRepository, digest: String, expectedSize: Int64? = nil, credentials: RegistryCredentials? = nil,
        into sink: some BlobSink, progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws -> Int64 {
        let expected = try BlobDigest(parsing: digest)
        var started = false
        return try await withEndpoints(repository.domain, push: false, mayRetry: { !started }) { endpoint in
            let call = RegistryCall(
                target: "/v2/\(repository.path)/blobs/\(digest)", scopes: [RegistryScope.pull(repository)], followRedirects: true)
            let reply = try await self.perform(call, at: endpoint, credentials: credentials)
            guard reply.status.code == 200 else { throw Self.failure(reply, try await self.read(reply, limit: 1 << 20), repository, .pull) }
            if let expectedSize, let length = reply.headers["Content-Length"].flatMap(Int64.init), length != expectedSize {
                await reply.response.connection.close()
                let what = "size mismatch: expected \(expectedSize) bytes, Content-Length is \(length)"
                throw EngineError.system("blob verification failed for digest \(digest): \(what)")
            }
            var verifier = expected.makeVerifier()
            var received: Int64 = 0
            while let piece = try await self.nextPiece(reply) {
                started = true
                received += Int64(piece.count)
                if let expectedSize, received > expectedSize {
                    await reply.response.connection.close()
                    throw Self.sizeMismatch(digest, expected: expectedSize, received: received)
                }
                verifier.update(piece)
                do {
                    try await sink.write(piece)
                } catch {
                    await reply.response.connection.close()
                    throw error is CancellationError ? error : EngineError.system("writing blob \(digest): \(error)")
                }
                progress?(received)
            }
            if let expectedSize, received != expectedSize { throw Self.sizeMismatch(digest, expected: expectedSize, received: received) }
            let actual = verifier.finalize()
            guard actual == expected.description else {
                throw EngineError.system("blob verification failed for digest \(digest): digest mismatch: the content hashes to \(actual)")
            }
            return received
        }
    }

    /// The next body piece, waiting at most `requestTimeout` for it.
    nonisolated func nextPiece(_ reply: RegistryResponse) async throws -> [UInt8]? {
        do {
            return try await reply.response.nextPiece(until: .after(seconds: options.requestTimeout))
        } catch {
            throw Self.transportError(error, method: "GET", url: reply.url)
        }
    }

    static func sizeMismatch(_ digest: String, expected: Int64, received: Int64) -> EngineError {
        .system("blob verification failed for digest \(digest): size mismatch: expected \(expected) bytes, received \(received)")
    }
}
