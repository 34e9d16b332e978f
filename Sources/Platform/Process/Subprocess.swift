// SPDX-License-Identifier: Apache-2.0
// Runs a program with posix_spawn and collects its output, never forking from Swift (DESIGN.md) and
// never blocking the cooperative pool: output is read through the event loop, and the exit status is
// polled with WNOHANG once the output has ended.

import CShims
import Glibc

/// A finished program's exit status and output.
public struct SubprocessResult: Sendable {
    /// The exit code, or 128 + signal number when it was killed.
    public let status: Int32
    /// Everything it wrote to standard output.
    public let output: [UInt8]
    /// Everything it wrote to standard error.
    public let errorOutput: [UInt8]

    /// Standard output as text.
    public var outputText: String { String(decoding: output, as: UTF8.self) }
}

/// Spawning helpers.
public enum Subprocess {
    /// Runs `path` with `arguments` (argv[0] is added) and waits for it to finish.
    ///
    /// With `lifeline`, the child's stdin is a pipe whose only write end stays in this process until
    /// the child is reaped: if this process dies, the child reads end-of-file and can stop at once
    /// (a helper left running after a daemon crash would race the restarted daemon's clean-up).
    /// PR_SET_PDEATHSIG is no substitute: it fires when the spawning *thread* exits, and pool threads do.
    public static func run(_ path: String, _ arguments: [String] = [], lifeline: Bool = false) async throws -> SubprocessResult {
        let outPipe = try Pipe.make()
        let errPipe = try Pipe.make()
        let linePipe = lifeline ? try Pipe.make() : nil
        var options = SpawnOptions(standardOutput: .descriptor(outPipe.write), standardError: .descriptor(errPipe.write))
        if let linePipe { options.standardInput = .descriptor(linePipe.read) }
        let pid = try Spawner.spawn(path, arguments: arguments, options: options)
        outPipe.write.close()
        errPipe.write.close()
        linePipe?.read.close()
        defer { linePipe?.write.close() }
        let outRead = outPipe.read
        let errRead = errPipe.read
        try outRead.setNonBlocking()
        try errRead.setNonBlocking()
        async let output = readAll(outRead)
        async let errors = readAll(errRead)
        let (out, err) = try await (output, errors)
        return SubprocessResult(status: try await reap(pid), output: out, errorOutput: err)
    }

    private static func readAll(_ fd: FileDescriptor) async throws -> [UInt8] {
        var collected: [UInt8] = []
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            let count = try await fd.read(into: scratch)
            if count == 0 { return collected }
            collected += scratch[..<count]
        }
    }

    /// Waits for `pid` to exit without blocking a thread: output has ended, so exit is imminent.
    private static func reap(_ pid: pid_t) async throws -> Int32 {
        var delay: UInt64 = 200_000
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                if cshim_wifexited(status) != 0 { return cshim_wexitstatus(status) }
                return 128 + cshim_wtermsig(status)
            }
            if result < 0 && errno != EINTR { throw Errno.current("waitpid") }
            try await Task.sleep(nanoseconds: delay)
            delay = min(delay * 2, 20_000_000)
        }
    }
}
