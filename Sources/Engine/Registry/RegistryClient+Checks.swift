// SPDX-License-Identifier: Apache-2.0
// Checks on what registries send back, kept free of I/O so unit tests reach them: manifest digests,
// media types, JSON decoding, and error bodies turned into EngineError.

import FoundationEssentials
import HTTPCore

extension RegistryClient {
    /// The manifest's sha256 digest, after checking it equals the digest asked for (when `reference` is one)
    /// and any sha256 `Docker-Content-Digest` (distribution-spec: "if it is used, the client MUST verify").
    static func verifyManifest(_ bytes: [UInt8], reference: String, headerDigest: String?) throws(EngineError) -> String {
        let computed = BlobDigest.sha256(of: bytes)
        if BlobDigest.isDigest(reference) {
            let wanted = try BlobDigest(parsing: reference)
            guard wanted.description == computed else { throw .system("manifest verification failed for digest \(reference)") }
        }
        if let header = headerDigest.map({ String($0.trimmingSpaces()) }), header.hasPrefix("sha256:"), header != computed {
            throw .system("manifest verification failed for digest \(header)")
        }
        return computed
    }

    /// The manifest's media type: its `mediaType` field, else a known `Content-Type`, else its shape.
    /// Schema 1 is refused; a `mediaType` contradicting a known `Content-Type` is refused (distribution-spec).
    static func manifestMediaType(_ bytes: [UInt8], contentType: String?, name: String) throws(EngineError) -> String {
        let header = RegistryMediaTypes.bare(contentType)
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(bytes)) else {
            throw .system("invalid manifest for \(name): not a JSON document")
        }
        if envelope.schemaVersion == 1 || RegistryMediaTypes.dockerSchema1.contains(header) {
            throw .notImplemented(
                "Docker Image Format v1 and Docker Image manifest version 2, schema 1 support has been removed. "
                    + "Suggest the author of \(name) to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2.")
        }
        let known = RegistryMediaTypes.isIndex(header) || RegistryMediaTypes.isManifest(header)
        if let declared = envelope.mediaType, !declared.isEmpty {
            if known && declared != header {
                throw .system("invalid manifest for \(name): mediaType \(declared) does not match Content-Type \(header)")
            }
            return declared
        }
        if known { return header }
        if envelope.manifests != nil { return RegistryMediaTypes.ociIndex }
        if envelope.config != nil { return RegistryMediaTypes.ociManifest }
        throw .system("unsupported manifest media type \"\(header)\" for \(name)")
    }

    /// Only the fields that tell manifest kinds apart.
    private struct Envelope: Decodable {
        struct Anything: Decodable {}
        var schemaVersion: Int?
        var mediaType: String?
        var manifests: [Anything]?
        var config: Anything?
    }

    /// Decodes a manifest document.
    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], what: String) throws(EngineError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw .system("invalid \(what): \(error)")
        }
    }

    /// The EngineError for a failed response whose body is `body`.
    static func failure(_ reply: RegistryResponse, _ body: [UInt8], _ repository: RegistryRepository?, _ operation: RegistryOperation)
        -> EngineError
    {
        let entries = RegistryErrorEntry.parse(status: reply.status.code, headers: reply.headers, body: body)
        return RegistryErrorEntry.engineError(status: reply.status, entries: entries, repository: repository, operation: operation)
    }

    /// The whole body (up to `limit` bytes), with transport failures in Go's wording.
    nonisolated func read(_ reply: RegistryResponse, limit: Int) async throws -> [UInt8] {
        do {
            return try await reply.response.body(upTo: limit, until: .after(seconds: options.requestTimeout))
        } catch {
            throw Self.transportError(error, method: "GET", url: reply.url)
        }
    }
}
