// SPDX-License-Identifier: Apache-2.0
// Migration: one numbered schema step, and the errors the migrator reports.

/// One schema step; `sql` may hold several statements and runs in its own transaction.
public struct Migration: Sendable, Equatable {
    /// Position in the schema history; strictly increasing, starting at 1, never reused.
    public let number: Int
    /// Short human name, recorded in `schema_migrations`.
    public let name: String
    /// The DDL/DML to run.
    public let sql: String

    /// Describes one migration.
    public init(number: Int, name: String, sql: String) {
        self.number = number
        self.name = name
        self.sql = sql
    }
}

/// Why the schema could not be brought up to date.
public enum MigrationError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file was written by a newer berthd; running old code on it could corrupt it.
    case schemaTooNew(found: Int, supported: Int)
    /// The migration list is not strictly increasing from 1 (a programming error caught at open).
    case outOfOrder(previous: Int, next: Int)
    /// A migration's SQL failed; nothing of it was kept.
    case failed(number: Int, name: String, cause: SQLiteError)

    /// Operator-facing text.
    public var description: String {
        switch self {
        case .schemaTooNew(let found, let supported):
            return "database schema \(found) is newer than this berthd supports (\(supported))"
        case .outOfOrder(let previous, let next):
            return "migration numbers must increase strictly from 1: \(next) follows \(previous)"
        case .failed(let number, let name, let cause):
            return "migration \(number) (\(name)) failed: \(cause)"
        }
    }
}
