// SPDX-License-Identifier: Apache-2.0
// Small Glibc helpers for the shim: whole-file reads and writes, the clock, non-blocking sends.

import CShimSupport
import Glibc

/// Thin wrappers over syscalls, retrying EINTR.
enum SystemCalls {
    /// Nanoseconds since the Unix epoch (CLOCK_REALTIME).
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Milliseconds of CLOCK_MONOTONIC, for poll deadlines.
    static func monotonicMilliseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }

    /// Writes all of `bytes` to a blocking descriptor; false on error.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// Writes all of `bytes` to a blocking descriptor; false on error.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// The whole file from `offset` on; nil when it cannot be opened.
    static func readFile(_ path: String, from offset: Int64 = 0) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if offset > 0 { lseek(fd, off_t(offset), SEEK_SET) }
        return readAll(fd)
    }

    /// Reads until end of file or error (or until nothing is available on a non-blocking fd).
    static func readAll(_ fd: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return result }
            result += chunk[..<count]
        }
    }

    /// The size of the file at `path`, 0 when missing.
    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// Writes `text` to `path` through a temporary name and a rename, so readers see all or nothing.
    /// No fsync: these files live in the exec root, which a reboot empties anyway (it is a tmpfs on
    /// most hosts); the page cache outlives any process crash, and a sync cost up to 8 ms per start.
    static func writeFileAtomically(_ path: String, _ text: String) -> Bool {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        let written = writeAll(fd, Array(text.utf8))
        close(fd)
        return written && rename(temporary, path) == 0
    }

    /// One non-blocking send: bytes sent, 0 when the socket is full, -1 when the peer is gone.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        while true {
            let count = Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return count }
            if errno == EINTR { continue }
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1
        }
    }

    /// Sets O_NONBLOCK on `fd`.
    static func setNonBlocking(_ fd: Int32) {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// A close-on-exec pipe, or nil.
    static func pipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard shim_pipe(&fds) == 0 else { return nil }
        return (fds[0], fds[1])
    }

    /// The text of errno for messages.
    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}
