// SPDX-License-Identifier: Apache-2.0
// The JSON shapes of berthd's /berth/tokens routes, as this client reads and writes them.

import FoundationEssentials

/// A token's metadata (never its secret).
struct TokenInfo: Codable {
    let id: String
    let name: String
    let scope: String
    let createdAt: String
    let expiresAt: String?
    let revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case name = "Name"
        case scope = "Scope"
        case createdAt = "CreatedAt"
        case expiresAt = "ExpiresAt"
        case revokedAt = "RevokedAt"
    }

    /// `revoked`, `expired` or `active` at `now` (Unix seconds).
    func status(now: Int64) -> String {
        if revokedAt != nil { return "revoked" }
        if let expiresAt, let expiry = RFC3339.seconds(expiresAt), expiry <= now { return "expired" }
        return "active"
    }
}

/// The body of `POST /berth/tokens`.
struct TokenCreateBody: Encodable {
    let name: String?
    let scope: String
    let expiresIn: Int64?

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case scope = "Scope"
        case expiresIn = "ExpiresIn"
    }
}

/// The answer to `POST /berth/tokens`.
struct TokenCreateReply: Decodable {
    let summary: TokenInfo
    let token: String

    enum CodingKeys: String, CodingKey {
        case summary = "Summary"
        case token = "Token"
    }
}

/// The parts of `GET /version` that `berth version` shows.
struct ServerVersion: Decodable {
    let version: String
    let apiVersion: String
    let minAPIVersion: String?
    let gitCommit: String?
    let goVersion: String?
    let os: String?
    let arch: String?
    let kernelVersion: String?
    let buildTime: String?

    enum CodingKeys: String, CodingKey {
        case version = "Version"
        case apiVersion = "ApiVersion"
        case minAPIVersion = "MinAPIVersion"
        case gitCommit = "GitCommit"
        case goVersion = "GoVersion"
        case os = "Os"
        case arch = "Arch"
        case kernelVersion = "KernelVersion"
        case buildTime = "BuildTime"
    }
}

/// One line of `berth token list --format json`: the token and its status.
struct TokenJSON: Encodable {
    let token: TokenInfo
    let status: String

    enum CodingKeys: String, CodingKey {
        case status = "Status"
    }

    func encode(to encoder: any Encoder) throws {
        try token.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
    }

    /// Compact JSON with sorted keys and unescaped slashes.
    static func line(_ token: TokenInfo, now: Int64) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(TokenJSON(token: token, status: token.status(now: now))), as: UTF8.self)
    }
}
