// SPDX-License-Identifier: Apache-2.0
// Database: one writer connection on its own queue, a pool of read-only connections, migrations at open.

import Dispatch

/// A SQLite database file: one serialized writer, concurrent readers (WAL), schema migrated at open.
public final class Database: Sendable {
    /// The path or URI it was opened with.
    public let path: String
    private let writer: SerialConnection
    // nil for in-memory databases: each connection to ":memory:" would see its own empty database.
    private let readers: ReaderPool?

    /// Opens (creating if needed) and migrates; blocks the calling thread, so prefer `open` from async code.
    public init(
        path: String, readers readerCount: Int = 3, migrations: [Migration] = Schema.migrations,
        busyTimeoutMilliseconds: Int32 = 5_000
    ) throws {
        let inMemory = Database.isInMemory(path)
        let connection = try Connection(path: path, readOnly: false, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try connection.configureWriter(expectWAL: !inMemory)
        let writer = SerialConnection(connection, label: "berth.store.writer")
        _ = try writer.runSync { try Migrator(migrations).migrate($0) }
        self.path = path
        self.writer = writer
        // Readers open after migrating, so the WAL and -shm files exist and every reader sees the final schema.
        if inMemory {
            self.readers = nil
        } else {
            var pool: [SerialConnection] = []
            for number in 0..<max(1, min(readerCount, 8)) {
                let reader = try Connection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
                try reader.configureReader()
                pool.append(SerialConnection(reader, label: "berth.store.reader\(number)"))
            }
            self.readers = ReaderPool(pool)
        }
    }

    /// Opens and migrates on a dispatch thread, keeping the cooperative pool free.
    public static func open(
        path: String, readers: Int = 3, migrations: [Migration] = Schema.migrations
    ) async throws -> Database {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Database(path: path, readers: readers, migrations: migrations) })
            }
        }
    }

    /// Runs `body` inside BEGIN IMMEDIATE … COMMIT on the writer; rolls back and rethrows when it throws.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await writer.run { try $0.transaction(.immediate, body) }
    }

    /// `write`, but on the calling thread (startup code); deadlocks if called from inside another write's body.
    public func writeSync<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try writer.runSync { try $0.transaction(.immediate, body) }
    }

    /// Runs `body` in a read transaction (one consistent snapshot) on a reader, concurrently with writes.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        guard let readers else { return try await writer.run { try $0.readTransaction(body) } }
        return try await readers.run { try $0.transaction(.deferred, body) }
    }

    /// Closes every connection after in-flight bodies finish; the last close checkpoints the WAL into the file.
    public func close() {
        readers?.close()
        writer.close()
    }

    /// ":memory:", "" (a private temp database) and `mode=memory` URIs cannot be shared across connections here.
    static func isInMemory(_ path: String) -> Bool {
        path.isEmpty || path == ":memory:" || path.contains("mode=memory")
    }
}
