// SPDX-License-Identifier: Apache-2.0
// SerialConnection: one connection plus the private serial queue its blocking SQLite calls run on.

import Dispatch
import Synchronization

/// Runs closures against one connection, one at a time, off Swift's cooperative pool (GRDB `SerializedDatabase`).
final class SerialConnection: Sendable {
    // A serial queue gets its own (overcommit) thread from libdispatch, so a blocking sqlite3_step or fsync
    // never occupies one of the few cooperative threads.
    private let queue: DispatchQueue
    // The mutex is what makes the non-Sendable handle shareable: `runSync` bypasses the queue, and close()
    // waits here for an in-flight body. nil once closed.
    private let connection: Mutex<Connection?>

    /// Takes ownership of `connection`.
    init(_ connection: sending Connection, label: String) {
        self.queue = DispatchQueue(label: label)
        self.connection = Mutex(connection)
    }

    /// Runs `body` on the queue and resumes the caller with its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try self.runSync(body) })
            }
        }
    }

    /// Runs `body` on the calling thread; for startup and for the queue itself. Not reentrant.
    func runSync<T: Sendable>(_ body: @Sendable (Connection) throws -> T) throws -> T {
        try connection.withLock { connection in
            guard let open = connection else { throw SQLiteError.closed() }
            return try body(open)
        }
    }

    /// Closes the connection once any running body finishes; queued bodies then throw "database is closed".
    func close() {
        connection.withLock { connection in
            connection?.close()
            connection = nil
        }
    }
}
