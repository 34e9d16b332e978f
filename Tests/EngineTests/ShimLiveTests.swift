// SPDX-License-Identifier: Apache-2.0
// The real berth-shim driving runc 1.1.5 on busybox containers: output through attach frames and the
// json-file log, stdin-once, exit codes, runtime errors, tty + resize, exec mode, log rotation, reaping.

import Engine
import Foundation
import Platform
import ShimProtocol
import Testing

@Suite(.enabled(if: Env.integration), .serialized) struct ShimLiveTests {
    let fixture: ShimFixture

    init() throws { fixture = try ShimFixture() }

    /// Launches, attaches (stdout+stderr, plus stdin when asked), starts; returns the stream and pid.
    private func run(_ arguments: ShimArguments, stdin: Bool = false) async throws -> (client: ShimClient, stream: any ByteStream, pid: Int32, shim: Int32) {
        let (shim, client) = try await fixture.launch(arguments)
        #expect(try await client.request(.status) == .created)
        let stream = try await client.attach(stdin: stdin, stdout: true, stderr: true)
        guard case .started(let pid) = try await client.request(.start) else { throw ShimTestError("start did not report a pid") }
        return (client, stream, pid, shim)
    }

    @Test func outputReachesAttachAndTheJSONLog() async throws {
        let id = ShimFixture.uniqueID("echo")
        defer { fixture.cleanUp(ids: [id]) }
        let arguments = try fixture.arguments(id: id, args: ["sh", "-c", "echo out; echo err >&2; printf 'no newline'"])
        let (client, stream, pid, shim) = try await run(arguments)
        let output = try await AttachedOutput.collect(stream)
        #expect(output.stdoutText == "out\nno newline")
        #expect(output.stderrText == "err\n")
        let exit = try await client.wait()
        #expect(exit.code == 0 && !exit.oomKilled)
        #expect(ShimClient.exitRecord(stateDirectory: arguments.stateDirectory) == exit)
        let entries = try ShimLogLine.read(try #require(arguments.logPath))
        #expect(entries.filter { $0.stream == "stdout" }.map(\.log) == ["out\n", "no newline"])
        #expect(entries.filter { $0.stream == "stderr" }.map(\.log) == ["err\n"])
        #expect(entries.allSatisfy { $0.time.hasSuffix("Z") && $0.time.count >= 20 })
        // Shim and container both reaped: no zombie left behind.
        #expect(try await waitUntilGone(shim))
        #expect(try await waitUntilGone(pid))
        #expect(await !client.isAlive())
    }

    @Test func stdinOnceEndsCatOnHalfClose() async throws {
        let id = ShimFixture.uniqueID("cat")
        defer { fixture.cleanUp(ids: [id]) }
        var arguments = try fixture.arguments(id: id, args: ["cat"])
        arguments.openStdin = true
        arguments.stdinOnce = true
        let (client, stream, _, _) = try await run(arguments, stdin: true)
        try await stream.write(Array("hello from stdin\n".utf8), until: nil)
        stream.shutdownWrite()
        let output = try await AttachedOutput.collect(stream)
        #expect(output.stdoutText == "hello from stdin\n")
        #expect(try await client.wait().code == 0)
    }

    @Test func exitCodeIsReported() async throws {
        let id = ShimFixture.uniqueID("exit3")
        defer { fixture.cleanUp(ids: [id]) }
        let (client, _, _, _) = try await run(try fixture.arguments(id: id, args: ["sh", "-c", "exit 3"]))
        #expect(try await client.wait().code == 3)
    }

    @Test func signalNineGives137() async throws {
        let id = ShimFixture.uniqueID("kill")
        defer { fixture.cleanUp(ids: [id]) }
        let (client, _, pid, _) = try await run(try fixture.arguments(id: id, args: ["sleep", "100"]))
        #expect(try await client.request(.status) == .running(pid: pid))
        #expect(try await client.request(.signal(9)) == .ok)
        #expect(try await client.wait().code == 137)
    }

    @Test func missingExecutableFailsReadyWithRuncsText() async throws {
        let id = ShimFixture.uniqueID("nosuch")
        defer { fixture.cleanUp(ids: [id]) }
        let arguments = try fixture.arguments(id: id, args: ["nosuchcmd"])
        await #expect {
            _ = try await fixture.launch(arguments)
        } throws: { error in
            guard case ShimError.runtime(let message) = error else { return false }
            return message.contains(#"exec: "nosuchcmd": executable file not found"#)
        }
    }

    @Test func ttyResizeIsSeenByStty() async throws {
        let id = ShimFixture.uniqueID("tty")
        defer { fixture.cleanUp(ids: [id]) }
        var arguments = try fixture.arguments(id: id, args: ["sh", "-c", "read line; stty size"], terminal: true)
        arguments.openStdin = true
        let (client, stream, _, _) = try await run(arguments, stdin: true)
        #expect(try await client.request(.resize(rows: 33, columns: 77)) == .ok)
        try await stream.write(Array("go\n".utf8), until: nil)
        let output = try await AttachedOutput.collect(stream)
        #expect(output.stdoutText.contains("33 77"))
        #expect(output.stderr.isEmpty)
        #expect(try await client.wait().code == 0)
        let entries = try ShimLogLine.read(try #require(arguments.logPath))
        #expect(entries.allSatisfy { $0.stream == "stdout" })
        #expect(entries.contains { $0.log.contains("33 77") })
    }

    @Test func shimOutlivesItsClientsAndAnswersLateWaits() async throws {
        let id = ShimFixture.uniqueID("late")
        defer { fixture.cleanUp(ids: [id]) }
        let arguments = try fixture.arguments(id: id, args: ["sh", "-c", "sleep 1; echo done; exit 5"])
        let (client, stream, _, shim) = try await run(arguments)
        // A client that asked to wait and one that attached both go away before the exit.
        let waiter = try await Socket.connectUnix(path: client.socketPath)
        try await waiter.writeAll(Array("wait\n".utf8))
        waiter.close()
        stream.close()
        #expect(try await client.request(.status) != .created)
        #expect(processExists(shim))
        let exit = try await client.wait()
        #expect(exit.code == 5)
        // After the shim left, a second wait reads the exit file.
        #expect(try await waitUntilGone(shim))
        #expect(try await client.wait() == exit)
        #expect(ShimClient.exitRecord(stateDirectory: arguments.stateDirectory) == exit)
        await #expect(throws: ShimError.self) { _ = try await client.request(.status) }
        #expect(try ShimLogLine.read(try #require(arguments.logPath)).map(\.log) == ["done\n"])
    }

    @Test func execModeRunsInARunningContainer() async throws {
        let id = ShimFixture.uniqueID("exec")
        defer { fixture.cleanUp(ids: [id]) }
        let (container, _, _, _) = try await run(try fixture.arguments(id: id, args: ["sleep", "100"]))
        let process: [String: Any] = [
            "args": ["sh", "-c", "echo exec-out; echo exec-err >&2; exit 7"], "cwd": "/", "env": ["PATH=/bin"],
            "user": ["uid": 0, "gid": 0], "terminal": false,
        ]
        let processPath = fixture.directory + "/exec-process.json"
        try JSONSerialization.data(withJSONObject: process).write(to: URL(fileURLWithPath: processPath))
        var arguments = ShimArguments(
            id: id, bundle: fixture.directory + "/bundle-" + id, stateDirectory: fixture.directory + "/exec-state",
            runtime: ShimFixture.runc, runtimeRoot: fixture.runtimeRoot)
        arguments.execID = "exec1"
        arguments.processPath = processPath
        let (execShim, exec) = try await fixture.launch(arguments)
        let stream = try await exec.attach(stdin: false, stdout: true, stderr: true)
        guard case .started = try await exec.request(.start) else { throw ShimTestError("exec start failed") }
        let output = try await AttachedOutput.collect(stream)
        #expect(output.stdoutText == "exec-out\n")
        #expect(output.stderrText == "exec-err\n")
        #expect(try await exec.wait().code == 7)
        #expect(try await waitUntilGone(execShim))
        // A missing executable in an exec is reported by start, in the runtime's words.
        try JSONSerialization.data(withJSONObject: ["args": ["nosuchcmd"], "cwd": "/", "user": ["uid": 0, "gid": 0]])
            .write(to: URL(fileURLWithPath: processPath))
        arguments.stateDirectory = fixture.directory + "/exec-state-2"
        let (_, failing) = try await fixture.launch(arguments)
        guard case .error(let message) = try await failing.request(.start) else { throw ShimTestError("exec of nosuchcmd started") }
        #expect(message.contains("executable file not found"))
        // The container itself is still running.
        #expect(try await container.request(.signal(9)) == .ok)
        #expect(try await container.wait().code == 137)
    }

    @Test func logRotatesWithMaxSizeAndMaxFile() async throws {
        let id = ShimFixture.uniqueID("rotate")
        defer { fixture.cleanUp(ids: [id]) }
        var arguments = try fixture.arguments(id: id, args: ["sh", "-c", "for i in $(seq 1 60); do echo line-$i; done"])
        arguments.logMaxSize = 1000
        arguments.logMaxFiles = 3
        let (client, _, _, _) = try await run(arguments)
        #expect(try await client.wait().code == 0)
        let path = try #require(arguments.logPath)
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: path + ".1") && manager.fileExists(atPath: path + ".2"))
        #expect(!manager.fileExists(atPath: path + ".3"))
        for file in [path, path + ".1", path + ".2"] {
            let size = try #require(try manager.attributesOfItem(atPath: file)[.size] as? Int)
            #expect(size <= 1000 && size > 0)
        }
        let current = try ShimLogLine.read(path).map(\.log)
        let previous = try ShimLogLine.read(path + ".1").map(\.log)
        #expect(current.last == "line-60\n")
        // Rotation loses nothing between the live file and the one before it.
        let first = try #require(current.first?.dropFirst(5).dropLast())
        #expect(previous.last == "line-\(try #require(Int(first)) - 1)\n")
    }
}
