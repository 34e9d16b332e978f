// SPDX-License-Identifier: Apache-2.0
// GET /events through DockerAPI: parameter errors, stored history between since and until, filters, live follow.

import API
import Engine
import HTTPCore
import Models
import Testing

@Suite struct EventRoutesTests {
    static func filters(_ json: String) -> String { "filters=" + queryEncode(json) }

    /// Runs the events stream of `target` to its end and decodes each line.
    static func stream(_ api: DockerAPI, _ target: String) async throws -> [EventMessage] {
        let response = await api.handle(.make("GET", target))
        #expect(response.code == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        let text = try await response.text()
        #expect(text.isEmpty || text.hasSuffix("\n"))
        return try text.split(separator: "\n").map { try JSONCoding.decode(EventMessage.self, from: String($0)) }
    }

    static func publishSamples(_ engine: Engine) async {
        await engine.events.publish(.container, "create", actor: "c1", attributes: ["name": "web", "image": "busybox:latest"])
        await engine.events.publish(.volume, "create", actor: "data")
        await engine.events.publish(.container, "start", actor: "c1", attributes: ["name": "web", "image": "busybox:latest"])
        await engine.events.publish(.network, "connect", actor: "n1", attributes: ["container": "c1"])
    }

    @Test func malformedFiltersAreBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/events?" + Self.filters("{not json")))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "invalid filter: {not json")
    }

    @Test func unknownFilterKeyIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/events?" + Self.filters(#"{"foo":["bar"]}"#)))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "invalid filter 'foo'")
    }

    @Test func unknownTypeValueIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/events?" + Self.filters(#"{"type":["spaceship"]}"#)))
        #expect(response.code == 400)
        #expect(try await response.errorMessage() == "invalid filter 'type=spaceship'")
    }

    @Test func sinceAfterUntilIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/events?since=200&until=100"))
        #expect(response.code == 400)
        let message = try await response.errorMessage()
        #expect(message.hasPrefix("`since` time (") && message.contains(") cannot be after `until` time ("), "\(message)")
    }

    @Test func malformedTimestampIsBadRequest() async throws {
        let (api, _) = try await makeAPI()
        for (query, message) in [
            ("since=yesterday", "invalid value for since: yesterday"), ("until=1.2.3", "invalid value for until: 1.2.3"),
            ("since=1.0123456789", "invalid value for since: 1.0123456789"),
        ] {
            let response = await api.handle(.make("GET", "/events?" + query))
            #expect(response.code == 400, "\(query)")
            #expect(try await response.errorMessage() == message)
        }
    }

    @Test func pastWindowReplaysStoredEventsAndEnds() async throws {
        let (api, engine) = try await makeAPI()
        await Self.publishSamples(engine)
        let events = try await Self.stream(api, "/events?since=0&until=\(eventTimestamp(EventBus.nowNanos()))")
        #expect(
            events.map { "\($0.type.rawValue) \($0.action)" } == [
                "container create", "volume create", "container start", "network connect",
            ])
        #expect(events.map(\.timeNano) == events.map(\.timeNano).sorted())
        #expect(events.first?.status == "create" && events.first?.id == "c1" && events.first?.from == "busybox:latest")
        #expect(await engine.events.listenerCount == 0, "the stream unsubscribes when it ends")
    }

    @Test func typeFilterAppliesToHistory() async throws {
        let (api, engine) = try await makeAPI()
        await Self.publishSamples(engine)
        let until = eventTimestamp(EventBus.nowNanos())
        let containers = try await Self.stream(api, "/events?since=0&until=\(until)&" + Self.filters(#"{"type":["container"]}"#))
        #expect(containers.map(\.action) == ["create", "start"])
        #expect(containers.allSatisfy { $0.type == .container })
        // The map form dockerd also accepts: {"key":{"value":true}}.
        let volumes = try await Self.stream(api, "/events?since=0&until=\(until)&" + Self.filters(#"{"type":{"volume":true}}"#))
        #expect(volumes.map(\.actor.id) == ["data"])
    }

    @Test func eventAndContainerFiltersApplyToHistory() async throws {
        let (api, engine) = try await makeAPI()
        await Self.publishSamples(engine)
        let until = eventTimestamp(EventBus.nowNanos())
        let starts = try await Self.stream(api, "/events?since=0&until=\(until)&" + Self.filters(#"{"event":["start"]}"#))
        #expect(starts.map(\.action) == ["start"])
        let web = try await Self.stream(api, "/events?since=0&until=\(until)&" + Self.filters(#"{"container":["web"]}"#))
        #expect(web.map(\.action) == ["create", "start"])
    }

    @Test func sinceExcludesOlderEvents() async throws {
        let (api, engine) = try await makeAPI()
        await engine.events.publish(.volume, "create", actor: "old")
        try await Task.sleep(for: .milliseconds(5))
        let middle = EventBus.nowNanos()
        try await Task.sleep(for: .milliseconds(5))
        await engine.events.publish(.volume, "create", actor: "new")
        let events = try await Self.stream(api, "/events?since=\(eventTimestamp(middle))&until=\(eventTimestamp(EventBus.nowNanos()))")
        #expect(events.map(\.actor.id) == ["new"])
    }

    @Test func futureUntilFollowsLiveEventsThenEnds() async throws {
        let (api, engine) = try await makeAPI()
        await engine.events.publish(.volume, "create", actor: "stored")
        // Wide enough that a loaded machine still publishes before `until`; the test lasts this long.
        let until = EventBus.nowNanos() + 5_000_000_000
        let response = await api.handle(
            .make("GET", "/events?since=0&until=\(eventTimestamp(until))&" + Self.filters(#"{"type":["volume"]}"#)))
        #expect(response.code == 200)
        let reader = Task { try await response.text() }
        // Publish once the stream has subscribed, well before `until`.
        for _ in 0..<200 where await engine.events.listenerCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(await engine.events.listenerCount == 1)
        await engine.events.publish(.network, "create", actor: "filtered-out")
        let live = await engine.events.publish(.volume, "create", actor: "live")
        #expect(live.timeNano < until, "precondition: published before until")
        let text = try await reader.value
        #expect(EventBus.nowNanos() >= until, "the stream ends only once until has passed")
        let ids = try text.split(separator: "\n").map { try JSONCoding.decode(EventMessage.self, from: String($0)).actor.id }
        #expect(ids == ["stored", "live"], "history then live, each once")
        #expect(await engine.events.listenerCount == 0)
    }
}
