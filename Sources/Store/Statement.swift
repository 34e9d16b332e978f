// SPDX-License-Identifier: Apache-2.0
// Statement: one prepared sqlite3_stmt, owned, bound, stepped into Rows, and reset for reuse.

import CSQLite

/// Owns one `sqlite3_stmt`; only its `Connection` holds it, so the pointer never leaves the module.
final class Statement {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    /// The SQL text, kept for error messages.
    let sql: String

    /// Prepares exactly one statement (`sqlite3_prepare_v3`); trailing statements are refused, not silently dropped.
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws {
        var prepared: OpaquePointer?
        var extra: OpaquePointer?
        let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
        let code = sql.withCString { text -> Int32 in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &prepared, &tail)
            // A tail holding only whitespace or comments prepares to NULL; anything else is a second statement.
            if code == SQLITE_OK, let tail, tail.pointee != 0 {
                sqlite3_prepare_v2(connection, tail, -1, &extra, nil)
            }
            return code
        }
        guard code == SQLITE_OK else { throw SQLiteError(handle: connection, code: code, sql: sql) }
        guard let prepared else { throw SQLiteError(code: SQLITE_MISUSE, message: "no SQL statement", sql: sql) }
        if extra != nil {
            sqlite3_finalize(extra)
            sqlite3_finalize(prepared)
            throw SQLiteError(code: SQLITE_MISUSE, message: "more than one statement; use executeScript", sql: sql)
        }
        self.handle = prepared
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to `?1…?n`; the count must match the statement's parameter count.
    func bind(_ values: [SQLValue]) throws {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(code: SQLITE_RANGE, message: "expected \(expected) bindings, got \(values.count)", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let code = bind(value, at: Int32(offset + 1))
            guard code == SQLITE_OK else { throw SQLiteError(handle: connection, code: code, sql: sql) }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        // SQLITE_TRANSIENT is a cast macro Swift cannot import: SQLite copies the bytes before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let number):
            return sqlite3_bind_int64(handle, index, number)
        case .real(let number):
            return sqlite3_bind_double(handle, index, number)
        case .text(let text):
            // withCString never hands out NULL, which bind_text would turn into SQL NULL for "".
            let length = sqlite3_uint64(text.utf8.count)
            return text.withCString { sqlite3_bind_text64(handle, index, $0, length, transient, UInt8(SQLITE_UTF8)) }
        case .blob(let bytes):
            // An empty Array has no base address, and a NULL blob pointer binds SQL NULL: bind a zero-length blob instead.
            if bytes.isEmpty { return sqlite3_bind_zeroblob(handle, index, 0) }
            return bytes.withUnsafeBytes { sqlite3_bind_blob64(handle, index, $0.baseAddress, sqlite3_uint64($0.count), transient) }
        }
    }

    /// Steps to completion and collects every row; always resets so the cached statement releases its read snapshot.
    func rows() throws -> [Row] {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var rows: [Row] = []
        var columns: [String] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else { throw SQLiteError(handle: connection, code: code, sql: sql) }
            let count = sqlite3_column_count(handle)
            if rows.isEmpty {
                columns = (0..<count).map { column in sqlite3_column_name(handle, column).map { String(cString: $0) } ?? "" }
            }
            rows.append(Row(columns: columns, values: (0..<count).map(value(at:))))
        }
    }

    private func value(at column: Int32) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Pointer first, then byte count: the order sqlite.org/c3ref/column_blob.html prescribes.
            let text = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: text == nil ? 0 : count), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            return .blob(bytes.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? [])
        default:
            return .null
        }
    }
}
