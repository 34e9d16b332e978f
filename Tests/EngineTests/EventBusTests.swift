// SPDX-License-Identifier: Apache-2.0
// EventBus: events are stored with rising sequence numbers, fanned out live, and replayed by time window.

import Engine
import Models
import Store
import Testing

@Suite struct EventBusTests {
    @Test func publishStoresTheEvent() async throws {
        let (database, bus) = try makeEventBus()
        let before = EventBus.nowNanos()
        let message = await bus.publish(.volume, "create", actor: "data", attributes: ["driver": "local"])
        let after = EventBus.nowNanos()
        #expect(message.timeNano >= before && message.timeNano <= after)
        #expect(message.time == message.timeNano / 1_000_000_000)
        let rows = try await EventStore(database: database).list()
        #expect(rows.count == 1)
        #expect(rows.first?.type == "volume" && rows.first?.action == "create" && rows.first?.actorID == "data")
        #expect(rows.first?.timeNano == message.timeNano)
        let history = try await bus.history(sinceNano: nil, untilNano: nil)
        #expect(history.map(\.message) == [message])
    }

    @Test func subscriberReceivesPublishedEventsInOrder() async throws {
        let (_, bus) = try makeEventBus()
        let (id, stream) = await bus.subscribe()
        #expect(await bus.listenerCount == 1)
        await bus.publish(.container, "create", actor: "c1", attributes: ["name": "one"])
        await bus.publish(.network, "connect", actor: "n1")
        var iterator = stream.makeAsyncIterator()
        let first = await iterator.next()
        let second = await iterator.next()
        #expect(first?.message.action == "create" && first?.message.actor.id == "c1")
        #expect(second?.message.type == .network)
        #expect((first?.seq ?? 0) < (second?.seq ?? 0))
        await bus.unsubscribe(id)
        #expect(await bus.listenerCount == 0)
        #expect(await iterator.next() == nil, "unsubscribe finishes the stream")
    }

    @Test func everySubscriberGetsEveryEvent() async throws {
        let (_, bus) = try makeEventBus()
        let (_, first) = await bus.subscribe()
        let (_, second) = await bus.subscribe()
        await bus.publish(.daemon, "reload", actor: "daemon-id")
        await bus.finishAll()
        var seen: [String] = []
        for await event in first { seen.append("1:" + event.message.action) }
        for await event in second { seen.append("2:" + event.message.action) }
        #expect(seen == ["1:reload", "2:reload"])
        #expect(await bus.listenerCount == 0)
    }

    @Test func sequenceNumbersIncrease() async throws {
        let (_, bus) = try makeEventBus()
        for index in 0..<5 { await bus.publish(.image, "tag", actor: "img\(index)") }
        let seqs = try await bus.history(sinceNano: nil, untilNano: nil).map(\.seq)
        #expect(seqs.count == 5)
        #expect(seqs == seqs.sorted() && Set(seqs).count == 5)
        #expect((seqs.first ?? 0) > 0)
    }

    @Test func historyHonoursSinceAndUntil() async throws {
        let (_, bus) = try makeEventBus()
        let first = await bus.publish(.container, "create", actor: "a")
        try await Task.sleep(for: .milliseconds(2))
        let second = await bus.publish(.container, "start", actor: "a")
        try await Task.sleep(for: .milliseconds(2))
        let third = await bus.publish(.container, "die", actor: "a")
        func actions(_ since: Int64?, _ until: Int64?) async throws -> [String] {
            try await bus.history(sinceNano: since, untilNano: until).map(\.message.action)
        }
        #expect(try await actions(nil, nil) == ["create", "start", "die"])
        #expect(try await actions(second.timeNano, nil) == ["start", "die"])
        #expect(try await actions(nil, second.timeNano) == ["create", "start"])
        #expect(try await actions(second.timeNano, second.timeNano) == ["start"])
        #expect(try await actions(first.timeNano + 1, third.timeNano - 1) == ["start"])
        #expect(try await actions(third.timeNano + 1, nil).isEmpty)
    }

    @Test func containerEventsCarryDeprecatedFields() async throws {
        let (_, bus) = try makeEventBus()
        let live = await bus.publish(.container, "start", actor: "c1", attributes: ["image": "busybox:latest", "name": "web"])
        #expect(live.status == "start" && live.id == "c1" && live.from == "busybox:latest")
        let stored = try await bus.history(sinceNano: nil, untilNano: nil).first?.message
        #expect(stored == live, "history rebuilds the same message, deprecated fields included")
        let json = try JSONCoding.encodeString(live)
        #expect(json.contains("\"status\":\"start\"") && json.contains("\"id\":\"c1\"") && json.contains("\"from\":\"busybox:latest\""))
    }

    @Test func imageEventsCarryStatusAndIDButNoFrom() async throws {
        let (_, bus) = try makeEventBus()
        let message = await bus.publish(.image, "pull", actor: "busybox:latest", attributes: ["image": "ignored"])
        #expect(message.status == "pull" && message.id == "busybox:latest" && message.from == nil)
    }

    @Test func otherEventsOmitDeprecatedFields() async throws {
        let (_, bus) = try makeEventBus()
        let message = await bus.publish(.network, "create", actor: "n1", attributes: ["name": "front"])
        #expect(message.status == nil && message.id == nil && message.from == nil)
        let json = try JSONCoding.encodeString(message)
        #expect(!json.contains("\"status\"") && !json.contains("\"id\"") && !json.contains("\"from\""))
        let stored = try await bus.history(sinceNano: nil, untilNano: nil).first?.message
        #expect(stored == message)
    }

    @Test func attributesAndScopeSurviveTheDatabase() async throws {
        let (_, bus) = try makeEventBus()
        let attributes = ["name": "web", "com.example.label": "a=b \"quoted\"", "exitCode": "0"]
        await bus.publish(.container, "die", actor: "c1", attributes: attributes)
        let stored = try await bus.history(sinceNano: nil, untilNano: nil).first?.message
        #expect(stored?.actor.attributes == attributes)
        #expect(stored?.scope == .local)
    }
}
