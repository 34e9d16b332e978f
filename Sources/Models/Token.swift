// SPDX-License-Identifier: Apache-2.0
// Berth's API tokens on the wire (our own routes under /berth/tokens; Docker has no equivalent).

/// A token as listed: never the secret, only its metadata.
public struct TokenSummary: Codable, Sendable, Equatable {
    /// The token's id (the public part of the token string).
    public var id: String
    /// A human name.
    public var name: String
    /// `read` (GET/HEAD only) or `admin`.
    public var scope: String
    /// Creation time, RFC 3339.
    public var createdAt: String
    /// Expiry time, RFC 3339, if any.
    public var expiresAt: String?
    /// Revocation time, RFC 3339, if revoked.
    public var revokedAt: String?

    /// Creates a summary.
    public init(id: String, name: String, scope: String, createdAt: String, expiresAt: String? = nil, revokedAt: String? = nil) {
        self.id = id
        self.name = name
        self.scope = scope
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case name = "Name"
        case scope = "Scope"
        case createdAt = "CreatedAt"
        case expiresAt = "ExpiresAt"
        case revokedAt = "RevokedAt"
    }
}

/// The body of `POST /berth/tokens`.
public struct TokenCreateRequest: Codable, Sendable, Equatable {
    /// A human name; generated when empty.
    public var name: String?
    /// `read` or `admin`.
    public var scope: String
    /// Lifetime in seconds; nil for a token that does not expire.
    public var expiresIn: Int64?

    /// Creates a request.
    public init(name: String? = nil, scope: String, expiresIn: Int64? = nil) {
        self.name = name
        self.scope = scope
        self.expiresIn = expiresIn
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case scope = "Scope"
        case expiresIn = "ExpiresIn"
    }
}

/// The answer to `POST /berth/tokens`: the only time the secret is shown.
public struct TokenCreateResponse: Codable, Sendable, Equatable {
    /// The token's metadata.
    public var summary: TokenSummary
    /// The bearer token to put in `Authorization: Bearer …`.
    public var token: String

    /// Creates a response.
    public init(summary: TokenSummary, token: String) {
        self.summary = summary
        self.token = token
    }

    enum CodingKeys: String, CodingKey {
        case summary = "Summary"
        case token = "Token"
    }
}
