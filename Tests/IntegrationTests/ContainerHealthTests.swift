// SPDX-License-Identifier: Apache-2.0
// Healthchecks with the real CLI: healthy after a passing probe, unhealthy after `retries` failures, the
// timeout's -1 and dockerd's text, the start period, the log in inspect, ps status and --filter health,
// health_status events, and probing that stops with the container and resumes with its next start.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerHealthTests {
    static let fast = ["--health-interval", "200ms", "--health-retries", "2"]

    static func status(_ docker: DockerCLI, _ name: String, is expected: String, within: Double = 10) async throws -> String {
        try await ContainerRestartTests.waitFor(docker, name, "{{.State.Health.Status}}", expected, within: within)
    }

    @Test func healthyUnhealthyLogPsFilterAndEvents() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        try await waitForNextSecond()
        let since = String(Int(Date().timeIntervalSince1970))
        let run = try await docker.run(
            ["run", "-d", "--name", "web", "--health-cmd", "test -f /tmp/ok && echo fine || { echo missing >&2; exit 1; }"] + Self.fast
                + ["busybox", "sleep", "1000"])
        #expect(run.succeeded, "\(run)\n\(daemon.log)")
        #expect(try await ContainerRestartTests.inspect(docker, "web", "{{.State.Health.Status}}") == "starting")
        let starting = try await docker.run(["ps", "--format", "{{.Status}}"])
        #expect(starting.stdout.contains("(health: starting)"), "\(starting)")

        #expect(try await Self.status(docker, "web", is: "unhealthy") == "unhealthy", "\(daemon.log)")
        let failing = try await ContainerRestartTests.inspect(docker, "web", "{{.State.Health.FailingStreak}} {{(index .State.Health.Log 0).ExitCode}} {{(index .State.Health.Log 0).Output}}")
        #expect(failing.hasSuffix(" 1 missing"), "\(failing)")
        #expect((Int(failing.split(separator: " ")[0]) ?? 0) >= 2, "\(failing)")
        let unhealthy = try await docker.run(["ps", "--filter", "health=unhealthy", "--format", "{{.Names}} {{.Status}}"])
        #expect(unhealthy.stdout.hasPrefix("web Up ") && unhealthy.stdout.contains("(unhealthy)"), "\(unhealthy)")

        #expect(try await docker.run(["exec", "web", "touch", "/tmp/ok"]).succeeded)
        #expect(try await Self.status(docker, "web", is: "healthy") == "healthy")
        try await Task.sleep(for: .milliseconds(1500))
        let log = try await ContainerRestartTests.inspect(docker, "web", "{{len .State.Health.Log}} {{.State.Health.FailingStreak}}")
        #expect(log == "5 0", "five results kept: \(log)")
        let last = try await docker.run(["inspect", "-f", "{{json .State.Health.Log}}", "web"])
        #expect(last.stdout.contains(#""ExitCode":0,"Output":"fine\n""#), "\(last)")
        #expect(try await docker.run(["ps", "--filter", "health=healthy", "-q"]).stdout.trimmed.count == 12)
        #expect(try await docker.run(["ps", "--filter", "health=unhealthy", "-q"]).stdout.trimmed.isEmpty)

        try await waitForNextSecond()
        let events = try await docker.run([
            "events", "--since", since, "--until", String(Int(Date().timeIntervalSince1970)), "--filter", "event=health_status",
            "--format", "{{.Action}}",
        ])
        #expect(events.stdout == "health_status: unhealthy\nhealth_status: healthy\n", "\(events)")

        // Probing stops with the container (the log stops growing) and starts over with it.
        #expect(try await docker.run(["stop", "-t", "1", "web"]).succeeded)
        let stoppedLog = try await ContainerRestartTests.inspect(docker, "web", "{{json .State.Health.Log}}")
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await ContainerRestartTests.inspect(docker, "web", "{{json .State.Health.Log}}") == stoppedLog)
        #expect(try await docker.run(["start", "web"]).succeeded)
        #expect(try await ContainerRestartTests.inspect(docker, "web", "{{.State.Health.Status}}") == "starting")
        // /tmp/ok stays in the writable layer, so the new run turns healthy again.
        #expect(try await Self.status(docker, "web", is: "healthy") == "healthy")
    }

    @Test func timeoutCountsAsFailureWithDockerdText() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let run = try await docker.run(
            ["run", "-d", "--name", "slow", "--health-cmd", "echo begun; sleep 5", "--health-timeout", "500ms", "--health-retries", "1",
             "--health-interval", "200ms", "busybox", "sleep", "1000"])
        #expect(run.succeeded, "\(run)")
        #expect(try await Self.status(docker, "slow", is: "unhealthy") == "unhealthy", "\(daemon.log)")
        let entry = try await ContainerRestartTests.inspect(docker, "slow", "{{(index .State.Health.Log 0).ExitCode}}|{{(index .State.Health.Log 0).Output}}")
        #expect(entry == "-1|Health check exceeded timeout (500ms): begun", "\(entry)")
    }

    @Test func startPeriodHidesEarlyFailuresAndNoHealthcheckDisables() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(
            ["run", "-d", "--name", "late", "--health-cmd", "exit 1", "--health-start-period", "3s", "--health-start-interval", "200ms"] + Self.fast + ["busybox", "sleep", "1000"]
        ).succeeded)
        try await Task.sleep(for: .milliseconds(1500))
        let early = try await ContainerRestartTests.inspect(docker, "late", "{{.State.Health.Status}} {{.State.Health.FailingStreak}} {{len .State.Health.Log}}")
        let fields = early.split(separator: " ")
        #expect(fields.count == 3 && fields[0] == "starting" && fields[1] == "0" && (Int(fields[2]) ?? 0) >= 2, "\(early)\n\(daemon.log)")
        #expect(try await Self.status(docker, "late", is: "unhealthy", within: 6) == "unhealthy")
        // Without a start interval dockerd probes every 5 s inside the start period: none after 1.5 s.
        #expect(try await docker.run(
            ["run", "-d", "--name", "patient", "--health-cmd", "exit 1", "--health-start-period", "30s"] + Self.fast + ["busybox", "sleep", "1000"]
        ).succeeded)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(try await ContainerRestartTests.inspect(docker, "patient", "{{len .State.Health.Log}}") == "0")

        #expect(try await docker.run(["run", "-d", "--name", "plain", "--no-healthcheck", "busybox", "sleep", "1000"]).succeeded)
        #expect(try await ContainerRestartTests.inspect(docker, "plain", "{{.State.Health}}") == "<nil>")
        #expect(try await docker.run(["ps", "--filter", "health=none", "--format", "{{.Names}}"]).stdout == "plain\n")
    }
}
