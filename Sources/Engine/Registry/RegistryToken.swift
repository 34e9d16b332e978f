// SPDX-License-Identifier: Apache-2.0
// Bearer tokens from a registry's token service (distribution docs/spec/auth/token.md): the scopes asked
// for, the response fields, and how long a token may be reused.

import FoundationEssentials
import Platform

/// Resource scopes as the token service expects them: `repository:<path>:<actions>`.
enum RegistryScope {
    /// Read access to `repository`.
    static func pull(_ repository: RegistryRepository) -> String { "repository:\(repository.path):pull" }
    /// Read and write access to `repository` (dockerd asks for both when pushing).
    static func push(_ repository: RegistryRepository) -> String { "repository:\(repository.path):pull,push" }
}

/// The token service's JSON answer; `token` and `access_token` are synonyms (OAuth 2 uses the latter).
struct TokenResponse: Decodable, Sendable {
    var token: String?
    var accessToken: String?
    var expiresIn: Int?
    var refreshToken: String?

    enum CodingKeys: String, CodingKey {
        case token
        case accessToken = "access_token"
        case expiresIn = "expires_in"
        case refreshToken = "refresh_token"
    }

    /// The bearer value, preferring `token`.
    var bearer: String? {
        if let token, !token.isEmpty { return token }
        if let accessToken, !accessToken.isEmpty { return accessToken }
        return nil
    }

    /// Seconds the token may be used: `expires_in`, at least 60 (the spec's default and docker's floor).
    var lifetime: Int { max(expiresIn ?? 60, 60) }
}

/// A token kept for reuse until shortly before it expires.
struct CachedToken: Sendable {
    /// The bearer value.
    let value: String
    /// When to stop using it.
    let expires: Deadline
    /// A refresh token handed out with it (logins ask for one with `offline_token=true`).
    let refreshToken: String?

    /// A token from a response; reuse stops 10 s early so a request never carries one that lapses in flight.
    init(_ response: TokenResponse, value: String) {
        self.value = value
        expires = .after(seconds: Double(max(response.lifetime - 10, 1)))
        refreshToken = response.refreshToken
    }

    /// True while the token may still be sent.
    var isFresh: Bool { !expires.hasPassed }
}

/// The key a token is cached under: who asked, where, and for what.
struct TokenKey: Sendable, Hashable {
    let realm: String
    let service: String
    let scopes: [String]
    let who: String

    init(realm: String, service: String, scopes: [String], credentials: RegistryCredentials?) {
        self.realm = realm
        self.service = service
        self.scopes = scopes.sorted()
        who = credentials?.fingerprint ?? "anonymous"
    }
}
