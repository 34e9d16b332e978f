// SPDX-License-Identifier: Apache-2.0
// Blob uploads (distribution-spec "Pushing blobs"): cross-repository mount, then POST for a session and
// either one PUT with the whole blob (small ones) or PATCH chunks with Content-Range and a closing PUT.

import HTTPCore

/// An upload session the registry opened (its `Location`).
public struct UploadSession: Sendable, Equatable {
    /// The absolute URL to PATCH/PUT to.
    public let location: String
}

/// The outcome of a mount request.
public enum MountResult: Sendable, Equatable {
    /// The blob is now in the target repository.
    case mounted
    /// The registry could not mount it and opened an upload session instead (202).
    case uploadNeeded(UploadSession)
}

extension RegistryClient {
    /// Asks the registry to link blob `digest` from `source` into `repository` (same registry).
    public nonisolated func mountBlob(
        from source: RegistryRepository, to repository: RegistryRepository, digest: String, credentials: RegistryCredentials? = nil
    ) async throws -> MountResult {
        _ = try BlobDigest(parsing: digest)
        return try await withEndpoints(repository.domain, push: true) { endpoint in
            var call = RegistryCall(method: "POST", target: "/v2/\(repository.path)/blobs/uploads/")
            call.url = RegistryURL(origin: endpoint.origin, target: call.target).appendingQuery([("mount", digest), ("from", source.path)])
            call.scopes = [RegistryScope.push(repository), RegistryScope.pull(source)]
            let reply = try await self.perform(call, at: endpoint, credentials: credentials)
            let body = try await self.read(reply, limit: 1 << 20)
            switch reply.status.code {
            case 201: return .mounted
            case 202: return .uploadNeeded(try Self.session(from: reply))
            default: throw Self.failure(reply, body, repository, .push)
            }
        }
    }

    /// Uploads `size` bytes from `source` as blob `digest`: one PUT up to `options.chunkSize`, PATCH chunks
    /// beyond. `session` continues an upload a mount attempt opened. `progress` gets bytes sent so far.
    public nonisolated func uploadBlob(
        _ repository: RegistryRepository, digest: String, size: Int64, from source: some BlobSource, session: UploadSession? = nil,
        credentials: RegistryCredentials? = nil, progress: (@Sendable (Int64) -> Void)? = nil
    ) async throws {
        _ = try BlobDigest(parsing: digest)
        let chunkSize = options.chunkSize
        try await withEndpoints(repository.domain, push: true) { endpoint in
            let scopes = [RegistryScope.push(repository)]
            var location: RegistryURL
            if let given = session.flatMap({ RegistryURL(parsing: $0.location) }) {
                location = given
            } else {
                let start = RegistryCall(method: "POST", target: "/v2/\(repository.path)/blobs/uploads/", scopes: scopes)
                let reply = try await self.perform(start, at: endpoint, credentials: credentials)
                let body = try await self.read(reply, limit: 1 << 20)
                guard reply.status.code == 202 else { throw Self.failure(reply, body, repository, .push) }
                location = try Self.url(of: reply)
            }
            var finalBody: [UInt8] = []
            if size <= Int64(chunkSize) {
                finalBody = try await Self.readChunk(source, at: 0, count: Int(size), digest: digest)
            } else {
                var offset: Int64 = 0
                while offset < size {
                    let chunk = try await Self.readChunk(
                        source, at: offset, count: Int(min(Int64(chunkSize), size - offset)), digest: digest)
                    var patch = RegistryCall(method: "PATCH", url: location, body: chunk, scopes: scopes)
                    patch.headers["Content-Type"] = "application/octet-stream"
                    patch.headers["Content-Range"] = "\(offset)-\(offset + Int64(chunk.count) - 1)"
                    let reply = try await self.perform(patch, at: endpoint, credentials: credentials)
                    let body = try await self.read(reply, limit: 1 << 20)
                    guard reply.status.code == 202 else { throw Self.failure(reply, body, repository, .push) }
                    location = (try? Self.url(of: reply)) ?? location
                    offset += Int64(chunk.count)
                    progress?(offset)
                }
            }
            var put = RegistryCall(method: "PUT", url: location.appendingQuery([("digest", digest)]), body: finalBody, scopes: scopes)
            put.headers["Content-Type"] = "application/octet-stream"
            let reply = try await self.perform(put, at: endpoint, credentials: credentials)
            let body = try await self.read(reply, limit: 1 << 20)
            guard reply.status.code == 201 || reply.status.code == 204 else { throw Self.failure(reply, body, repository, .push) }
            if let stored = reply.headers["Docker-Content-Digest"], stored.hasPrefix("sha256:"), stored != digest {
                throw EngineError.system("the registry stored blob \(digest) as \(stored)")
            }
            if !finalBody.isEmpty { progress?(size) }
        }
    }

    /// Exactly `count` bytes of the source, or an error naming the blob.
    static func readChunk(_ source: some BlobSource, at offset: Int64, count: Int, digest: String) async throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try await source.read(at: offset, count: count)
        } catch {
            throw error is CancellationError || error is EngineError ? error : EngineError.system("reading blob \(digest): \(error)")
        }
        guard bytes.count == count else {
            throw EngineError.system("reading blob \(digest): expected \(count) bytes at offset \(offset), got \(bytes.count)")
        }
        return bytes
    }

    /// The response's `Location`, resolved against the request URL.
    static func url(of reply: RegistryResponse) throws -> RegistryURL {
        guard let text = reply.headers["Location"], let url = reply.url.resolving(text) else {
            throw EngineError.system("the registry answered \(reply.status.code) without an upload location")
        }
        return url
    }

    static func session(from reply: RegistryResponse) throws -> UploadSession {
        UploadSession(location: try url(of: reply).description)
    }
}
