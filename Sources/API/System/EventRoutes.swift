// SPDX-License-Identifier: Apache-2.0
// `GET /events`: stored history between `since` and `until`, then live events until `until` (or for
// as long as the client stays). History and live events are joined by sequence number, so an event
// published while history is read is sent once.

import Engine
import HTTPCore
import Models

/// The events stream handler.
struct EventRoutes {
    let events: EventBus

    func systemEvents(_ request: APIRequest) async throws -> HTTPResponse {
        let filter = try EventFilter(try request.filters())
        let now = EventBus.nowNanos()
        let since = try request.query["since"].flatMap { try Self.parseTimestamp($0, name: "since") }
        let until = try request.query["until"].flatMap { try Self.parseTimestamp($0, name: "until") }
        if let since, let until, until < since {
            throw APIError.badRequest(
                "`since` time (\(request.query["since"] ?? "")) cannot be after `until` time (\(request.query["until"] ?? ""))")
        }
        let onlyPast = until.map { $0 <= now } ?? false
        let events = events
        return Responses.jsonStream { writer in
            let (subscription, live) = await events.subscribe()
            do {
                var lastSeq: Int64 = 0
                // moby replays stored events whenever either bound is given.
                if since != nil || until != nil {
                    for event in try await events.history(sinceNano: since, untilNano: until ?? now) {
                        lastSeq = event.seq
                        if filter.matches(event.message) { try await writer.send(event.message) }
                    }
                }
                if !onlyPast {
                    try await Self.follow(live, after: lastSeq, until: until, filter: filter, writer: writer)
                }
            } catch {}
            await events.unsubscribe(subscription)
        }
    }

    /// Sends live events until `until` passes (if set) or the stream is cancelled.
    private static func follow(
        _ live: AsyncStream<SequencedEvent>, after lastSeq: Int64, until: Int64?, filter: EventFilter, writer: JSONStreamWriter
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await event in live where event.seq > lastSeq {
                    if let until, event.message.timeNano > until { return }
                    if filter.matches(event.message) { try await writer.send(event.message) }
                }
            }
            if let until {
                group.addTask { try await Task.sleep(for: .nanoseconds(max(0, until - EventBus.nowNanos()))) }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// moby's timestamp forms: `seconds`, `seconds.fraction` (up to nanoseconds). Returns Unix nanoseconds.
    static func parseTimestamp(_ text: String, name: String) throws -> Int64? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard var seconds = Int64(parts[0]),
            parts.count == 1 || (parts[1].count <= 9 && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
        else { throw APIError.badRequest("invalid value for \(name): \(text)") }
        // Clamp far-off times (they mean "forever ago" or "never") instead of overflowing nanoseconds.
        seconds = min(max(seconds, -9_000_000_000), 9_000_000_000)
        var nanos: Int64 = 0
        if parts.count == 2 {
            let digits = String(parts[1]) + String(repeating: "0", count: 9 - parts[1].count)
            nanos = Int64(digits) ?? 0
        }
        return seconds * 1_000_000_000 + nanos
    }
}
