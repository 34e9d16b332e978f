// SPDX-License-Identifier: Apache-2.0
// Registry error responses turned into EngineError with dockerd's wording: the `{"errors":[…]}` body
// (distribution-spec "Error Codes"), OAuth errors in a Bearer challenge (RFC 6750 §3.1, as distribution's
// HandleErrorResponse reads them), and moby distribution/errors.go's pull messages.

import FoundationEssentials
import HTTPCore

/// One error a registry reported: its code (`MANIFEST_UNKNOWN`) and message.
struct RegistryErrorEntry: Sendable, Equatable, CustomStringConvertible {
    let code: String
    let message: String

    /// errcode.Error's text: the code lowercased with spaces, then the message (or the code's default).
    var description: String {
        let name = code.lowercased().replacing("_", with: " ")
        return "\(name): \(message.isEmpty ? Self.defaultMessage(code) : message)"
    }

    /// distribution's registered message for `code`.
    static func defaultMessage(_ code: String) -> String {
        switch code {
        case "BLOB_UNKNOWN": "blob unknown to registry"
        case "BLOB_UPLOAD_INVALID": "blob upload invalid"
        case "BLOB_UPLOAD_UNKNOWN": "blob upload unknown to registry"
        case "DIGEST_INVALID": "provided digest did not match uploaded content"
        case "MANIFEST_BLOB_UNKNOWN": "blob unknown to registry"
        case "MANIFEST_INVALID": "manifest invalid"
        case "MANIFEST_UNKNOWN": "manifest unknown"
        case "NAME_INVALID": "invalid repository name"
        case "NAME_UNKNOWN": "repository name not known to registry"
        case "SIZE_INVALID": "provided length did not match content length"
        case "UNAUTHORIZED": "authentication required"
        case "DENIED": "requested access to the resource is denied"
        case "UNSUPPORTED": "The operation is unsupported."
        case "TOOMANYREQUESTS": "too many requests"
        default: "unknown error"
        }
    }

    /// The errors of a 4xx response: OAuth errors from a Bearer challenge first, then the JSON body's
    /// `errors`, or a token service's `{"details": …}`; a bare 401 counts as UNAUTHORIZED.
    static func parse(status: Int, headers: HTTPHeaders, body: [UInt8]) -> [RegistryErrorEntry] {
        var entries: [RegistryErrorEntry] = []
        for challenge in AuthChallenge.parse(headers: headers) where challenge.scheme == "bearer" {
            let code: String
            switch challenge.parameters["error"] {
            case "invalid_token": code = "UNAUTHORIZED"
            case "insufficient_scope": code = "DENIED"
            default: continue
            }
            entries.append(RegistryErrorEntry(code: code, message: challenge.parameters["error_description"] ?? ""))
            break
        }
        if let parsed = try? JSONDecoder().decode(Body.self, from: Data(body)) {
            entries += (parsed.errors ?? []).map { RegistryErrorEntry(code: $0.code ?? "UNKNOWN", message: $0.message ?? "") }
            if status == 401, entries.isEmpty, let details = parsed.details {
                entries.append(RegistryErrorEntry(code: "UNAUTHORIZED", message: details))
            }
        }
        if entries.isEmpty && status == 401 { entries.append(RegistryErrorEntry(code: "UNAUTHORIZED", message: "")) }
        return entries
    }

    private struct Body: Decodable {
        struct Item: Decodable {
            var code: String?
            var message: String?
        }
        var errors: [Item]?
        var details: String?
    }
}

/// What the client was doing when a registry said no; picks dockerd's message.
enum RegistryOperation: Sendable {
    /// Fetching the manifest `reference` (a tag or digest).
    case pullManifest(reference: String)
    /// Fetching or listing something else for a pull (blobs, tags).
    case pull
    /// Anything on the push side.
    case push
    /// Login, search and other registry-wide calls.
    case other
}

extension RegistryErrorEntry {
    /// The EngineError for a failed response to `operation` on `repository`.
    static func engineError(
        status: HTTPStatus, entries: [RegistryErrorEntry], repository: RegistryRepository?, operation: RegistryOperation
    ) -> EngineError {
        let name = repository?.familiarName ?? ""
        guard let first = entries.first else {
            switch (status.code, operation) {
            case (403, _): return .forbidden("denied: \(defaultMessage("DENIED"))")
            case (404, .pullManifest(let reference)):
                return .notFound(
                    "manifest for \(repository?.familiarString(reference) ?? reference) not found: manifest unknown: manifest unknown")
            case (404, _): return .notFound("received unexpected HTTP status: \(status.code) \(status.reason)")
            default: return .system("received unexpected HTTP status: \(status.code) \(status.reason)")
            }
        }
        let message = first.message.isEmpty ? defaultMessage(first.code) : first.message
        switch (first.code, operation) {
        case ("DENIED", .pull), ("DENIED", .pullManifest):
            return .notFound("pull access denied for \(name), repository does not exist or may require 'docker login': denied: \(message)")
        case ("MANIFEST_UNKNOWN", .pullManifest(let reference)):
            return .notFound("manifest for \(repository?.familiarString(reference) ?? reference) not found: \(first)")
        case ("NAME_UNKNOWN", .pull), ("NAME_UNKNOWN", .pullManifest):
            return .notFound("repository \(name) not found: \(first)")
        case ("DENIED", _): return .forbidden(first.description)
        case ("UNAUTHORIZED", _): return .unauthorized(first.description)
        case ("MANIFEST_UNKNOWN", _), ("BLOB_UNKNOWN", _), ("NAME_UNKNOWN", _): return .notFound(first.description)
        case ("TOOMANYREQUESTS", _): return .unavailable(first.description)
        default: return .system(first.description)
        }
    }
}
