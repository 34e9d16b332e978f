// SPDX-License-Identifier: Apache-2.0
// EventFilter: dockerd's /events filter keys and matching rules, without a database.

import Engine
import Models
import Testing

@Suite struct EventFilterTests {
    static let containerID = "4f2b9c1d7e8a0b3c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4"

    static func event(
        _ type: EventType, _ action: String, id: String = containerID, attributes: [String: String] = [:], scope: EventScope = .local
    ) -> EventMessage {
        EventMessage(
            type: type, action: action, actor: EventActor(id: id, attributes: attributes), scope: scope, time: 1, timeNano: 1_000_000_000)
    }

    static let web = event(.container, "start", attributes: ["name": "web", "image": "busybox:latest", "tier": "front"])
    static let pull = event(.image, "pull", id: "busybox:latest", attributes: ["name": "busybox"])
    static let volume = event(.volume, "create", id: "data", attributes: ["driver": "local"])

    static func filter(_ terms: [String: [String]]) throws -> EventFilter { try EventFilter(Filters(terms)) }

    @Test func emptyFilterMatchesEverything() throws {
        let filter = try EventFilter()
        #expect(filter.matches(Self.web) && filter.matches(Self.pull) && filter.matches(Self.volume))
    }

    @Test func typeFilter() throws {
        let filter = try Self.filter(["type": ["container", "volume"]])
        #expect(filter.matches(Self.web))
        #expect(filter.matches(Self.volume))
        #expect(!filter.matches(Self.pull))
    }

    @Test func eventFilterMatchesActionAndPrefixBeforeColon() throws {
        let execStart = Self.event(.container, "exec_start: sh -c date")
        let byBase = try Self.filter(["event": ["exec_start"]])
        #expect(byBase.matches(execStart))
        #expect(!byBase.matches(Self.web))
        let byFull = try Self.filter(["event": ["exec_start: sh -c date"]])
        #expect(byFull.matches(execStart))
        #expect(!(try Self.filter(["event": ["exec"]])).matches(execStart))
        #expect((try Self.filter(["event": ["start", "pull"]])).matches(Self.pull))
    }

    @Test func labelFilterByKeyAndByKeyValue() throws {
        #expect((try Self.filter(["label": ["tier"]])).matches(Self.web))
        #expect((try Self.filter(["label": ["tier=front"]])).matches(Self.web))
        #expect(!(try Self.filter(["label": ["tier=back"]])).matches(Self.web))
        #expect(!(try Self.filter(["label": ["owner"]])).matches(Self.web))
        // Every label term must hold.
        #expect(!(try Self.filter(["label": ["tier=front", "owner"]])).matches(Self.web))
    }

    @Test func containerFilterByNameIDAndIDPrefix() throws {
        #expect((try Self.filter(["container": ["web"]])).matches(Self.web))
        #expect((try Self.filter(["container": [Self.containerID]])).matches(Self.web))
        #expect((try Self.filter(["container": ["4f2b9c"]])).matches(Self.web))
        #expect(!(try Self.filter(["container": ["db"]])).matches(Self.web))
        #expect(!(try Self.filter(["container": ["2b9c"]])).matches(Self.web), "only a prefix of the ID matches")
    }

    @Test func objectFilterExcludesEventsOfOtherTypes() throws {
        let filter = try Self.filter(["container": ["web"]])
        #expect(!filter.matches(Self.pull))
        #expect(!filter.matches(Self.volume))
    }

    @Test func imageFilterMatchesImageEventsAndContainersOfThatImage() throws {
        let filter = try Self.filter(["image": ["busybox:latest"]])
        #expect(filter.matches(Self.pull))
        #expect(filter.matches(Self.web))
        let other = Self.event(.container, "start", attributes: ["name": "db", "image": "postgres:16"])
        #expect(!filter.matches(other))
        #expect(!filter.matches(Self.volume))
    }

    @Test func scopeFilter() throws {
        let swarm = Self.event(.service, "create", id: "svc", scope: .swarm)
        let filter = try Self.filter(["scope": ["swarm"]])
        #expect(filter.matches(swarm))
        #expect(!filter.matches(Self.web))
    }

    @Test func filtersCombineWithAnd() throws {
        let filter = try Self.filter(["type": ["container"], "event": ["start"], "label": ["tier=front"]])
        #expect(filter.matches(Self.web))
        #expect(!filter.matches(Self.event(.container, "stop", attributes: ["tier": "front"])))
        #expect(!filter.matches(Self.event(.container, "start", attributes: ["tier": "back"])))
    }

    @Test func unknownKeyIsInvalidParameter() {
        #expect(throws: EngineError.invalidParameter("invalid filter 'foo'")) { try Self.filter(["foo": ["bar"]]) }
    }

    @Test func unknownTypeValueIsInvalidParameter() {
        #expect(throws: EngineError.invalidParameter("invalid filter 'type=spaceship'")) { try Self.filter(["type": ["spaceship"]]) }
    }

    @Test func everyDocumentedKeyIsAccepted() throws {
        for key in [
            "config", "container", "daemon", "event", "image", "label", "network", "node", "plugin", "scope", "secret", "service", "volume",
        ] {
            _ = try Self.filter([key: ["x"]])
        }
        #expect(EventFilter.allowedKeys.count == 14)
    }
}
