// SPDX-License-Identifier: Apache-2.0
// Migrations: applied once, idempotent across reopen, newer schemas refused, bad lists rejected.

import Testing

@testable import Store

@Suite struct MigratorTests {
    static let first = Migration(number: 1, name: "one", sql: "CREATE TABLE a(x INTEGER); CREATE TABLE b(y TEXT);")
    static let second = Migration(number: 2, name: "two", sql: "ALTER TABLE a ADD COLUMN z TEXT;")

    @Test func schemaNumbersStrictlyIncrease() throws {
        try Migrator.validate(Schema.migrations)
        #expect(Schema.migrations.first?.number == 1)
    }

    @Test func outOfOrderListsAreRejected() {
        #expect(throws: MigrationError.outOfOrder(previous: 2, next: 1)) { try Migrator.validate([Self.second, Self.first]) }
        #expect(throws: MigrationError.outOfOrder(previous: 1, next: 1)) { try Migrator.validate([Self.first, Self.first]) }
        #expect(throws: MigrationError.outOfOrder(previous: 0, next: 0)) {
            try Migrator.validate([Migration(number: 0, name: "zero", sql: "")])
        }
    }

    @Test func schemaAppliesToAFreshDatabase() throws {
        let database = try Database(path: ":memory:")
        let tables = try database.writeSync { connection in
            try connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.string(0) }
        }
        #expect(tables.contains("daemon") && tables.contains("tokens") && tables.contains("events"))
        #expect(tables.contains("schema_migrations"))
    }

    @Test func migrationsApplyOnceAndReopenIsIdempotent() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory.database, migrations: [Self.first])
            let firstRun = try database.writeSync { try $0.query("SELECT number, name, applied_at FROM schema_migrations") }
            database.close()

            let reopened = try Database(path: directory.database, migrations: [Self.first])
            let secondRun = try reopened.writeSync { try $0.query("SELECT number, name, applied_at FROM schema_migrations") }
            #expect(firstRun.count == 1)
            #expect(secondRun == firstRun)
            reopened.close()

            // A later binary adds migration 2: only that one runs.
            let upgraded = try Database(path: directory.database, migrations: [Self.first, Self.second])
            let numbers = try upgraded.writeSync { connection in
                try connection.execute("INSERT INTO a(x, z) VALUES (1, 'new column')")
                return try connection.query("SELECT number FROM schema_migrations ORDER BY number").compactMap { $0.int(0) }
            }
            #expect(numbers == [1, 2])
            upgraded.close()
        }
    }

    @Test func newerSchemaIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            try Database(path: directory.database, migrations: [Self.first, Self.second]).close()
            #expect(throws: MigrationError.schemaTooNew(found: 2, supported: 1)) {
                try Database(path: directory.database, migrations: [Self.first])
            }
            #expect(
                MigrationError.schemaTooNew(found: 2, supported: 1).description
                    == "database schema 2 is newer than this berthd supports (1)")
        }
    }

    @Test func failedMigrationLeavesNothingBehind() async throws {
        try await withTemporaryDirectory { directory in
            let broken = Migration(number: 2, name: "broken", sql: "CREATE TABLE c(x); INSERT INTO nosuch VALUES (1);")
            #expect(throws: MigrationError.self) {
                try Database(path: directory.database, migrations: [Self.first, broken])
            }
            let database = try Database(path: directory.database, migrations: [Self.first])
            let tables = try database.writeSync { connection in
                try connection.query("SELECT name FROM sqlite_master WHERE name = 'c'").count
            }
            #expect(tables == 0)
            database.close()
        }
    }
}
