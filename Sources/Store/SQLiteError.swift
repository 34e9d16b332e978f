// SPDX-License-Identifier: Apache-2.0
// The one error type for failed SQLite calls: extended result code, sqlite3_errmsg text, and the SQL being run.

import CSQLite

/// A failed SQLite call; `code` is the extended result code (GRDB `DatabaseError` keeps the same three fields).
public struct SQLiteError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The extended result code, e.g. 2067 for `SQLITE_CONSTRAINT_UNIQUE`.
    public let code: Int32
    /// `sqlite3_errmsg` at the time of failure, or a message of ours for misuse.
    public let message: String
    /// The SQL text being prepared or run, when there was one.
    public let sql: String?

    /// Wraps an explicit code and message.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    /// Reads the message from the connection that just failed.
    init(handle: OpaquePointer?, code: Int32, sql: String?) {
        // sqlite3_errmsg on a NULL handle would say "out of memory"; the generic text for the code is more honest.
        let text = handle.flatMap { sqlite3_errmsg($0) } ?? sqlite3_errstr(code)
        self.init(code: code, message: text.map { String(cString: $0) } ?? "SQLite error \(code)", sql: sql)
    }

    /// The error thrown by any call on a closed connection or database.
    static func closed(sql: String? = nil) -> SQLiteError {
        SQLiteError(code: SQLITE_MISUSE, message: "database is closed", sql: sql)
    }

    /// The primary result code (the low byte of `code`), e.g. `SQLITE_CONSTRAINT`.
    public var primaryCode: Int32 { code & 0xff }

    /// True for any constraint failure (UNIQUE, CHECK, NOT NULL, FOREIGN KEY, …).
    public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

    /// True when a UNIQUE or PRIMARY KEY constraint failed, the usual "name already in use" signal.
    public var isUniqueViolation: Bool {
        // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY are `(SQLITE_CONSTRAINT | (n<<8))` macros, which Swift does not import.
        code == SQLITE_CONSTRAINT | (8 << 8) || code == SQLITE_CONSTRAINT | (6 << 8)
    }

    /// `SQLite error 2067: UNIQUE constraint failed: t.name (while running: INSERT …)`.
    public var description: String {
        var text = "SQLite error \(code): \(message)"
        if let sql { text += " (while running: \(sql))" }
        return text
    }
}
