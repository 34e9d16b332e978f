// SPDX-License-Identifier: Apache-2.0
// Spawner against /bin/sh: descriptor layout, environment, cwd, sessions, exit via pidfd readiness.

import Glibc
import Testing

@testable import Platform

@Suite struct SpawnTests {
    /// Reads a blocking pipe to EOF.
    private func drain(_ fd: FileDescriptor) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd.rawValue, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `script` with stdout on a pipe; returns (output, raw status).
    private func run(_ script: String, _ options: SpawnOptions = SpawnOptions()) async throws -> (String, Int32) {
        let pipe = try Pipe.make()
        var options = options
        options.standardOutput = .descriptor(pipe.write)
        let pid = try Spawner.spawn("/bin/sh", arguments: ["-c", script], options: options)
        pipe.write.close()
        let output = drain(pipe.read)
        return (output, try await ProcessDescriptor.waitForExit(pid))
    }

    @Test func exitCodeObservedThroughPidfdReadiness() async throws {
        let pid = try Spawner.spawn("/bin/sh", arguments: ["-c", "exit 7"])
        let pidfd = try ProcessDescriptor.open(pid)
        try await EventLoop.current.wait(pidfd.rawValue, for: .read)
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(ProcessStatus.decode(status).exited == 7)
        #expect(ProcessStatus.decode(status).signal == nil)
        #expect(ProcessStatus.exitCode(status) == 7)
    }

    @Test func killedBySignalDecodes() async throws {
        let (_, status) = try await run("kill -9 $$")
        #expect(ProcessStatus.decode(status).signal == SIGKILL)
        #expect(ProcessStatus.exitCode(status) == 137)
    }

    @Test func environmentAndWorkingDirectory() async throws {
        let options = SpawnOptions(environment: ["BERTH_X=hello", "PATH=/usr/bin:/bin"], workingDirectory: "/tmp")
        let (output, status) = try await run("echo \"$BERTH_X $(pwd) ${HOME-unset}\"", options)
        #expect(output == "hello /tmp unset\n")
        #expect(ProcessStatus.exitCode(status) == 0)
    }

    @Test func inheritsCurrentEnvironmentByDefault() async throws {
        let (output, _) = try await run("echo \"${PATH:+set}\"")
        #expect(output == "set\n")
    }

    @Test func extraDescriptorsMapToThreeUpAndNothingElseLeaks() async throws {
        let extra = try Pipe.make()
        let leak = try Pipe.make()
        _ = fcntl(leak.read.rawValue, F_SETFD, 0)  // not close-on-exec: closefrom must still drop it
        let options = SpawnOptions(extraDescriptors: [extra.write])
        let (output, status) = try await run("echo extra >&3; ls /proc/self/fd | sort -n | tr '\\n' ' '", options)
        extra.write.close()
        #expect(drain(extra.read) == "extra\n")
        // 0-3 are ours; ls adds one for the directory it reads.
        let fds = output.split(separator: " ").compactMap { Int($0) }
        #expect(Array(fds.prefix(4)) == [0, 1, 2, 3])
        #expect(fds.count <= 5)
        #expect(ProcessStatus.exitCode(status) == 0)
    }

    @Test func newSessionMakesTheChildASessionLeader() async throws {
        let (output, _) = try await run("echo $$ $(cut -d' ' -f6 /proc/$$/stat)", SpawnOptions(newSession: true))
        let parts = output.split { $0 == " " || $0 == "\n" }
        #expect(parts.count == 2 && parts[0] == parts[1])
        let (plain, _) = try await run("echo $$ $(cut -d' ' -f6 /proc/$$/stat)")
        let plainParts = plain.split { $0 == " " || $0 == "\n" }
        #expect(plainParts.count == 2 && plainParts[0] != plainParts[1])
    }

    @Test func subprocessRunsThroughTheSpawner() async throws {
        let result = try await Subprocess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.outputText == "out\n")
        #expect(String(decoding: result.errorOutput, as: UTF8.self) == "err\n")
        #expect(result.status == 3)
    }

    @Test func missingProgramThrowsErrnoNamingThePath() {
        #expect(throws: Errno(ENOENT, "")) {
            _ = try Spawner.spawn("/nonexistent/berth-prog")
        }
        do {
            _ = try Spawner.spawn("/nonexistent/berth-prog")
        } catch let error as Errno {
            #expect(error.call.contains("/nonexistent/berth-prog"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
