// SPDX-License-Identifier: Apache-2.0
// /events time bounds at the edges: far-off seconds must not overflow nanoseconds (a trap would end the daemon).

import API
import Engine
import HTTPCore
import Testing

@Suite struct EventTimestampTests {
    @Test(arguments: ["10000000000", "-10000000000", "9223372036854775807", "-9223372036854775808"])
    func farOffBoundsAnswerWithoutTrapping(bound: String) async throws {
        let (api, engine) = try await makeAPI()
        await engine.events.publish(.daemon, "reload", actor: "d")
        let response = await api.handle(.make("GET", "/events?since=-10000000000&until=\(bound)"))
        // Both bounds clamp to the same far-off range, so even the negative ones are a valid (empty) window.
        #expect(response.status.code == 200)
    }

    @Test func historyIsReplayedWhenOnlyUntilIsGiven() async throws {
        let (api, engine) = try await makeAPI()
        await engine.events.publish(.daemon, "reload", actor: "d")
        let now = EventClock.seconds()
        let response = await api.handle(.make("GET", "/events?until=\(now + 1)"))
        let text = String(decoding: try await response.bodyBytes(), as: UTF8.self)
        #expect(text.contains("\"reload\""))
    }

    @Test func nonASCIIDigitsInTheFractionAreRefused() async throws {
        let (api, _) = try await makeAPI()
        let response = await api.handle(.make("GET", "/events?since=1.%D9%A3&until=2"))
        #expect(response.status.code == 400)
    }
}

enum EventClock {
    static func seconds() -> Int64 { EventBus.nowNanos() / 1_000_000_000 }
}
