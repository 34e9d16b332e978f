// SPDX-License-Identifier: Apache-2.0
// Restart policies as dockerd's restart manager decides them: which policy restarts after which exit,
// the on-failure retry limit, the back-off (100 ms doubling to 1 min, reset by a 10 s run), and what the
// daemon starts when it starts itself.

import Models
import Testing

@testable import Engine

@Suite struct RestartDecisionTests {
    static let ms: Int64 = 1_000_000

    static func afterExit(
        _ name: String, max: Int = 0, code: Int32 = 1, stopped: Bool = false, count: Int = 0, previous: Int64? = nil, ran: Int64 = 0
    ) -> Int64? {
        RestartDecision.afterExit(
            policy: RestartPolicy(name: name, maximumRetryCount: max), exitCode: code, manuallyStopped: stopped, restartCount: count,
            previousDelay: previous, ranFor: ran)
    }

    @Test func policiesAfterAnExit() {
        for code: Int32 in [0, 1, 137] {
            #expect(Self.afterExit("always", code: code) == 100 * Self.ms)
            #expect(Self.afterExit("unless-stopped", code: code) == 100 * Self.ms)
            #expect(Self.afterExit("no", code: code) == nil)
            #expect(Self.afterExit("", code: code) == nil)
        }
        #expect(Self.afterExit("on-failure", code: 0) == nil)
        #expect(Self.afterExit("on-failure", code: 3) == 100 * Self.ms)
    }

    @Test func stopAndKillCancelEveryPolicy() {
        for name in ["always", "unless-stopped", "on-failure"] {
            #expect(Self.afterExit(name, code: 137, stopped: true) == nil, "\(name)")
        }
    }

    @Test func onFailureStopsAtItsLimit() {
        #expect(Self.afterExit("on-failure", max: 2, count: 0) != nil)
        #expect(Self.afterExit("on-failure", max: 2, count: 1) != nil)
        #expect(Self.afterExit("on-failure", max: 2, count: 2) == nil)
        #expect(Self.afterExit("on-failure", max: 0, count: 500) != nil, "0 means no limit")
    }

    @Test func backOffDoublesCapsAndResets() {
        var delays: [Int64] = []
        var previous: Int64?
        for _ in 0..<12 {
            let delay = RestartDecision.nextDelay(previous: previous, ranFor: 50 * Self.ms)
            delays.append(delay)
            previous = delay
        }
        #expect(Array(delays.prefix(4)) == [100, 200, 400, 800].map { $0 * Self.ms })
        #expect(delays[9] == 51_200 * Self.ms)
        #expect(delays[10] == 60_000 * Self.ms && delays[11] == 60_000 * Self.ms, "capped at one minute")
        // A run of 10 s starts over at 100 ms; the next quick exit doubles from there, whatever RestartCount is.
        let reset = RestartDecision.nextDelay(previous: 60_000 * Self.ms, ranFor: 10_000 * Self.ms)
        #expect(reset == 100 * Self.ms)
        #expect(Self.afterExit("always", count: 40, previous: reset, ran: 20 * Self.ms) == 200 * Self.ms)
        #expect(RestartDecision.nextDelay(previous: 60_000 * Self.ms, ranFor: 9_999 * Self.ms) == 60_000 * Self.ms)
    }

    @Test func whatTheDaemonStartsWhenItStarts() {
        func starts(_ name: String, code: Int32 = 0, stopped: Bool = false, started: Bool = true) -> Bool {
            RestartDecision.atDaemonStart(
                policy: RestartPolicy(name: name, maximumRetryCount: 1), exitCode: code, manuallyStopped: stopped, hasBeenStarted: started)
        }
        #expect(starts("always") && starts("always", stopped: true), "always comes back even after docker stop")
        #expect(starts("unless-stopped") && !starts("unless-stopped", stopped: true))
        #expect(starts("on-failure", code: 3) && !starts("on-failure", code: 0))
        #expect(!starts("no", code: 3) && !starts("", code: 3))
        #expect(!starts("always", started: false), "never-started containers stay created")
    }
}
