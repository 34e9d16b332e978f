// SPDX-License-Identifier: Apache-2.0
// Migrator: applies the numbered migrations a database lacks, each in its own transaction.

/// Brings a connection's schema up to the newest known migration, recording each in `schema_migrations`.
public struct Migrator: Sendable {
    /// The known migrations, oldest first.
    public let migrations: [Migration]

    /// Wraps a list of migrations; `migrate` validates it before touching the database.
    public init(_ migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The newest migration number this code knows, 0 when there are none.
    public var latest: Int { migrations.last?.number ?? 0 }

    /// Throws unless numbers start at 1 or more and strictly increase.
    public static func validate(_ migrations: [Migration]) throws(MigrationError) {
        var previous = 0
        for migration in migrations {
            guard migration.number > previous else { throw .outOfOrder(previous: previous, next: migration.number) }
            previous = migration.number
        }
    }

    /// Applies missing migrations in order and returns the numbers applied (empty when already current).
    @discardableResult
    public func migrate(_ connection: Connection) throws -> [Int] {
        try Self.validate(migrations)
        try connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations(number INTEGER PRIMARY KEY, name TEXT, applied_at INTEGER)")
        let applied = Set(try connection.query("SELECT number FROM schema_migrations").compactMap { $0.int(0) })
        // Refuse before changing anything: an older binary must not write into a newer layout.
        if let highest = applied.max(), highest > Int64(latest) {
            throw MigrationError.schemaTooNew(found: Int(highest), supported: latest)
        }
        var done: [Int] = []
        for migration in migrations where !applied.contains(Int64(migration.number)) {
            do {
                try connection.transaction(.immediate) { connection in
                    try connection.executeScript(migration.sql)
                    try connection.execute(
                        "INSERT INTO schema_migrations(number, name, applied_at) VALUES (?, ?, unixepoch())",
                        [SQLValue(migration.number), .text(migration.name)])
                }
            } catch let error as SQLiteError {
                throw MigrationError.failed(number: migration.number, name: migration.name, cause: error)
            }
            done.append(migration.number)
        }
        return done
    }
}
