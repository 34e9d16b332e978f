// SPDX-License-Identifier: Apache-2.0
// `docker run` and friends with the real CLI on real containers (runc, busybox-static): output, exit
// codes (the command's, 125/126/127), --rm, -d, -i, -e, -w, -u, --hostname, --entrypoint, names.

import Foundation
import Testing

@Suite(.enabled(if: Env.integration), .serialized)
struct ContainerRunTests {
    /// A daemon with busybox imported.
    /// A daemon with busybox imported; the daemon is cleaned up here if the import fails (the caller's
    /// `defer` is not in place yet, and a leaked daemon would keep its containers and mounts).
    static func daemonWithBusybox() async throws -> (BerthDaemon, DockerCLI) {
        let daemon = try await BerthDaemon.start()
        do {
            let docker = try DockerCLI(daemon)
            try await BusyboxImage.load(into: docker)
            return (daemon, docker)
        } catch {
            daemon.cleanUp()
            throw error
        }
    }

    @Test func runPrintsOutputAndRemovesWithRm() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let run = try await docker.run(["run", "--rm", "busybox", "echo", "hello from berth"])
        #expect(run.succeeded, "\(run)\n\(daemon.log)")
        #expect(run.stdout == "hello from berth\n", "\(run)")
        try await Task.sleep(for: .milliseconds(200))
        let all = try await docker.run(["ps", "-a", "-q"])
        #expect(all.succeeded && all.stdout.isEmpty, "--rm left a container: \(all)")
    }

    @Test func exitCodesAsTheCLIReportsThem() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let three = try await docker.run(["run", "busybox", "sh", "-c", "echo err >&2; exit 3"])
        #expect(three.status.code == 3, "\(three)\n\(daemon.log)")
        #expect(three.stderr == "err\n", "\(three)")
        let missing = try await docker.run(["run", "--rm", "busybox", "nosuchcmd"])
        #expect(missing.status.code == 127, "\(missing)")
        #expect(missing.stderr.contains("executable file not found"), "\(missing)")
        let notExecutable = try await docker.run(["run", "--rm", "busybox", "/etc/passwd"])
        #expect(notExecutable.status.code == 126, "\(notExecutable)")
        let noImage = try await docker.run(["run", "--rm", "nosuchimage:1", "true"])
        #expect(noImage.status.code == 125, "\(noImage)")
    }

    @Test func environmentWorkdirUserHostnameEntrypoint() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let env = try await docker.run(["run", "--rm", "-e", "GREETING=hi there", "busybox", "sh", "-c", "echo $GREETING; echo $HOME"])
        #expect(env.stdout == "hi there\n/root\n", "\(env)\n\(daemon.log)")
        let envFile = try makeTempDirectory() + "/env"
        try writeFile(envFile, "A=1\nB=two\n")
        let fromFile = try await docker.run(["run", "--rm", "--env-file", envFile, "busybox", "sh", "-c", "echo $A$B"])
        #expect(fromFile.stdout == "1two\n", "\(fromFile)")
        let workdir = try await docker.run(["run", "--rm", "-w", "/made/here", "busybox", "pwd"])
        #expect(workdir.stdout == "/made/here\n", "\(workdir)")
        let user = try await docker.run(["run", "--rm", "-u", "tester", "busybox", "sh", "-c", "id -u; id -g; echo $HOME"])
        #expect(user.stdout == "1000\n1000\n/home/tester\n", "\(user)")
        let numeric = try await docker.run(["run", "--rm", "-u", "4242:4343", "busybox", "id"])
        #expect(numeric.stdout.hasPrefix("uid=4242 gid=4343"), "\(numeric)")
        let unknown = try await docker.run(["run", "--rm", "-u", "ghost", "busybox", "true"])
        #expect(unknown.status.code != 0 && unknown.stderr.contains("unable to find user ghost"), "\(unknown)")
        let hostname = try await docker.run(["run", "--rm", "--hostname", "box1", "busybox", "sh", "-c", "hostname; cat /etc/hostname"])
        #expect(hostname.stdout == "box1\nbox1\n", "\(hostname)")
        let entry = try await docker.run(["run", "--rm", "--entrypoint", "echo", "busybox", "via", "entrypoint"])
        #expect(entry.stdout == "via entrypoint\n", "\(entry)")
    }

    @Test func stdinIsPassedWithDashI() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let cat = try await docker.run(["run", "--rm", "-i", "busybox", "sh", "-c", "cat; echo done"], stdin: "line one\nline two\n")
        #expect(cat.stdout == "line one\nline two\ndone\n", "\(cat)\n\(daemon.log)")
    }

    /// Client connections the daemon holds on its socket: /proc/net/unix lists the server side of every
    /// accepted connection under the listener's path, in state 03 (connected).
    static func clientConnections(on path: String) -> Int {
        guard let table = try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8) else { return -1 }
        return table.split(separator: "\n").filter { line in
            let fields = line.split(separator: " ")
            return fields.count >= 8 && fields[5] == "03" && fields[7] == path
        }.count
    }

    /// Polls for up to 10 s until the daemon holds no client connection; returns the last count.
    static func clientConnectionsDrained(on path: String) async throws -> Int {
        var count = clientConnections(on: path)
        for _ in 0..<100 where count != 0 {
            try await Task.sleep(for: .milliseconds(100))
            count = clientConnections(on: path)
        }
        return count
    }

    @Test func detachedRunLeavesNoConnectionBehind() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await Self.clientConnectionsDrained(on: daemon.socketPath) == 0, "no client is connected before the run")
        // `docker run -d` sends POST /containers/{id}/wait?condition=next-exit and exits without reading the
        // answer. The server must notice the client left: the wait may not hold the connection until the
        // container exits (1000 s here), which also held a SIGTERM'd daemon for its whole grace period.
        let started = try await docker.run(["run", "-d", "busybox", "sleep", "1000"])
        #expect(started.succeeded, "\(started)\n\(daemon.log)")
        #expect(Self.clientConnections(on: daemon.socketPath) >= 0, "/proc/net/unix is readable")
        #expect(try await Self.clientConnectionsDrained(on: daemon.socketPath) == 0, "the wait of `run -d` outlived its client")
        let stop = try await daemon.stop(timeout: 30)
        #expect(stop == .success, "\(daemon.log)")
    }

    /// A docker CLI killed in the middle of `exec` or `attach` to a silent process: the hijacked session must
    /// end when the client is gone for good, not at the process's next output (here never).
    @Test func killedAttachAndExecClientsLeaveNoConnectionBehind() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "silent", "busybox", "sleep", "1000"]).succeeded)
        for arguments in [["exec", "silent", "sleep", "1000"], ["attach", "silent"], ["exec", "-i", "silent", "cat"]] {
            let client = try Child(
                try Env.tool("docker"), ["-H", daemon.dockerHost] + arguments, environment: ["DOCKER_CONFIG": docker.configDirectory],
                outputIn: daemon.directory)
            var attached = 0
            for _ in 0..<100 where attached == 0 {
                try await Task.sleep(for: .milliseconds(100))
                attached = Self.clientConnections(on: daemon.socketPath)
            }
            #expect(attached > 0, "docker \(arguments) is connected")
            client.signal(SIGKILL)
            _ = await client.wait(timeout: 10)
            #expect(try await Self.clientConnectionsDrained(on: daemon.socketPath) == 0, "docker \(arguments) killed: its session is still held")
        }
    }

    /// The other side of the watch above: a client that only closes its input (end of stdin) keeps its session
    /// and gets output that comes seconds later.
    @Test func halfClosedClientStillGetsLateOutput() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let run = try await docker.run(["run", "-i", "--rm", "busybox", "sh", "-c", "cat; sleep 2.5; echo late"], stdin: "early\n")
        #expect(run.succeeded && run.stdout == "early\nlate\n", "\(run)\n\(daemon.log)")
    }

    @Test func detachedLifecycleWithNames() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        let started = try await docker.run(["run", "-d", "--name", "sleeper", "busybox", "sleep", "1000"])
        #expect(started.succeeded, "\(started)\n\(daemon.log)")
        let id = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(id.count == 64, "\(started)")

        let ps = try await docker.run(["ps", "--format", "{{.Names}} {{.Status}} {{.Command}}"])
        #expect(ps.stdout.hasPrefix("sleeper Up "), "\(ps)")
        let running = try await docker.run(["inspect", "-f", "{{.State.Running}} {{.State.Pid}} {{.Name}} {{.Config.Hostname}}", "sleeper"])
        let fields = running.stdout.split(separator: " ")
        #expect(fields.first == "true" && (Int(fields[1]) ?? 0) > 0 && fields[2] == "/sleeper", "\(running)")
        #expect(fields.last.map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines) == String(id.prefix(12)), "\(running)")

        let clash = try await docker.run(["run", "-d", "--name", "sleeper", "busybox", "true"])
        #expect(clash.status.code == 125 && clash.stderr.contains("is already in use by container"), "\(clash)")

        let prefix = try await docker.run(["inspect", "-f", "{{.Id}}", String(id.prefix(6))])
        #expect(prefix.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == id, "\(prefix)")

        let stop = try await docker.run(["stop", "-t", "1", "sleeper"])
        #expect(stop.succeeded, "\(stop)\n\(daemon.log)")
        let stopped = try await docker.run(["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "sleeper"])
        #expect(stopped.stdout == "exited 137\n", "\(stopped)")

        #expect(try await docker.run(["rename", "sleeper", "dozer"]).succeeded)
        #expect(try await docker.run(["start", "dozer"]).succeeded)
        let afterStart = try await docker.run(["inspect", "-f", "{{.State.Running}}", "dozer"])
        #expect(afterStart.stdout == "true\n", "\(afterStart)")
        let busy = try await docker.run(["rm", "dozer"])
        #expect(busy.status.code == 1 && busy.stderr.contains("container is running"), "\(busy)")
        #expect(try await docker.run(["rm", "-f", "dozer"]).succeeded)
        let gone = try await docker.run(["inspect", "dozer"])
        #expect(gone.status.code == 1 && gone.stderr.contains("No such object: dozer") || gone.stderr.contains("No such container"), "\(gone)")
    }

    @Test func killPauseUnpauseRestartWait() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "-d", "--name", "kk", "busybox", "sh", "-c", "trap 'exit 42' USR1; while true; do sleep 0.1; done"]).succeeded)
        #expect(try await docker.run(["pause", "kk"]).succeeded)
        let paused = try await docker.run(["inspect", "-f", "{{.State.Status}} {{.State.Paused}}", "kk"])
        #expect(paused.stdout == "paused true\n", "\(paused)\n\(daemon.log)")
        let ps = try await docker.run(["ps", "--format", "{{.Status}}"])
        #expect(ps.stdout.contains("(Paused)"), "\(ps)")
        #expect(try await docker.run(["unpause", "kk"]).succeeded)
        #expect(try await docker.run(["kill", "-s", "USR1", "kk"]).succeeded)
        let waited = try await docker.run(["wait", "kk"])
        #expect(waited.stdout == "42\n", "\(waited)")
        let restarted = try await docker.run(["restart", "-t", "1", "kk"])
        #expect(restarted.succeeded, "\(restarted)")
        #expect(try await docker.run(["inspect", "-f", "{{.State.Running}}", "kk"]).stdout == "true\n")
        #expect(try await docker.run(["kill", "kk"]).succeeded)
        let killed = try await docker.run(["inspect", "-f", "{{.State.ExitCode}}", "kk"])
        #expect(killed.stdout == "137\n", "\(killed)")
        let notRunning = try await docker.run(["kill", "kk"])
        #expect(notRunning.status.code == 1 && notRunning.stderr.contains("is not running"), "\(notRunning)")
    }

    @Test func logsExecAndPrune() async throws {
        let (daemon, docker) = try await Self.daemonWithBusybox()
        defer { daemon.cleanUp() }
        #expect(try await docker.run(["run", "--name", "talker", "busybox", "sh", "-c", "echo one; sleep 0.1; echo two >&2; sleep 0.1; echo three"]).succeeded)
        let logs = try await docker.run(["logs", "talker"])
        #expect(logs.stdout == "one\nthree\n" && logs.stderr == "two\n", "\(logs)\n\(daemon.log)")
        let tail = try await docker.run(["logs", "--tail", "1", "talker"])
        #expect(tail.stdout == "three\n", "\(tail)")
        let stamped = try await docker.run(["logs", "-t", "talker"])
        #expect(stamped.stdout.split(separator: "\n").allSatisfy { $0.contains("Z ") }, "\(stamped)")

        #expect(try await docker.run(["run", "-d", "--name", "svc", "busybox", "sleep", "1000"]).succeeded)
        let exec = try await docker.run(["exec", "svc", "sh", "-c", "echo in-$HOSTNAME; exit 5"])
        #expect(exec.status.code == 5 && exec.stdout.hasPrefix("in-"), "\(exec)\n\(daemon.log)")
        let env = try await docker.run(["exec", "-e", "X=y", "-w", "/tmp", "-u", "tester", "svc", "sh", "-c", "echo $X $(pwd) $(id -u)"])
        #expect(env.stdout == "y /tmp 1000\n", "\(env)")
        let input = try await docker.run(["exec", "-i", "svc", "cat"], stdin: "piped\n")
        #expect(input.stdout == "piped\n", "\(input)")
        #expect(try await docker.run(["exec", "-d", "svc", "touch", "/tmp/marker"]).succeeded)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await docker.run(["exec", "svc", "test", "-f", "/tmp/marker"]).succeeded)

        let prune = try await docker.run(["container", "prune", "-f"])
        #expect(prune.succeeded && prune.stdout.contains("Deleted Containers"), "\(prune)")
        let left = try await docker.run(["ps", "-a", "--format", "{{.Names}}"])
        #expect(left.stdout == "svc\n", "\(left)")
    }
}
