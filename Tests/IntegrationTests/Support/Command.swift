// SPDX-License-Identifier: Apache-2.0
// Running external programs (docker, python3, openssl, curl, berthd) with output in files and a hard timeout.

import Foundation

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

/// A started program whose exit can be awaited; stdout and stderr go to files.
final class Child: Sendable {
    private let process: Process
    /// The process id.
    let pid: Int32
    /// Where stdout and stderr are written.
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable` with `arguments`. The environment is this process's without any `DOCKER_*`
    /// variable (so a developer's DOCKER_HOST cannot redirect a test), plus `environment`.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, outputIn directory: String)
        throws
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DOCKER_") }
        env.merge(environment) { $1 }
        process.environment = env
        let tag = "\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        stdoutPath = "\(directory)/\(tag).stdout"
        stderrPath = "\(directory)/\(tag).stderr"
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        guard let out = FileHandle(forWritingAtPath: stdoutPath), let err = FileHandle(forWritingAtPath: stderrPath) else {
            throw TestFailure("cannot open output files in \(directory)")
        }
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let inputPath = "\(directory)/\(tag).stdin"
            try writeFile(inputPath, stdin)
            process.standardInput = FileHandle(forReadingAtPath: inputPath)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        do {
            try process.run()
        } catch {
            throw TestFailure("cannot start \(executable): \(error)")
        }
        try? out.close()
        try? err.close()
        self.process = process
        pid = process.processIdentifier
    }

    /// True while the process has not been reaped.
    var isRunning: Bool { process.isRunning }

    /// Waits up to `timeout` seconds for the process to end; nil if it is still running then.
    func wait(timeout: Double) async -> ExitStatus? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return ExitStatus(code: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal)
    }

    /// Sends `signal` if the process still runs.
    func signal(_ number: Int32) {
        if process.isRunning { _ = kill(pid, number) }
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
