// SPDX-License-Identifier: Apache-2.0
// Manifests: fetch by tag or digest with every manifest type in `Accept`, verify the bytes against the
// digest asked for and `Docker-Content-Digest`, pick the platform from an index, and push them back.

import FoundationEssentials
import HTTPCore

extension RegistryClient {
    /// Largest manifest accepted (the distribution spec asks registries to take at least 4 MB).
    static let manifestLimit = 8 << 20

    /// The manifest or index `reference` (tag or digest) names, exactly as stored, with its verified digest.
    public nonisolated func fetchManifest(
        _ repository: RegistryRepository, reference: String, credentials: RegistryCredentials? = nil
    ) async throws -> FetchedManifest {
        try await withEndpoints(repository.domain, push: false) { endpoint in
            try await self.fetchManifest(repository, reference: reference, at: endpoint, credentials: credentials)
        }
    }

    /// Resolves `reference` to one image manifest for `platform` (default: the host's), going through an
    /// index when the reference names one.
    public nonisolated func resolve(
        _ repository: RegistryRepository, reference: String, platform: ImagePlatform? = nil, credentials: RegistryCredentials? = nil
    ) async throws -> ResolvedImage {
        try await withEndpoints(repository.domain, push: false) { endpoint in
            try await self.resolve(repository, reference: reference, platform: platform ?? .host, at: endpoint, credentials: credentials)
        }
    }

    /// Uploads a manifest under `reference` (tag or digest) and returns its digest.
    public nonisolated func putManifest(
        _ repository: RegistryRepository, reference: String, mediaType: String, bytes: [UInt8], credentials: RegistryCredentials? = nil
    ) async throws -> String {
        let digest = BlobDigest.sha256(of: bytes)
        if BlobDigest.isDigest(reference), reference != digest {
            throw EngineError.invalidParameter("manifest digest \(digest) does not match reference \(reference)")
        }
        return try await withEndpoints(repository.domain, push: true) { endpoint in
            var call = RegistryCall(method: "PUT", target: "/v2/\(repository.path)/manifests/\(reference)", body: bytes)
            call.headers["Content-Type"] = mediaType
            call.scopes = [RegistryScope.push(repository)]
            let reply = try await self.perform(call, at: endpoint, credentials: credentials)
            let body = try await self.read(reply, limit: 1 << 20)
            guard (200..<300).contains(reply.status.code) else { throw Self.failure(reply, body, repository, .push) }
            if let header = reply.headers["Docker-Content-Digest"], header.hasPrefix("sha256:"), header != digest {
                throw EngineError.system("the registry stored manifest \(digest) as \(header)")
            }
            return digest
        }
    }

    func fetchManifest(
        _ repository: RegistryRepository, reference: String, at endpoint: RegistryEndpoint, credentials: RegistryCredentials?
    ) async throws -> FetchedManifest {
        var call = RegistryCall(target: "/v2/\(repository.path)/manifests/\(reference)", scopes: [RegistryScope.pull(repository)])
        call.headers["Accept"] = RegistryMediaTypes.manifestAccept
        let reply = try await perform(call, at: endpoint, credentials: credentials)
        let body = try await read(reply, limit: Self.manifestLimit)
        guard reply.status.code == 200 else { throw Self.failure(reply, body, repository, .pullManifest(reference: reference)) }
        let digest = try Self.verifyManifest(body, reference: reference, headerDigest: reply.headers["Docker-Content-Digest"])
        let mediaType = try Self.manifestMediaType(
            body, contentType: reply.headers["Content-Type"], name: repository.familiarString(reference))
        return FetchedManifest(digest: digest, mediaType: mediaType, bytes: body)
    }

    func resolve(
        _ repository: RegistryRepository, reference: String, platform: ImagePlatform, at endpoint: RegistryEndpoint,
        credentials: RegistryCredentials?
    ) async throws -> ResolvedImage {
        let top = try await fetchManifest(repository, reference: reference, at: endpoint, credentials: credentials)
        var current = top
        var index: ManifestIndex?
        var chosen: ImagePlatform?
        // An index may point at another index (nested, image-index.md); three levels are plenty.
        for _ in 0..<3 where RegistryMediaTypes.isIndex(current.mediaType) {
            let parsed = try Self.decode(ManifestIndex.self, current.bytes, what: "manifest list")
            if index == nil { index = parsed }
            guard let entry = platform.select(from: parsed) else {
                let wanted = platform.normalized
                throw EngineError.notFound("no matching manifest for \(wanted.os)/\(wanted.architecture) in the manifest list entries")
            }
            chosen = entry.platform
            current = try await fetchManifest(repository, reference: entry.digest, at: endpoint, credentials: credentials)
            guard Int64(current.bytes.count) == entry.size else {
                throw EngineError.system("manifest verification failed for digest \(entry.digest)")
            }
        }
        guard RegistryMediaTypes.isManifest(current.mediaType) else {
            throw EngineError.system("unsupported manifest media type \(current.mediaType) for \(repository.familiarString(reference))")
        }
        let image = try Self.decode(ImageManifest.self, current.bytes, what: "manifest")
        return ResolvedImage(top: top, index: index, manifest: current, image: image, platform: chosen)
    }
}
