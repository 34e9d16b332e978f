// SPDX-License-Identifier: Apache-2.0
// Restart policies with the real CLI on real containers: each policy after an exit, on-failure's limit,
// stop/kill/update, the die/start events of a policy restart, and the daemon's own restart after SIGKILL:
// live containers are re-adopted with their pids, exits that happened while it was down keep their real
// exit codes, and always/unless-stopped/on-failure come back as dockerd's restore brings them back.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerRestartTests {
    /// A loop that ends with exit 3 on SIGTERM (a plain `sh` as pid 1 would ignore it).
    static let trapLoop = ["sh", "-c", "trap 'exit 3' TERM; while true; do sleep 0.1; done"]

    static func inspect(_ docker: DockerCLI, _ name: String, _ format: String) async throws -> String {
        try await docker.run(["inspect", "-f", format, name]).stdout.trimmed
    }

    /// Polls `inspect -f format` until it equals `expected` (or `within` seconds pass); returns the last value.
    @discardableResult
    static func waitFor(_ docker: DockerCLI, _ name: String, _ format: String, _ expected: String, within: Double = 10) async throws -> String {
        let deadline = Date().addingTimeInterval(within)
        var last = ""
        while Date() < deadline {
            last = try await inspect(docker, name, format)
            if last == expected { return last }
            try await Task.sleep(for: .milliseconds(50))
        }
        return last
    }

    @Test func eachPolicyAfterAnExit() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        for (name, policy, command) in [
            ("always", "always", "exit 0"), ("unless", "unless-stopped", "exit 0"), ("onfail", "on-failure", "exit 4"),
            ("onfail0", "on-failure", "exit 0"), ("never", "no", "exit 4"),
        ] {
            let run = try await docker.run(["run", "-d", "--name", name, "--restart", policy, "busybox", "sh", "-c", "sleep 0.2; " + command])
            #expect(run.succeeded, "\(run)\n\(daemon.log)")
        }
        // Back-off 100, 200, 400 ms after runs of 0.2 s: three restarts well within 5 s.
        for name in ["always", "unless", "onfail"] {
            let deadline = Date().addingTimeInterval(8)
            var count = 0
            while Date() < deadline, count < 3 {
                count = Int(try await Self.inspect(docker, name, "{{.RestartCount}}")) ?? 0
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(count >= 3, "\(name) restarted \(count) times\n\(daemon.log)")
        }
        #expect(try await Self.waitFor(docker, "onfail0", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}", "exited 0 0") == "exited 0 0")
        #expect(try await Self.waitFor(docker, "never", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}", "exited 4 0") == "exited 4 0")
        // Restarting shows in ps the way dockerd words it.
        let ps = try await docker.run(["ps", "-a", "--filter", "name=onfail$", "--format", "{{.Status}}"])
        #expect(ps.stdout.hasPrefix("Up ") || ps.stdout.hasPrefix("Restarting (4)"), "\(ps)")
    }

    @Test func onFailureStopsAtItsRetryLimitWithDieAndStartEvents() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        try await waitForNextSecond()
        let since = String(Int(Date().timeIntervalSince1970))
        #expect(try await docker.run(["run", "-d", "--name", "limited", "--restart", "on-failure:2", "busybox", "sh", "-c", "exit 7"]).succeeded)
        let final = try await Self.waitFor(docker, "limited", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}", "exited 7 2")
        #expect(final == "exited 7 2", "\(daemon.log)")
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await Self.inspect(docker, "limited", "{{.RestartCount}}") == "2", "no third restart")
        try await waitForNextSecond()
        let events = try await docker.run([
            "events", "--since", since, "--until", String(Int(Date().timeIntervalSince1970)), "--filter", "container=limited", "--format",
            "{{.Action}}",
        ])
        let actions = events.stdout.split(separator: "\n").map(String.init).filter { ["start", "die", "restart"].contains($0) }
        #expect(actions == ["start", "die", "start", "die", "start", "die"], "\(events)")
        // docker start begins a new series: RestartCount back to 0, then up to 2 again.
        #expect(try await docker.run(["start", "limited"]).succeeded)
        #expect(try await Self.waitFor(docker, "limited", "{{.State.Status}} {{.RestartCount}}", "exited 2") == "exited 2")
    }

    @Test func stopAndKillPreventRestartStartClearsItUpdateApplies() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "svc", "--restart", "always", "busybox"] + Self.trapLoop).succeeded)
        #expect(try await docker.run(["stop", "-t", "5", "svc"]).succeeded)
        try await Task.sleep(for: .milliseconds(700))
        #expect(try await Self.inspect(docker, "svc", "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}") == "exited 3 0")

        // docker start clears the stop: the next exit of its own restarts it again.
        #expect(try await docker.run(["start", "svc"]).succeeded)
        let pid = try await Self.inspect(docker, "svc", "{{.State.Pid}}")
        #expect(try await docker.run(["exec", "svc", "kill", "-TERM", "1"]).succeeded)
        #expect(try await Self.waitFor(docker, "svc", "{{.RestartCount}} {{.State.Running}}", "1 true") == "1 true", "\(daemon.log)")
        #expect(try await Self.inspect(docker, "svc", "{{.State.Pid}}") != pid)

        #expect(try await docker.run(["kill", "svc"]).succeeded)
        try await Task.sleep(for: .milliseconds(700))
        #expect(try await Self.inspect(docker, "svc", "{{.State.Status}} {{.State.ExitCode}}") == "exited 137")

        // update --restart takes effect at the next exit: on-failure does not restart an exit 0.
        #expect(try await docker.run(["start", "svc"]).succeeded)
        #expect(try await docker.run(["update", "--restart", "on-failure", "svc"]).succeeded)
        #expect(try await docker.run(["exec", "svc", "sh", "-c", "kill -TERM 1"]).succeeded)
        #expect(try await Self.waitFor(docker, "svc", "{{.RestartCount}} {{.State.Running}}", "1 true") == "1 true", "exit 3 restarts")
        #expect(try await docker.run(["update", "--restart", "no", "svc"]).succeeded)
        #expect(try await docker.run(["exec", "svc", "kill", "-TERM", "1"]).succeeded)
        #expect(try await Self.waitFor(docker, "svc", "{{.State.Status}} {{.RestartCount}}", "exited 1") == "exited 1")
    }

    @Test func daemonSIGKILLKeepsAndBringsBackContainers() async throws {
        let (first, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { first.cleanUp() }
        let policies = ["always": "always", "unless": "unless-stopped", "onfail": "on-failure", "never": "no"]
        for (name, policy) in policies {
            #expect(try await docker.run(["run", "-d", "--name", name, "--restart", policy, "busybox"] + Self.trapLoop).succeeded)
        }
        var pids: [String: String] = [:]
        for name in policies.keys { pids[name] = try await Self.inspect(docker, name, "{{.State.Pid}}") }

        // 1. SIGKILL while all run: the shims keep them running; the new daemon re-adopts the same processes.
        first.kill()
        _ = await first.child.wait(timeout: 10)
        let second = try await BerthDaemon.start(in: first.directory)
        defer { second.kill() }
        for name in policies.keys {
            let state = try await Self.inspect(docker, name, "{{.State.Status}} {{.State.Pid}}")
            #expect(state == "running \(pids[name] ?? "")", "\(name): \(state)\n\(second.log)")
        }

        // 2. SIGKILL again, and the processes end (exit 3) while no daemon runs.
        second.kill()
        _ = await second.child.wait(timeout: 10)
        for pid in pids.values { Glibc.kill(Int32(pid) ?? 0, SIGTERM) }
        for pid in pids.values {
            let deadline = Date().addingTimeInterval(5)
            while Date() < deadline, Glibc.kill(Int32(pid) ?? 0, 0) == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        try await Task.sleep(for: .milliseconds(300))
        let third = try await BerthDaemon.start(in: first.directory)
        defer { third.kill() }
        // always, unless-stopped and on-failure (exit 3) are started again with new processes, as dockerd's
        // restore starts them (RestartCount 0, a fresh start); `no` shows the real exit code from the shim.
        for name in ["always", "unless", "onfail"] {
            let state = try await Self.waitFor(docker, name, "{{.State.Status}} {{.RestartCount}}", "running 0")
            #expect(state == "running 0", "\(name): \(state)\n\(third.log)")
            #expect(try await Self.inspect(docker, name, "{{.State.Pid}}") != pids[name], "\(name) has a new process")
        }
        #expect(try await Self.inspect(docker, "never", "{{.State.Status}} {{.State.ExitCode}}") == "exited 3", "\(third.log)")

        // 3. A user stop survives the daemon's restart for unless-stopped, not for always (dockerd's documented rule).
        #expect(try await docker.run(["stop", "-t", "5", "always", "unless"]).succeeded)
        third.kill()
        _ = await third.child.wait(timeout: 10)
        let fourth = try await BerthDaemon.start(in: first.directory)
        defer { fourth.kill() }
        #expect(try await Self.waitFor(docker, "always", "{{.State.Status}}", "running") == "running", "\(fourth.log)")
        #expect(try await Self.inspect(docker, "unless", "{{.State.Status}} {{.State.ExitCode}}") == "exited 3")
    }
}
