// SPDX-License-Identifier: Apache-2.0
// Connection: one owned sqlite3 handle with a per-connection prepared-statement cache.

import CSQLite

/// One SQLite connection. Not Sendable: `Database` hands it to one closure at a time on its own thread.
public final class Connection {
    private var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]
    // Bounds the cache when callers build SQL dynamically (e.g. `IN (?, ?, …)` of varying length).
    private static let cacheLimit = 64

    /// Opens `path` (a file, `:memory:`, or a `file:` URI); readers open read-only (`SQLITE_OPEN_READONLY`).
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32) throws {
        // NOMUTEX: SQLite skips its own locking because we never use a connection from two threads at once
        // (sqlite.org/threadsafe.html, "multi-thread" mode).
        let access = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let flags = access | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI | SQLITE_OPEN_EXRESCODE
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        guard code == SQLITE_OK, let opened else {
            let error = SQLiteError(handle: opened, code: code, sql: nil)
            // sqlite3_open_v2 allocates a handle even on failure; it must still be closed (sqlite.org/c3ref/open.html).
            sqlite3_close_v2(opened)
            throw SQLiteError(code: error.code, message: "\(error.message): \(path)")
        }
        handle = opened
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, busyTimeoutMilliseconds)
    }

    deinit { close() }

    /// Closes the handle (`sqlite3_close_v2`); later calls throw "database is closed".
    func close() {
        statements.removeAll()
        sqlite3_close_v2(handle)
        handle = nil
    }

    /// Runs one statement, discarding any rows.
    public func execute(_ sql: String, _ bindings: [SQLValue] = []) throws {
        _ = try query(sql, bindings)
    }

    /// Runs one statement and returns all its rows.
    public func query(_ sql: String, _ bindings: [SQLValue] = []) throws -> [Row] {
        let statement = try cachedStatement(sql)
        try statement.bind(bindings)
        return try statement.rows()
    }

    /// Runs one statement and returns its first row, or nil when there is none.
    public func queryOne(_ sql: String, _ bindings: [SQLValue] = []) throws -> Row? {
        try query(sql, bindings).first
    }

    /// Runs several `;`-separated statements without bindings or caching (migrations, setup scripts).
    public func executeScript(_ sql: String) throws {
        guard let handle else { throw SQLiteError.closed(sql: sql) }
        try sql.withCString { start in
            var cursor = start
            while cursor.pointee != 0 {
                var prepared: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(handle, cursor, -1, &prepared, &tail)
                guard code == SQLITE_OK else { throw SQLiteError(handle: handle, code: code, sql: String(cString: cursor)) }
                // NULL with SQLITE_OK means only whitespace or comments remain.
                guard let prepared, let tail else { return }
                defer { sqlite3_finalize(prepared) }
                var step = sqlite3_step(prepared)
                while step == SQLITE_ROW { step = sqlite3_step(prepared) }
                guard step == SQLITE_DONE else {
                    let text = sqlite3_sql(prepared).map { String(cString: $0) }
                    throw SQLiteError(handle: handle, code: step, sql: text)
                }
                cursor = tail
            }
        }
    }

    /// Rowid of the last successful INSERT on this connection (`sqlite3_last_insert_rowid`).
    public var lastInsertRowID: Int64 { handle.map { sqlite3_last_insert_rowid($0) } ?? 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE (`sqlite3_changes64`).
    public var changes: Int { handle.map { Int(sqlite3_changes64($0)) } ?? 0 }

    /// False while a transaction is open (`sqlite3_get_autocommit`).
    var isAutocommit: Bool { handle.map { sqlite3_get_autocommit($0) != 0 } ?? true }

    private func cachedStatement(_ sql: String) throws -> Statement {
        if let statement = statements[sql] { return statement }
        guard let handle else { throw SQLiteError.closed(sql: sql) }
        let statement = try Statement(connection: handle, sql: sql, persistent: true)
        if statements.count >= Self.cacheLimit { statements.removeAll() }
        statements[sql] = statement
        return statement
    }
}

// Keeps connections from being captured into concurrent code by accident; `Database` owns the threading.
@available(*, unavailable)
extension Connection: Sendable {}
