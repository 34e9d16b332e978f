// SPDX-License-Identifier: Apache-2.0
// The interactive and streaming container commands with the real docker CLI: `run -it` on a real pty
// (TERM, window size, resize), attach and its detach keys, `start -a -i`, `exec -it`, exec errors,
// `logs -f/--since/--until/--tail/-t`, tty logs, `--log-driver none`, json-file rotation, and events.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerIOTests {
    @Test func runInteractiveOnTerminal() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let session = try docker.onTerminal(["run", "-it", "--name", "tty1", "busybox", "sh"], rows: 30, columns: 100)
        try await session.expectPrompt()
        try session.send("echo $((6*7))\r")
        try await session.expect("\n42\n")
        try session.send("echo term=$TERM\r")
        try await session.expect("\nterm=xterm\n")
        try session.send("stty size\r")
        try await session.expect("\n30 100\n")
        // The CLI sees SIGWINCH and sends POST /containers/{id}/resize.
        try session.resize(rows: 41, columns: 123)
        try await Task.sleep(for: .milliseconds(300))
        try session.send("stty size\r")
        try await session.expect("\n41 123\n")
        try session.send("exit 7\r")
        let status = try await session.wait()
        #expect(status == ExitStatus(code: 7, signaled: false), "\(session.output)\n\(daemon.log)")
        let state = try await docker.run(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.Config.Tty}} {{.Config.StdinOnce}}", "tty1"])
        #expect(state.stdout == "exited 7 true true\n", "\(state)")
    }

    @Test func attachDetachKeysAndExitStatus() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "-it", "--name", "det", "busybox", "sh"]).succeeded)

        // ctrl-p ctrl-q: the CLI detaches, says so, and exits 1 with the container still running.
        let first = try docker.onTerminal(["attach", "det"])
        try first.send("echo first-$((1+1))\r")
        try await first.expect("\nfirst-2\n")
        try first.send("\u{10}\u{11}")
        let detached = try await first.wait()
        #expect(detached.code == 1 && first.output.contains("read escape sequence"), "\(detached)\n\(first.output)\n\(daemon.log)")
        #expect(try await docker.run(["inspect", "-f", "{{.State.Running}}", "det"]).stdout == "true\n")

        // --detach-keys ctrl-x,x; the default keys then pass through to the shell.
        let second = try docker.onTerminal(["attach", "--detach-keys", "ctrl-x,x", "det"])
        try second.send("echo second\r")
        try await second.expect("\nsecond\n")
        try second.send("\u{18}x")
        let detachedAgain = try await second.wait()
        #expect(detachedAgain.code == 1 && second.output.contains("read escape sequence"), "\(detachedAgain)\n\(second.output)")
        #expect(try await docker.run(["inspect", "-f", "{{.State.Running}}", "det"]).stdout == "true\n")

        // Attached when the shell exits: attach returns the container's exit code.
        let third = try docker.onTerminal(["attach", "det"])
        try third.send("echo third\r")
        try await third.expect("\nthird\n")
        try third.send("exit 13\r")
        let ended = try await third.wait()
        #expect(ended.code == 13, "\(ended)\n\(third.output)\n\(daemon.log)")
        #expect(try await docker.run(["inspect", "-f", "{{.State.ExitCode}}", "det"]).stdout == "13\n")

        let stopped = try await docker.run(["attach", "det"])
        #expect(stopped.status.code == 1 && stopped.stderr.contains("You cannot attach to a stopped container"), "\(stopped)")
    }

    @Test func startAttachInteractive() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["create", "-it", "--name", "later", "busybox", "sh"]).succeeded)
        let session = try docker.onTerminal(["start", "-a", "-i", "later"], rows: 20, columns: 70)
        try await session.expectPrompt()
        try session.send("stty size; echo started-$((2+3))\r")
        try await session.expect("\n20 70\nstarted-5\n")
        try session.send("exit 4\r")
        let status = try await session.wait()
        #expect(status.code == 4, "\(status)\n\(session.output)\n\(daemon.log)")

        // Without a tty: stdin from a file, output framed, exit code passed on.
        #expect(try await docker.run(["create", "-i", "--name", "plain", "busybox", "sh", "-c", "read line; echo got $line; exit 6"]).succeeded)
        let plain = try await docker.run(["start", "-a", "-i", "plain"], stdin: "hello\n")
        #expect(plain.status.code == 6 && plain.stdout == "got hello\n", "\(plain)\n\(daemon.log)")
    }

    @Test func attachToNonTTYSeesNewOutputOnly() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let script = "i=0; while [ $i -lt 20 ]; do echo tick $i; echo tock $i >&2; i=$((i+1)); sleep 0.15; done"
        #expect(try await docker.run(["run", "-d", "--name", "ticker", "busybox", "sh", "-c", script]).succeeded)
        try await Task.sleep(for: .milliseconds(800))
        let attach = try await docker.run(["attach", "ticker"], timeout: 20)
        #expect(attach.succeeded, "\(attach)\n\(daemon.log)")
        let ticks = attach.stdout.lines.filter { !$0.isEmpty }
        #expect(!ticks.isEmpty && !ticks.contains("tick 0") && ticks.last == "tick 19", "\(attach)")
        #expect(ticks.allSatisfy { $0.hasPrefix("tick ") }, "stderr mixed into stdout: \(attach)")
        #expect(attach.stderr.contains("tock 19\n") && !attach.stderr.contains("tock 0\n"), "\(attach)")
    }

    @Test func stdinOnceClosesAfterLargeInput() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let input = String(repeating: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde\n", count: 4096)
        let run = try await docker.run(["run", "-i", "--name", "once", "busybox", "sh", "-c", "cat > /tmp/in; wc -c < /tmp/in"], stdin: input)
        #expect(run.succeeded && run.stdout.trimmed == String(input.utf8.count), "\(run.status) \(run.stdout) \(run.stderr)\n\(daemon.log)")
        let config = try await docker.run(["inspect", "-f", "{{.Config.OpenStdin}} {{.Config.StdinOnce}} {{.Config.AttachStdin}}", "once"])
        #expect(config.stdout == "true true true\n", "\(config)")
    }

    @Test func execOnTerminalDetachedAndErrors() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "host", "busybox", "sleep", "1000"]).succeeded)
        let session = try docker.onTerminal(["exec", "-it", "host", "sh"], rows: 33, columns: 90)
        try await session.expectPrompt()
        try session.send("echo term=$TERM; stty size\r")
        try await session.expect("\nterm=xterm\n33 90\n")
        try session.resize(rows: 50, columns: 132)
        try await Task.sleep(for: .milliseconds(300))
        try session.send("stty size\r")
        try await session.expect("\n50 132\n")
        try session.send("exit 9\r")
        let status = try await session.wait()
        #expect(status.code == 9, "\(status)\n\(session.output)\n\(daemon.log)")

        // Without -t there is no TERM (dockerd sets it only for a tty).
        let plain = try await docker.run(["exec", "host", "sh", "-c", "echo term=${TERM:-none}"])
        #expect(plain.stdout == "term=none\n", "\(plain)")

        #expect(try await docker.run(["exec", "-d", "host", "sh", "-c", "sleep 0.2; echo done > /tmp/detached"]).succeeded)
        try await Task.sleep(for: .milliseconds(700))
        #expect(try await docker.run(["exec", "host", "cat", "/tmp/detached"]).stdout == "done\n")

        let zero = try await docker.run(["exec", "host", "true"])
        let one = try await docker.run(["exec", "host", "false"])
        let many = try await docker.run(["exec", "host", "sh", "-c", "exit 42"])
        #expect([zero.status.code, one.status.code, many.status.code] == [0, 1, 42], "\(zero)\n\(one)\n\(many)")
        let missing = try await docker.run(["exec", "host", "nosuchcmd"])
        #expect(missing.status.code == 127, "\(missing)\n\(daemon.log)")
        #expect(missing.output.contains("OCI runtime exec failed") && missing.output.contains("executable file not found"), "\(missing)")

        let id = try await docker.run(["inspect", "-f", "{{.Id}}", "host"]).stdout.trimmed
        #expect(try await docker.run(["stop", "-t", "0", "host"]).succeeded)
        let stopped = try await docker.run(["exec", "host", "true"])
        #expect(stopped.status.code == 1 && stopped.stderr.contains("container \(id) is not running"), "\(stopped)")
    }

    @Test func logsFollowSinceUntilTailTimestamps() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let script = "i=1; while [ $i -le 15 ]; do echo line $i; i=$((i+1)); sleep 0.1; done"
        #expect(try await docker.run(["run", "-d", "--name", "printer", "busybox", "sh", "-c", script]).succeeded)
        // Follows while it runs and ends by itself when the container exits.
        let follow = try await docker.run(["logs", "-f", "printer"], timeout: 20)
        #expect(follow.succeeded, "\(follow)\n\(daemon.log)")
        #expect(follow.stdout == (1...15).map { "line \($0)\n" }.joined(), "\(follow)")

        #expect(try await docker.run(["run", "--name", "paced", "busybox", "sh", "-c", "echo first; sleep 1.2; echo second; sleep 1.2; echo third"]).succeeded)
        let stamped = try await docker.run(["logs", "-t", "paced"])
        let stamps = stamped.stdout.lines.filter { !$0.isEmpty }.map { $0.split(separator: " ", maxSplits: 1) }
        #expect(stamps.count == 3, "\(stamped)")
        guard stamps.count == 3 else { return }
        #expect(stamps.allSatisfy { $0[0].range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$"#, options: .regularExpression) != nil }, "\(stamped)")
        #expect(stamps.map { String($0[1]) } == ["first", "second", "third"], "\(stamped)")
        let middle = String(stamps[1][0])
        let since = try await docker.run(["logs", "--since", middle, "paced"])
        #expect(since.stdout == "second\nthird\n", "\(since)")
        let until = try await docker.run(["logs", "--until", middle, "paced"])
        #expect(until.stdout == "first\nsecond\n", "\(until)")
        let tail = try await docker.run(["logs", "--tail", "2", "paced"])
        #expect(tail.stdout == "second\nthird\n", "\(tail)")
        let none = try await docker.run(["logs", "--tail", "0", "paced"])
        #expect(none.succeeded && none.stdout.isEmpty, "\(none)")
    }

    @Test func ttyLogsNoneDriverAndRotation() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-t", "--name", "ttylog", "busybox", "sh", "-c", "echo a; echo b >&2"]).succeeded)
        let raw = try await docker.run(["logs", "ttylog"])
        #expect(raw.stdout == "a\r\nb\r\n" && raw.stderr.isEmpty, "\(raw)")

        #expect(try await docker.run(["run", "--log-driver", "none", "--name", "quiet", "busybox", "echo", "lost"]).succeeded)
        let none = try await docker.run(["logs", "quiet"])
        #expect(none.status.code == 1, "\(none)")
        #expect(none.stderr.contains("configured logging driver does not support reading"), "\(none)")

        let script = "i=1; while [ $i -le 120 ]; do printf 'entry %03d padding-padding-padding\\n' $i; i=$((i+1)); done"
        let rotate = ["run", "--log-opt", "max-size=1k", "--log-opt", "max-file=2", "--name", "rotor", "busybox", "sh", "-c", script]
        #expect(try await docker.run(rotate).succeeded)
        let logs = try await docker.run(["logs", "rotor"])
        let numbers = logs.stdout.lines.filter { !$0.isEmpty }.compactMap { Int($0.split(separator: " ")[1]) }
        // ~1 KiB per file of ~110-byte entries: two files keep between 9 and 20 of the newest lines, in order.
        #expect(numbers.last == 120 && numbers.count >= 9 && numbers.count <= 20, "\(logs)")
        #expect(numbers == Array((numbers.first ?? 0)...120), "gap or disorder: \(numbers)")
        let files = try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/containers")
            .flatMap { id in try FileManager.default.contentsOfDirectory(atPath: daemon.dataRoot + "/containers/" + id) }
            .filter { $0.hasSuffix("-json.log") || $0.contains("-json.log.") }
        #expect(files.contains { $0.hasSuffix(".log.1") }, "no rotated file: \(files)")
    }

    @Test func eventsOfTheContainerLifecycle() async throws {
        let (daemon, docker) = try await ContainerRunTests.daemonWithBusybox()
        defer { daemon.cleanUp() }
        // A live stream, filtered to one container and one action.
        let directory = try makeTempDirectory("berth-events")
        defer { removeTempDirectory(directory) }
        var environment = ["DOCKER_CONFIG": docker.configDirectory]
        if let host = docker.host { environment["DOCKER_HOST"] = host }
        let live = try Child(
            try Env.tool("docker"), ["events", "--filter", "container=live", "--filter", "event=die", "--format", "{{.Action}} {{.Actor.Attributes.exitCode}}"],
            environment: environment, outputIn: directory)
        defer { live.signal(SIGKILL) }
        try await Task.sleep(for: .milliseconds(500))
        let start = Int(Date().timeIntervalSince1970)
        #expect(try await docker.run(["run", "--rm", "--name", "live", "busybox", "sh", "-c", "exit 3"]).status.code == 3)
        let deadline = Date().addingTimeInterval(10)
        while !live.stdout.contains("\n"), Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(live.stdout == "die 3\n", "\(live.stdout)\(live.stderr)\n\(daemon.log)")

        let id = try await docker.run(["run", "-d", "--name", "ev", "busybox", "sleep", "1000"]).stdout.trimmed
        #expect(try await docker.run(["pause", "ev"]).succeeded)
        #expect(try await docker.run(["unpause", "ev"]).succeeded)
        #expect(try await docker.run(["rename", "ev", "ev2"]).succeeded)
        #expect(try await docker.run(["exec", "ev2", "sh", "-c", "exit 4"]).status.code == 4)
        #expect(try await docker.run(["kill", "ev2"]).succeeded)
        _ = try await docker.run(["wait", "ev2"])
        try await waitForNextSecond()
        let end = Int(Date().timeIntervalSince1970)

        let format = "{{.Action}}|{{.Actor.Attributes.name}}|{{.Actor.Attributes.exitCode}}|{{.Actor.Attributes.signal}}|{{.Actor.Attributes.oldName}}"
        let past = try await docker.run(["events", "--since", String(start), "--until", String(end), "--filter", "container=live", "--format", format])
        #expect(past.stdout.lines.filter { !$0.isEmpty }.map { $0.split(separator: "|", omittingEmptySubsequences: false)[0] } == [
            "create", "attach", "start", "die", "destroy",
        ], "\(past)")
        let events = try await docker.run(["events", "--since", String(start), "--until", String(end), "--filter", "container=\(id)", "--format", format])
        // The CLI's template prints `<no value>` for a missing attribute.
        let lines = events.stdout.replacingOccurrences(of: "<no value>", with: "").lines.filter { !$0.isEmpty }.map(String.init)
        #expect(lines == [
            "create|ev|||", "start|ev|||", "pause|ev|||", "unpause|ev|||", "rename|ev2|||/ev", "exec_create: sh -c exit 4|ev2|||",
            "exec_start: sh -c exit 4|ev2|||", "exec_die|ev2|4||", "kill|ev2||9|", "die|ev2|137||",
        ], "\(events)\n\(daemon.log)")
        let dies = try await docker.run(["events", "--since", String(start), "--until", String(end), "--filter", "event=die", "--format", "{{.Actor.Attributes.name}}"])
        #expect(dies.stdout == "live\nev2\n", "\(dies)")
    }
}
