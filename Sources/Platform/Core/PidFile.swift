// SPDX-License-Identifier: Apache-2.0
// The daemon's pid file, held with an exclusive flock for the daemon's lifetime, so a second daemon
// with the same pid file refuses to start even if the first one's pid was reused.

import Glibc

/// An exclusively locked pid file.
public final class PidFile: Sendable {
    /// The file's path.
    public let path: String
    private let descriptor: FileDescriptor

    /// Creates (or takes over a stale) pid file and writes this process's pid into it; throws when
    /// another live process holds it.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Errno.current("open pid file \(path)") }
        descriptor = FileDescriptor(owning: fd)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw Errno(EEXIST, "pid file found, ensure berthd is not running or delete \(path)")
        }
        // A pid left by a process that still runs (and does not use flock) also blocks us, as in dockerd.
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        if count > 0, let pid = Int32(String(decoding: buffer[..<count], as: UTF8.self).filter(\.isNumber)), pid != getpid(), pid > 0,
            kill(pid, 0) == 0, access("/proc/\(pid)", F_OK) == 0, Self.isDaemon(pid)
        {
            throw Errno(EEXIST, "pid file found, ensure berthd is not running or delete \(path)")
        }
        let text = Array("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, pwrite(fd, text, text.count, 0) == text.count else { throw Errno.current("write pid file \(path)") }
    }

    /// Removes the file (at clean shutdown) and releases the lock.
    public func remove() {
        unlink(path)
        descriptor.close()
    }

    /// True when `pid` runs a berthd (a reused pid of some other program is not a daemon).
    private static func isDaemon(_ pid: Int32) -> Bool {
        let fd = open("/proc/\(pid)/comm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(fd, &buffer, buffer.count)
        return count > 0 && String(decoding: buffer[..<count], as: UTF8.self).hasPrefix("berthd")
    }
}
