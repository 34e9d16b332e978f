// SPDX-License-Identifier: Apache-2.0
// Healthchecks without containers: the plan (commands, dockerd's defaults, the image merge), the status
// machine (starting → healthy → unhealthy after retries, the start period, 5 log entries), the probe
// output collector (split stdcopy frames, 4 KiB cut) and Go's duration text in the timeout message.

import Models
import ShimProtocol
import Testing

@testable import Engine

@Suite struct HealthcheckTests {
    static let second: Int64 = 1_000_000_000

    @Test func planCommandsAndDefaults() throws {
        let shell = try #require(HealthcheckPlan(ContainerConfig(healthcheck: HealthConfig(test: ["CMD-SHELL", "test -f /ok"]))))
        #expect(shell.command == ["/bin/sh", "-c", "test -f /ok"])
        #expect(shell.interval == 30 * Self.second && shell.timeout == 30 * Self.second && shell.retries == 3)
        #expect(shell.startPeriod == 0 && shell.startInterval == 5 * Self.second)
        var custom = ContainerConfig(healthcheck: HealthConfig(test: ["CMD-SHELL", "true"], interval: 200_000_000, retries: 2))
        custom.shell = ["/bin/ash", "-ec"]
        let withShell = try #require(HealthcheckPlan(custom))
        #expect(withShell.command == ["/bin/ash", "-ec", "true"] && withShell.interval == 200_000_000 && withShell.retries == 2)
        let argv = try #require(HealthcheckPlan(ContainerConfig(healthcheck: HealthConfig(test: ["CMD", "cat", "/x y"]))))
        #expect(argv.command == ["cat", "/x y"])
        #expect(HealthcheckPlan(ContainerConfig(healthcheck: HealthConfig(test: ["NONE"]))) == nil)
        #expect(HealthcheckPlan(ContainerConfig(healthcheck: HealthConfig(test: []))) == nil)
        #expect(HealthcheckPlan(ContainerConfig()) == nil)
    }

    @Test func startIntervalOnlyInsideTheStartPeriodWhileStarting() throws {
        let config = HealthConfig(test: ["CMD", "true"], interval: 10 * Self.second, startPeriod: 60 * Self.second, startInterval: Self.second)
        let plan = try #require(HealthcheckPlan(ContainerConfig(healthcheck: config)))
        #expect(plan.nextInterval(sinceStart: 5 * Self.second, status: "starting") == Self.second)
        #expect(plan.nextInterval(sinceStart: 5 * Self.second, status: "healthy") == 10 * Self.second)
        #expect(plan.nextInterval(sinceStart: 61 * Self.second, status: "starting") == 10 * Self.second)
    }

    @Test func imageHealthcheckMergesFieldByField() {
        let image = HealthConfig(test: ["CMD-SHELL", "probe"], interval: 5, timeout: 6, retries: 7)
        let merged = HealthcheckPlan.merge(HealthConfig(interval: 1), image: image)
        #expect(merged == HealthConfig(test: ["CMD-SHELL", "probe"], interval: 1, timeout: 6, retries: 7))
        #expect(HealthcheckPlan.merge(HealthConfig(test: ["NONE"]), image: image)?.test == ["NONE"])
        #expect(HealthcheckPlan.merge(nil, image: image) == image)
        #expect(HealthcheckPlan.merge(nil, image: nil) == nil)
    }

    static func result(_ code: Int, at start: Int64) -> HealthProbeResult {
        HealthProbeResult(start: start, end: start + 1000, exitCode: code, output: "out \(code)")
    }

    @Test func statusMachineFollowsDockerd() {
        var state = ContainerRunState()
        state.startedAt = 1_000 * Self.second
        state.health = "starting"
        let t = state.startedAt
        // Failures before any success count when there is no start period.
        #expect(HealthStatusMachine.apply(Self.result(1, at: t + 1), to: &state, retries: 2, startPeriod: 0) == nil)
        #expect(state.failingStreak == 1 && state.health == "starting")
        #expect(HealthStatusMachine.apply(Self.result(1, at: t + 2), to: &state, retries: 2, startPeriod: 0) == "unhealthy")
        #expect(HealthStatusMachine.apply(Self.result(0, at: t + 3), to: &state, retries: 2, startPeriod: 0) == "healthy")
        #expect(state.failingStreak == 0)
        #expect(HealthStatusMachine.apply(Self.result(-1, at: t + 4), to: &state, retries: 2, startPeriod: 0) == nil)
        #expect(state.health == "healthy" && state.failingStreak == 1)
        for index in 0..<4 { _ = HealthStatusMachine.apply(Self.result(0, at: t + 10 + Int64(index)), to: &state, retries: 2, startPeriod: 0) }
        #expect(state.healthLog?.count == 5)
        #expect(state.healthLog?.first?.exitCode == -1 && state.healthLog?.last?.output == "out 0")
    }

    @Test func startPeriodFailuresDoNotCountUntilHealthy() {
        var state = ContainerRunState()
        state.startedAt = 1_000 * Self.second
        state.health = "starting"
        let period = 10 * Self.second
        for offset in [1, 2, 3, 4] as [Int64] {
            _ = HealthStatusMachine.apply(Self.result(1, at: state.startedAt + offset * Self.second), to: &state, retries: 1, startPeriod: period)
        }
        #expect(state.health == "starting" && state.failingStreak == 0 && state.healthLog?.count == 4)
        #expect(HealthStatusMachine.apply(Self.result(1, at: state.startedAt + 11 * Self.second), to: &state, retries: 1, startPeriod: period) == "unhealthy")
        // Once healthy, a failure inside the start period counts.
        var healthy = ContainerRunState()
        healthy.health = "starting"
        _ = HealthStatusMachine.apply(Self.result(0, at: 1), to: &healthy, retries: 1, startPeriod: period)
        #expect(HealthStatusMachine.apply(Self.result(1, at: 2), to: &healthy, retries: 1, startPeriod: period) == "unhealthy")
    }

    @Test func probeOutputJoinsSplitFramesAndCutsAt4KiB() {
        var output = ProbeOutput()
        let frames = ShimFrame.header(stream: 1, count: 3) + Array("abc".utf8) + ShimFrame.header(stream: 2, count: 4) + Array("err\n".utf8)
        for byte in frames { output.append([byte]) }
        #expect(output.text == "abcerr\n")
        var big = ProbeOutput()
        big.append(ShimFrame.header(stream: 1, count: 5000) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000))
        #expect(big.text == String(repeating: "x", count: 4096) + "...")
    }

    @Test func goDurationText() {
        #expect(GoDurationText.text(nanos: Self.second) == "1s")
        #expect(GoDurationText.text(nanos: 500_000_000) == "500ms")
        #expect(GoDurationText.text(nanos: 1_500_000_000) == "1.5s")
        #expect(GoDurationText.text(nanos: 30 * Self.second) == "30s")
        #expect(GoDurationText.text(nanos: 120 * Self.second) == "2m0s")
        #expect(GoDurationText.text(nanos: 3_600 * Self.second) == "1h0m0s")
        #expect(GoDurationText.text(nanos: 1_500) == "1.5µs")
        #expect(GoDurationText.text(nanos: 0) == "0s")
    }
}
