// SPDX-License-Identifier: Apache-2.0
// Running external programs (docker, python3, openssl, curl, berthd) with output in files and a hard timeout.

import Foundation
import Synchronization

/// How a child process ended.
struct ExitStatus: Equatable, CustomStringConvertible {
    /// The exit code, or the signal number when `signaled`.
    let code: Int32
    /// True when a signal ended the process.
    let signaled: Bool

    /// A normal exit with status 0.
    static let success = ExitStatus(code: 0, signaled: false)

    var description: String { signaled ? "killed by signal \(code)" : "exit status \(code)" }
}

/// A started program whose exit can be awaited; stdout and stderr go to files. Spawned with posix_spawn:
/// Foundation's `Process.run()` on Swift 6.3.1 can crash reading /proc/self/fd when many descriptors are
/// open (swift-corelibs-foundation#5472), which the live HTTP tests in this process do.
final class Child: Sendable {
    /// The process id.
    let pid: pid_t
    /// Where stdout and stderr are written.
    let stdoutPath: String
    let stderrPath: String
    private let exit = Mutex<ExitStatus?>(nil)

    /// Starts `executable` with `arguments`. The environment is this process's without any `DOCKER_*`
    /// variable (so a developer's DOCKER_HOST cannot redirect a test), plus `environment`.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, outputIn directory: String)
        throws
    {
        let tag = "\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        stdoutPath = "\(directory)/\(tag).stdout"
        stderrPath = "\(directory)/\(tag).stderr"
        var inputPath = "/dev/null"
        if let stdin {
            inputPath = "\(directory)/\(tag).stdin"
            try writeFile(inputPath, stdin)
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = SpawnSetup.environment(environment)
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let rc = SpawnSetup.withAttributes { posix_spawn(&pid, executable, &actions, &$0, argv, envp) }
        guard rc == 0 else { throw TestFailure("cannot start \(executable): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    /// The exit status once the process ended (reaps it), else nil.
    private func poll() -> ExitStatus? {
        exit.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            // WIFSIGNALED / WEXITSTATUS are C macros: decode the wait status by hand.
            let signal = status & 0x7f
            known = signal == 0 ? ExitStatus(code: (status >> 8) & 0xff, signaled: false) : ExitStatus(code: signal, signaled: true)
            return known
        }
    }

    /// True while the process has not ended.
    var isRunning: Bool { poll() == nil }

    /// Waits up to `timeout` seconds for the process to end; nil if it is still running then.
    func wait(timeout: Double) async -> ExitStatus? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() { return status }
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Sends `signal` if the process still runs.
    func signal(_ number: Int32) {
        if isRunning { _ = kill(pid, number) }
    }

    /// What the process wrote to stdout so far.
    var stdout: String { readFile(stdoutPath) }
    /// What the process wrote to stderr so far.
    var stderr: String { readFile(stderrPath) }
}

/// The outcome of a finished command.
struct CommandResult: CustomStringConvertible {
    let command: String
    let status: ExitStatus
    let stdout: String
    let stderr: String

    /// True for exit status 0.
    var succeeded: Bool { status == .success }
    /// stdout and stderr together.
    var output: String { stdout + stderr }

    var description: String { "$ \(command)\n[\(status)]\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)" }
}

/// Runs programs to completion.
enum Command {
    /// Runs `executable` and waits at most `timeout` seconds (then SIGKILL and a thrown failure).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, timeout: Double = 60
    ) async throws -> CommandResult {
        let directory = try makeTempDirectory("berth-cmd")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let child = try Child(executable, arguments, environment: environment, stdin: stdin, outputIn: directory)
        let line = ([executable] + arguments).joined(separator: " ")
        guard let status = await child.wait(timeout: timeout) else {
            child.signal(SIGKILL)
            _ = await child.wait(timeout: 5)
            throw TestFailure("timed out after \(timeout) s: \(line)\n--- stdout ---\n\(child.stdout)\n--- stderr ---\n\(child.stderr)")
        }
        return CommandResult(command: line, status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Runs a program found on PATH by name.
    static func run(
        tool name: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, timeout: Double = 60
    ) async throws -> CommandResult {
        try await run(try Env.tool(name), arguments, environment: environment, stdin: stdin, timeout: timeout)
    }
}
