// SPDX-License-Identifier: Apache-2.0
// Every open connection and what it is doing, so a graceful shutdown can close the idle ones at once,
// end streams cleanly, and let in-flight requests finish.

import HTTPCore
import Synchronization

/// The live connections of a server.
final class ConnectionRegistry: Sendable {
    /// What a connection is doing.
    enum Phase: Sendable {
        /// Waiting for a request (safe to close).
        case idle
        /// Handling a request (let it finish).
        case busy
        /// Streaming a response or upgraded (cancel: the stream ends cleanly).
        case streaming
    }

    private struct Entry {
        var phase: Phase
        var task: Task<Void, Never>?
    }

    private struct State {
        var entries: [UInt64: Entry] = [:]
        var draining = false
        var nextID: UInt64 = 1
    }

    private let state = Mutex(State())

    /// True once shutdown began: connections close after their current response.
    var isDraining: Bool { state.withLock { $0.draining } }

    /// Number of open connections.
    var count: Int { state.withLock { $0.entries.count } }

    /// Reserves an id for a new connection; nil while draining.
    func open() -> UInt64? {
        state.withLock { state in
            guard !state.draining else { return nil }
            defer { state.nextID += 1 }
            state.entries[state.nextID] = Entry(phase: .idle, task: nil)
            return state.nextID
        }
    }

    /// Records the task serving connection `id` (ignored if it already finished).
    func attach(_ id: UInt64, _ task: Task<Void, Never>) {
        let cancelNow = state.withLock { state -> Bool in
            guard state.entries[id] != nil else { return false }
            state.entries[id]?.task = task
            return state.draining && state.entries[id]?.phase != .busy
        }
        if cancelNow { task.cancel() }
    }

    /// Updates what connection `id` is doing; an idle or streaming connection is cancelled while draining.
    func setPhase(_ id: UInt64, _ phase: Phase) {
        let cancel = state.withLock { state -> Task<Void, Never>? in
            state.entries[id]?.phase = phase
            return state.draining && phase != .busy ? state.entries[id]?.task : nil
        }
        cancel?.cancel()
    }

    /// Forgets connection `id`.
    func close(_ id: UInt64) { _ = state.withLock { $0.entries.removeValue(forKey: id) } }

    /// Starts draining: cancels idle and streaming connections; busy ones finish their request.
    func beginDraining() {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            state.draining = true
            return state.entries.values.filter { $0.phase != .busy }.compactMap(\.task)
        }
        for task in tasks { task.cancel() }
    }

    /// Cancels every remaining connection.
    func cancelAll() {
        let tasks = state.withLock { $0.entries.values.compactMap(\.task) }
        for task in tasks { task.cancel() }
    }
}
