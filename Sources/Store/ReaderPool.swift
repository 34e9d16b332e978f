// SPDX-License-Identifier: Apache-2.0
// ReaderPool: a few read-only connections checked out one read at a time, so reads run beside the writer.

import Synchronization

/// Hands each read an idle reader; when all are busy, reads wait in FIFO order instead of piling onto one queue.
final class ReaderPool: Sendable {
    private struct State {
        var idle: [Int]
        var waiters: [CheckedContinuation<Int, Never>] = []
    }

    private let readers: [SerialConnection]
    private let state: Mutex<State>

    /// Takes ownership of `readers` (at least one).
    init(_ readers: [SerialConnection]) {
        self.readers = readers
        self.state = Mutex(State(idle: Array(readers.indices)))
    }

    /// Runs `body` on an idle reader.
    func run<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let index = await checkOut()
        defer { checkIn(index) }
        return try await readers[index].run(body)
    }

    /// Closes every reader; reads already queued throw "database is closed".
    func close() {
        for reader in readers { reader.close() }
    }

    private func checkOut() async -> Int {
        if let index = state.withLock({ $0.idle.popLast() }) { return index }
        return await withCheckedContinuation { continuation in
            // Re-check under the lock: a reader may have come back since the fast path looked.
            let index: Int? = state.withLock { state in
                if let index = state.idle.popLast() { return index }
                state.waiters.append(continuation)
                return nil
            }
            if let index { continuation.resume(returning: index) }
        }
    }

    private func checkIn(_ index: Int) {
        let waiter: CheckedContinuation<Int, Never>? = state.withLock { state in
            if state.waiters.isEmpty {
                state.idle.append(index)
                return nil
            }
            return state.waiters.removeFirst()
        }
        // Resume outside the lock (STYLE §6), handing the reader straight to the oldest waiter.
        waiter?.resume(returning: index)
    }
}
