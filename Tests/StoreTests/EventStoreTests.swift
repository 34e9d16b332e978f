// SPDX-License-Identifier: Apache-2.0
// EventStore: append assigns seq, list honours since/until/limit, prune keeps the newest and never reuses seq.

import Testing

@testable import Store

@Suite struct EventStoreTests {
    let store: EventStore

    init() throws {
        store = EventStore(database: try Database(path: ":memory:"))
    }

    func appendFive() async throws {
        for step in 1...5 {
            _ = try await store.append(timeNano: Int64(step) * 100, type: "container", action: "start", actorID: "c\(step)")
        }
    }

    @Test func appendReturnsTheStoredRecord() async throws {
        let record = try await store.append(
            timeNano: 42, type: "image", action: "pull", actorID: "busybox:latest", attributes: #"{"name":"busybox"}"#)
        #expect(record.seq == 1)
        #expect(try await store.list() == [record])
        #expect(record.scope == "local")
    }

    @Test func listHonoursBoundsAndLimit() async throws {
        try await appendFive()
        #expect(try await store.list().map(\.seq) == [1, 2, 3, 4, 5])
        #expect(try await store.list(sinceNano: 200, untilNano: 400).map(\.timeNano) == [200, 300, 400])
        #expect(try await store.list(sinceNano: 401).map(\.actorID) == ["c5"])
        #expect(try await store.list(untilNano: 99).isEmpty)
        // limit keeps the newest matching events, still in seq order.
        #expect(try await store.list(limit: 2).map(\.seq) == [4, 5])
        #expect(try await store.list(sinceNano: 100, untilNano: 300, limit: 2).map(\.seq) == [2, 3])
    }

    @Test func pruneKeepsNewestAndSeqIsNeverReused() async throws {
        try await appendFive()
        #expect(try await store.prune(keepingNewest: 2) == 3)
        #expect(try await store.list().map(\.seq) == [4, 5])
        #expect(try await store.prune(keepingNewest: 10) == 0)
        let next = try await store.append(timeNano: 600, type: "container", action: "die", actorID: "c6")
        #expect(next.seq == 6)
        #expect(try await store.prune(keepingNewest: 0) == 3)
        #expect(try await store.list().isEmpty)
    }
}
