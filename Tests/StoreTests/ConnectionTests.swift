// SPDX-License-Identifier: Apache-2.0
// Connection, SQLValue and Row: binding round-trips, name lookup, and errors carrying code and SQL.

import Testing

@testable import Store

@Suite struct ConnectionTests {
    let database: Database

    init() throws {
        database = try Database(path: ":memory:", migrations: [])
    }

    @Test func valuesRoundTripThroughBindings() throws {
        let row = try database.writeSync { connection in
            try connection.queryOne(
                "SELECT ? AS n, ? AS i, ? AS r, ? AS t, ? AS b, ? AS empty, ? AS zero",
                [nil, 42, 1.5, "héllo\u{0}x", .blob([0, 1, 255]), "", .blob([])])
        }
        #expect(row?["n"] == .null)
        #expect(row?.int("i") == 42)
        #expect(row?.double("r") == 1.5)
        #expect(row?.string("t") == "héllo\u{0}x")
        #expect(row?.blob("b") == [0, 1, 255])
        // Empty text and empty blobs must stay empty values, not turn into NULL.
        #expect(row?.string("empty") == "")
        #expect(row?.blob("zero") == [])
        #expect(row?.string(3) == "héllo\u{0}x")
        #expect(row?["missing"] == .null)
        #expect(row?[99] == .null)
    }

    @Test func insertReportsRowIDAndChanges() throws {
        let (rowID, changes) = try database.writeSync { connection in
            try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
            try connection.execute("INSERT INTO t(name) VALUES (?), (?)", ["a", "b"])
            let rowID = connection.lastInsertRowID
            try connection.execute("UPDATE t SET name = name || 'x'")
            return (rowID, connection.changes)
        }
        #expect(rowID == 2)
        #expect(changes == 2)
    }

    @Test func errorsCarryExtendedCodeAndSQL() throws {
        let sql = "INSERT INTO u(name) VALUES (?)"
        #expect {
            try database.writeSync { connection in
                try connection.execute("CREATE TABLE u(name TEXT UNIQUE)")
                try connection.execute(sql, ["a"])
                try connection.execute(sql, ["a"])
            }
        } throws: { error in
            guard let error = error as? SQLiteError else { return false }
            return error.code == 2067 && error.isUniqueViolation && error.sql == sql && error.message.contains("UNIQUE")
        }
    }

    @Test func wrongBindingCountAndMultipleStatementsAreRefused() throws {
        #expect(throws: SQLiteError.self) { try database.writeSync { try $0.execute("SELECT ?, ?", [1]) } }
        #expect(throws: SQLiteError.self) { try database.writeSync { try $0.execute("SELECT 1; SELECT 2") } }
        // A trailing comment is not a second statement.
        try database.writeSync { try $0.execute("SELECT 1; -- done") }
    }

    @Test func scriptRunsEveryStatement() throws {
        let count = try database.writeSync { connection in
            try connection.executeScript("CREATE TABLE s(x); INSERT INTO s VALUES (1); INSERT INTO s VALUES (2); -- end")
            return try connection.queryOne("SELECT count(*) FROM s")?.int(0)
        }
        #expect(count == 2)
    }

    @Test func closedDatabaseThrows() async throws {
        database.close()
        await #expect(throws: SQLiteError.self) { try await database.read { _ in 1 } }
    }
}
