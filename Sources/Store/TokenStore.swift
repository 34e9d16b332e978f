// SPDX-License-Identifier: Apache-2.0
// TokenStore: API token rows (hash only, never the secret) in the `tokens` table.

/// One API token as stored; times are unix seconds.
public struct TokenRecord: Sendable, Equatable {
    /// Public token identifier.
    public var id: String
    /// Human label; names may repeat.
    public var name: String
    /// `read` or `admin` (the table's CHECK constraint refuses anything else).
    public var scope: String
    /// Hash of the secret.
    public var hash: [UInt8]
    /// Creation time.
    public var createdAt: Int64
    /// Expiry time, nil for never.
    public var expiresAt: Int64?
    /// Revocation time, nil while valid.
    public var revokedAt: Int64?
    /// Last successful use, nil if never used.
    public var lastUsedAt: Int64?

    /// Describes one token.
    public init(
        id: String, name: String, scope: String, hash: [UInt8], createdAt: Int64,
        expiresAt: Int64? = nil, revokedAt: Int64? = nil, lastUsedAt: Int64? = nil
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.hash = hash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    init(_ row: Row) {
        self.init(
            id: row.string("id") ?? "", name: row.string("name") ?? "", scope: row.string("scope") ?? "",
            hash: row.blob("hash") ?? [], createdAt: row.int("created_at") ?? 0, expiresAt: row.int("expires_at"),
            revokedAt: row.int("revoked_at"), lastUsedAt: row.int("last_used_at"))
    }
}

/// Persists API tokens.
public struct TokenStore: Sendable {
    /// The database it reads and writes.
    public let database: Database
    private static let columns = "id, name, scope, hash, created_at, expires_at, revoked_at, last_used_at"

    /// Wraps a database.
    public init(database: Database) {
        self.database = database
    }

    /// Inserts a new token; throws a constraint `SQLiteError` for a duplicate id or an unknown scope.
    public func insert(_ token: TokenRecord) async throws {
        try await database.write { connection in
            try connection.execute(
                "INSERT INTO tokens(\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(token.id), .text(token.name), .text(token.scope), .blob(token.hash), .integer(token.createdAt),
                    SQLValue(token.expiresAt), SQLValue(token.revokedAt), SQLValue(token.lastUsedAt),
                ])
        }
    }

    /// Every token, revoked ones included, newest first.
    public func list() async throws -> [TokenRecord] {
        try await database.read { connection in
            try connection.query("SELECT \(Self.columns) FROM tokens ORDER BY created_at DESC, rowid DESC").map(TokenRecord.init)
        }
    }

    /// The token with `id`, or nil.
    public func find(id: String) async throws -> TokenRecord? {
        try await database.read { connection in
            try connection.queryOne("SELECT \(Self.columns) FROM tokens WHERE id = ?", [.text(id)]).map(TokenRecord.init)
        }
    }

    /// Marks the token revoked at `time` (default: now); false when unknown or already revoked.
    public func revoke(id: String, at time: Int64? = nil) async throws -> Bool {
        try await database.write { connection in
            try connection.execute(
                "UPDATE tokens SET revoked_at = coalesce(?, unixepoch()) WHERE id = ? AND revoked_at IS NULL",
                [SQLValue(time), .text(id)])
            return connection.changes == 1
        }
    }

    /// Records a successful use at `time` (default: now); false when the token is unknown.
    public func touch(id: String, at time: Int64? = nil) async throws -> Bool {
        try await database.write { connection in
            try connection.execute(
                "UPDATE tokens SET last_used_at = coalesce(?, unixepoch()) WHERE id = ?", [SQLValue(time), .text(id)])
            return connection.changes == 1
        }
    }
}
