// SPDX-License-Identifier: Apache-2.0
// Database: WAL on files, rollback on throw, readers not blocked by an open write, durability across reopen.

import Dispatch
import Testing

@testable import Store

@Suite struct DatabaseTests {
    static let table = [Migration(number: 1, name: "items", sql: "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL);")]

    @Test func fileDatabaseUsesWAL() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await Database.open(path: directory.database, migrations: Self.table)
            defer { database.close() }
            let mode = try await database.read { try $0.queryOne("PRAGMA journal_mode")?.string(0) }
            let sync = try await database.write { try $0.queryOne("PRAGMA synchronous")?.int(0) }
            #expect(mode == "wal")
            #expect(sync == 2)  // FULL
        }
    }

    @Test func writeRollsBackWhenBodyThrows() async throws {
        let database = try Database(path: ":memory:", migrations: Self.table)
        await #expect(throws: TestFailure("stop")) {
            try await database.write { connection in
                try connection.execute("INSERT INTO items(name) VALUES ('lost')")
                throw TestFailure("stop")
            }
        }
        let count = try await database.read { try $0.queryOne("SELECT count(*) FROM items")?.int(0) }
        #expect(count == 0)
    }

    @Test func readersAreReadOnly() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory.database, migrations: Self.table)
            defer { database.close() }
            await #expect(throws: SQLiteError.self) {
                try await database.read { try $0.execute("INSERT INTO items(name) VALUES ('x')") }
            }
            // The in-memory fallback shares the writer but still refuses writes inside read.
            let memory = try Database(path: ":memory:", migrations: Self.table)
            await #expect(throws: SQLiteError.self) {
                try await memory.read { try $0.execute("INSERT INTO items(name) VALUES ('x')") }
            }
            try await memory.write { try $0.execute("INSERT INTO items(name) VALUES ('y')") }
        }
    }

    @Test(.timeLimit(.minutes(1))) func readsProceedWhileAWriteIsOpen() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory.database, migrations: Self.table)
            defer { database.close() }
            let entered = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let writer = Task {
                try await database.write { connection in
                    try connection.execute("INSERT INTO items(name) VALUES ('pending')")
                    entered.signal()
                    release.wait()  // hold the write transaction open on the writer thread
                }
            }
            await Self.wait(for: entered)
            // Several reads at once, more than the pool size: none may wait for the writer.
            let counts = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for _ in 0..<6 { group.addTask { try await database.read { try $0.queryOne("SELECT count(*) FROM items")?.int(0) } } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(counts == Array(repeating: 0, count: 6))  // the uncommitted row is invisible
            release.signal()
            try await writer.value
            let after = try await database.read { try $0.queryOne("SELECT count(*) FROM items")?.int(0) }
            #expect(after == 1)
        }
    }

    @Test func committedDataSurvivesReopen() async throws {
        try await withTemporaryDirectory { directory in
            let database = try Database(path: directory.database, migrations: Self.table)
            try await database.write { try $0.execute("INSERT INTO items(name) VALUES (?)", ["kept"]) }
            database.close()
            let reopened = try await Database.open(path: directory.database, migrations: Self.table)
            defer { reopened.close() }
            let names = try await reopened.read { try $0.query("SELECT name FROM items").compactMap { $0.string("name") } }
            #expect(names == ["kept"])
        }
    }

    /// Waits for a semaphore on a dispatch thread, never blocking the cooperative pool.
    static func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                semaphore.wait()
                continuation.resume()
            }
        }
    }
}
