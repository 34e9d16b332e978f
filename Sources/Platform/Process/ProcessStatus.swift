// SPDX-License-Identifier: Apache-2.0
// Reaper building blocks: wait-status decoding and pidfds, whose readability means "the process exited".

import CShims
import Glibc

/// Decodes `waitpid` statuses.
public enum ProcessStatus {
    /// `(exit code, nil)` for a normal exit, `(nil, signal)` when killed, `(nil, nil)` otherwise (stopped).
    public static func decode(_ status: Int32) -> (exited: Int32?, signal: Int32?) {
        if cshim_wifexited(status) != 0 { return (cshim_wexitstatus(status), nil) }
        if cshim_wifsignaled(status) != 0 { return (nil, cshim_wtermsig(status)) }
        return (nil, nil)
    }

    /// The Docker-style exit code: the exit status, or 128 + signal; nil for a stopped process.
    public static func exitCode(_ status: Int32) -> Int32? {
        let decoded = decode(status)
        if let code = decoded.exited { return code }
        return decoded.signal.map { 128 + $0 }
    }
}

/// A process handle from `pidfd_open(2)`: it becomes readable when the process exits.
public enum ProcessDescriptor {
    /// Opens a pidfd for `pid` (close-on-exec is implied by the kernel), set non-blocking.
    public static func open(_ pid: pid_t) throws(Errno) -> FileDescriptor {
        let fd = cshim_pidfd_open(pid, 0)
        guard fd >= 0 else { throw Errno.current("pidfd_open \(pid)") }
        let descriptor = FileDescriptor(owning: fd)
        try descriptor.setNonBlocking()
        return descriptor
    }

    /// Suspends until `pid` exits (pidfd readiness on the event loop), then reaps it; returns the raw status.
    public static func waitForExit(_ pid: pid_t) async throws -> Int32 {
        let pidfd = try open(pid)
        defer { pidfd.close() }
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return status }
            if result < 0 {
                if errno == EINTR { continue }
                throw Errno.current("waitpid \(pid)")
            }
            try await EventLoop.current.wait(pidfd.rawValue, for: .read)
        }
    }
}
