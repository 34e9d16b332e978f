// SPDX-License-Identifier: Apache-2.0
// Shared fixtures for engine tests: an in-memory database, an event bus and a settable clock.

import Engine
import Store
import Synchronization

/// An in-memory database with the full schema, and an event bus over it.
func makeEventBus() throws -> (Database, EventBus) {
    let database = try Database(path: ":memory:")
    return (database, EventBus(store: EventStore(database: database)))
}

/// A clock tests move by hand (Unix seconds).
final class TestClock: Sendable {
    private let now: Mutex<Int64>

    init(_ start: Int64 = 1_700_000_000) { now = Mutex(start) }

    /// The current time.
    func read() -> Int64 { now.withLock { $0 } }

    /// Moves the clock forward.
    func advance(by seconds: Int64) { now.withLock { $0 += seconds } }
}
