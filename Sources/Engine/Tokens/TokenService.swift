// SPDX-License-Identifier: Apache-2.0
// Bearer tokens for TCP listeners. A token is `berth_<id>_<secret>`: the id finds the record, and
// SHA-256 of the secret is compared in constant time with the stored hash. The secret itself is
// never stored. Records are cached in memory (this daemon is the only writer), so revocation and
// expiry take effect on the very next request without a database read per request.

import FoundationEssentials
import Models
import Platform
import Store

/// Outcome of checking a bearer token.
public enum TokenCheck: Sendable, Equatable {
    /// Valid; the token's name and scope.
    case valid(name: String, scope: TokenScope)
    /// Unknown, malformed or wrong secret.
    case invalid
    /// Known but expired.
    case expired
    /// Known but revoked.
    case revoked
}

/// Creates, lists, revokes and checks API tokens.
public actor TokenService {
    private let store: TokenStore
    private let events: EventBus
    private var cache: [String: TokenRecord] = [:]
    private let clock: @Sendable () -> Int64

    /// The longest lifetime accepted, in seconds (keeps `now + lifetime` far from overflowing).
    static let longestLifetime: Int64 = 100 * 366 * 24 * 3600

    /// A service over the tokens table; call `load()` before checking tokens.
    public init(store: TokenStore, events: EventBus, clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.store = store
        self.events = events
        self.clock = clock
    }

    /// Reads every token record into memory.
    public func load() async throws {
        cache = Dictionary(uniqueKeysWithValues: try await store.list().map { ($0.id, $0) })
    }

    /// Creates a token; the returned string is shown once and never stored.
    public func create(_ request: TokenCreateRequest) async throws -> TokenCreateResponse {
        guard let scope = TokenScope(rawValue: request.scope) else {
            throw EngineError.invalidParameter("invalid token scope \"\(request.scope)\": must be \"read\" or \"admin\"")
        }
        if let lifetime = request.expiresIn, lifetime <= 0 || lifetime > Self.longestLifetime {
            throw EngineError.invalidParameter("token expiry must be a positive duration of at most 100 years")
        }
        let id = Crypto.hex(Crypto.randomBytes(6))
        let secret = Crypto.hex(Crypto.randomBytes(32))
        let now = clock()
        let name = (request.name?.isEmpty ?? true) ? "token-\(id)" : request.name ?? id
        let record = TokenRecord(
            id: id, name: name, scope: scope.rawValue, hash: Crypto.sha256(Array(secret.utf8)), createdAt: now,
            expiresAt: request.expiresIn.map { now + $0 })
        try await store.insert(record)
        cache[id] = record
        await events.publish(.daemon, "token create", actor: id, attributes: ["name": name, "scope": scope.rawValue])
        return TokenCreateResponse(summary: Self.summary(record), token: "berth_\(id)_\(secret)")
    }

    /// Every token, newest first, without secrets.
    public func list() -> [TokenSummary] {
        cache.values.sorted { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }.map(Self.summary)
    }

    /// Revokes the token with this id or name (404 if none, 409 if already revoked, 400 if a name is ambiguous).
    public func revoke(_ reference: String) async throws -> TokenSummary {
        var matches = cache.values.filter { $0.id == reference }
        if matches.isEmpty { matches = cache.values.filter { $0.name == reference && $0.revokedAt == nil } }
        guard let record = matches.first else { throw EngineError.notFound("No such token: \(reference)") }
        guard matches.count == 1 else {
            throw EngineError.invalidParameter("token name \"\(reference)\" is ambiguous: revoke by ID")
        }
        guard record.revokedAt == nil else { throw EngineError.conflict("token \(record.id) is already revoked") }
        let now = clock()
        guard try await store.revoke(id: record.id, at: now) else { throw EngineError.notFound("No such token: \(reference)") }
        var revoked = record
        revoked.revokedAt = now
        cache[record.id] = revoked
        await events.publish(.daemon, "token revoke", actor: record.id, attributes: ["name": record.name, "scope": record.scope])
        return Self.summary(revoked)
    }

    /// Checks a bearer token string.
    public func check(_ token: String) -> TokenCheck {
        let parts = token.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "berth", let record = cache[String(parts[1])] else { return .invalid }
        let presented = Crypto.sha256(Array(parts[2].utf8))
        guard Crypto.constantTimeEqual(presented, record.hash) else { return .invalid }
        if record.revokedAt != nil { return .revoked }
        if let expiry = record.expiresAt, clock() >= expiry { return .expired }
        guard let scope = TokenScope(rawValue: record.scope) else { return .invalid }
        return .valid(name: record.name, scope: scope)
    }

    static func summary(_ record: TokenRecord) -> TokenSummary {
        TokenSummary(
            id: record.id, name: record.name, scope: record.scope, createdAt: Timestamps.rfc3339(seconds: record.createdAt),
            expiresAt: record.expiresAt.map(Timestamps.rfc3339(seconds:)), revokedAt: record.revokedAt.map(Timestamps.rfc3339(seconds:)))
    }
}
