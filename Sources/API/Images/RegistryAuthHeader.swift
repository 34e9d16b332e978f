// SPDX-License-Identifier: Apache-2.0
// `X-Registry-Auth`: base64url-encoded JSON AuthConfig, as the docker CLI and docker-py send it.

import Engine
import FoundationEssentials
import HTTPCore
import Models

/// Decodes registry credentials from request headers.
enum RegistryAuthHeader {
    /// The credentials in `X-Registry-Auth`, if any; a malformed header is a 400 as in dockerd.
    static func credentials(_ request: HTTPRequest) throws -> RegistryCredentials? {
        guard let header = request.headers["X-Registry-Auth"], !header.isEmpty else { return nil }
        guard let bytes = decodeBase64URL(header) else { throw APIError.badRequest("invalid X-Registry-Auth header: base64 expected") }
        // docker-py sends "{}" for no credentials; an unparsable value counts as none, as in dockerd.
        guard let config = try? JSONCoding.decode(AuthConfig.self, from: bytes) else { return nil }
        return credentials(config)
    }

    /// Credentials from an AuthConfig (also used for `POST /auth`).
    static func credentials(_ config: AuthConfig) -> RegistryCredentials? {
        var username = config.username ?? ""
        var password = config.password ?? ""
        if username.isEmpty, let auth = config.auth, let raw = decodeBase64URL(auth) {
            let text = String(decoding: raw, as: UTF8.self)
            if let colon = text.firstIndex(of: ":") {
                username = String(text[..<colon])
                password = String(text[text.index(after: colon)...])
            }
        }
        let identity = config.identityToken ?? ""
        let registry = config.registryToken ?? ""
        if username.isEmpty && password.isEmpty && identity.isEmpty && registry.isEmpty { return nil }
        return RegistryCredentials(username: username, password: password, identityToken: identity, registryToken: registry)
    }

    /// Standard or URL-safe base64, with or without padding.
    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var standard = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
