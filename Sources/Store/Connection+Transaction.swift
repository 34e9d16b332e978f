// SPDX-License-Identifier: Apache-2.0
// Transactions and per-connection PRAGMA setup, kept apart from statement plumbing.

import CSQLite

extension Connection {
    /// The BEGIN flavour (sqlite.org/lang_transaction.html).
    enum TransactionKind: String {
        /// Takes the write lock at first write; right for read transactions.
        case deferred = "DEFERRED"
        /// Takes the write lock at BEGIN, so a write never fails half-way with SQLITE_BUSY on lock upgrade.
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` between BEGIN and COMMIT; rolls back and rethrows when `body` or COMMIT throws.
    func transaction<T>(_ kind: TransactionKind, _ body: (Connection) throws -> T) throws -> T {
        try execute("BEGIN \(kind.rawValue)")
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            // The original error matters more than a failed ROLLBACK, which SQLite may already have done itself.
            if !isAutocommit { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` in a read transaction with `query_only` on, for reads that share the writer connection.
    func readTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute("PRAGMA query_only = 1")
        defer { try? execute("PRAGMA query_only = 0") }
        return try transaction(.deferred, body)
    }

    /// Writer setup: WAL so readers never wait for the writer, FULL sync so an acknowledged commit survives power loss.
    func configureWriter(expectWAL: Bool) throws {
        let mode = try queryOne("PRAGMA journal_mode = WAL")?.string(0) ?? ""
        // In-memory databases answer "memory"; a file that cannot do WAL (e.g. some network filesystems) is refused.
        if expectWAL && mode != "wal" {
            throw SQLiteError(code: SQLITE_ERROR, message: "journal_mode is \(mode), expected wal", sql: "PRAGMA journal_mode = WAL")
        }
        try execute("PRAGMA synchronous = FULL")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Reader setup: `query_only` on top of the read-only open flag, so even PRAGMA writes are refused.
    func configureReader() throws {
        try execute("PRAGMA query_only = 1")
        try execute("PRAGMA foreign_keys = ON")
    }
}
