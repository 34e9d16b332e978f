// SPDX-License-Identifier: Apache-2.0
// DaemonIdentityStore: the daemon's stable ID and other small key/value settings in the `daemon` table.

/// Reads and writes the `daemon` key/value table; the ID is created on first use and never changes afterwards.
public struct DaemonIdentityStore: Sendable {
    /// The database it reads and writes.
    public let database: Database

    /// Wraps a database.
    public init(database: Database) {
        self.database = database
    }

    /// The daemon ID (a lowercase UUID v4, as `docker info` shows in `ID`), created and stored on first call.
    public func identity() async throws -> String {
        if let id = try await value(forKey: "id") { return id }
        let fresh = Self.makeUUIDv4()
        return try await database.write { connection in
            // OR IGNORE: if another caller won the race, its ID stands and is what we return.
            try connection.execute(
                "INSERT OR IGNORE INTO daemon(key, value) VALUES ('id', ?), ('created', CAST(unixepoch() AS TEXT))",
                [.text(fresh)])
            return try connection.queryOne("SELECT value FROM daemon WHERE key = 'id'")?.string(0) ?? fresh
        }
    }

    /// The value stored under `key`, or nil.
    public func value(forKey key: String) async throws -> String? {
        try await database.read { connection in
            try connection.queryOne("SELECT value FROM daemon WHERE key = ?", [.text(key)])?.string(0)
        }
    }

    /// Stores `value` under `key`, replacing any previous value.
    public func setValue(_ value: String, forKey key: String) async throws {
        try await database.write { connection in
            try connection.execute(
                "INSERT INTO daemon(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)])
        }
    }

    /// 16 random bytes as an RFC 9562 version-4 UUID string, lowercase.
    static func makeUUIDv4() -> String {
        // SystemRandomNumberGenerator reads getrandom(2) on Linux: cryptographically secure, no fd to manage.
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC variant
        let digits = Array("0123456789abcdef")
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
