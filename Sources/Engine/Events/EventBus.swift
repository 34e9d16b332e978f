// SPDX-License-Identifier: Apache-2.0
// Every object change becomes an event: written to the database (so history survives restarts) and
// fanned out to live subscribers. Each event carries its database sequence number so a client that
// reads history and then follows live events sees each event exactly once.

import FoundationEssentials
import Glibc
import Models
import Store

/// An event with its position in the log.
public struct SequencedEvent: Sendable {
    /// Monotonic sequence number from the events table.
    public let seq: Int64
    /// The event.
    public let message: EventMessage
}

/// Publishes, stores and streams events.
public actor EventBus {
    private let store: EventStore
    private var subscribers: [UInt64: AsyncStream<SequencedEvent>.Continuation] = [:]
    private var nextSubscriber: UInt64 = 1
    private var publishedSinceCompaction = 0
    /// Rows kept in the events table; older ones are pruned as new ones arrive.
    static let retainedEvents = 10_000

    /// A bus over the events table.
    public init(store: EventStore) { self.store = store }

    /// Number of live subscribers (Info's EventsListener count).
    public var listenerCount: Int { subscribers.count }

    /// Records an event and delivers it to live subscribers.
    @discardableResult
    public func publish(_ type: EventType, _ action: String, actor: String, attributes: [String: String] = [:]) async -> EventMessage {
        let nanos = Self.nowNanos()
        var message = EventMessage(
            type: type, action: action, actor: EventActor(id: actor, attributes: attributes), time: nanos / 1_000_000_000, timeNano: nanos)
        if type == .container || type == .image {
            // Deprecated fields dockerd still sends below API 1.52.
            message.status = action
            message.id = actor
            message.from = type == .container ? attributes["image"] : nil
        }
        let json = (try? JSONCoding.encodeString(message.actor.attributes)) ?? "{}"
        let seq = (try? await store.append(timeNano: nanos, type: type.rawValue, action: action, actorID: actor, attributes: json, scope: message.scope.rawValue).seq) ?? 0
        for continuation in subscribers.values { continuation.yield(SequencedEvent(seq: seq, message: message)) }
        publishedSinceCompaction += 1
        if publishedSinceCompaction >= 500 {
            publishedSinceCompaction = 0
            _ = try? await store.prune(keepingNewest: Self.retainedEvents)
        }
        return message
    }

    /// Stored events with `since <= time <= until` (nanoseconds), oldest first.
    public func history(sinceNano: Int64?, untilNano: Int64?) async throws -> [SequencedEvent] {
        try await store.list(sinceNano: sinceNano, untilNano: untilNano).map(Self.message(from:))
    }

    /// A live stream of every event published from now on, and the id to end it with.
    public func subscribe() -> (UInt64, AsyncStream<SequencedEvent>) {
        let id = nextSubscriber
        nextSubscriber += 1
        let (stream, continuation) = AsyncStream<SequencedEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        subscribers[id] = continuation
        return (id, stream)
    }

    /// Ends a subscription.
    public func unsubscribe(_ id: UInt64) {
        subscribers.removeValue(forKey: id)?.finish()
    }

    /// Ends every subscription (daemon shutdown).
    public func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers.removeAll()
    }

    static func message(from record: EventRecord) -> SequencedEvent {
        let attributes = (try? JSONCoding.decode([String: String].self, from: record.attributes)) ?? [:]
        let type = EventType(rawValue: record.type) ?? .daemon
        var message = EventMessage(
            type: type, action: record.action, actor: EventActor(id: record.actorID, attributes: attributes),
            scope: EventScope(rawValue: record.scope) ?? .local, time: record.timeNano / 1_000_000_000, timeNano: record.timeNano)
        if type == .container || type == .image {
            message.status = record.action
            message.id = record.actorID
            message.from = type == .container ? attributes["image"] : nil
        }
        return SequencedEvent(seq: record.seq, message: message)
    }

    /// Wall-clock time in nanoseconds since the Unix epoch.
    public static func nowNanos() -> Int64 {
        // clock_gettime keeps every nanosecond; a Double of seconds would round to ~256 ns.
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}
