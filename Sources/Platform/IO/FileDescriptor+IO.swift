// SPDX-License-Identifier: Apache-2.0
// Non-blocking reads and writes that await readiness on the event loop (FlyingSocks AsyncSocket pattern).

import Glibc

extension FileDescriptor {
    /// Reads up to `buffer.count` bytes; returns 0 at end of stream. Waits on the event loop while the
    /// descriptor has nothing to read, until `deadline` (then `EventLoopError.timedOut`).
    public func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: Deadline? = nil) async throws -> Int {
        while true {
            let count = Glibc.read(rawValue, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw Errno(code, "read") }
            if isClosed { throw EventLoopError.closed }
            try await EventLoop.current.wait(rawValue, for: .read, until: deadline)
        }
    }

    /// Writes every byte of `bytes`, waiting for room as needed. Uses send(MSG_NOSIGNAL) on sockets so a
    /// vanished peer gives EPIPE rather than SIGPIPE.
    public func writeAll(_ bytes: UnsafeRawBufferPointer, until deadline: Deadline? = nil) async throws {
        var offset = 0
        while offset < bytes.count {
            let pointer = bytes.baseAddress.map { $0 + offset }
            var count = send(rawValue, pointer, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count < 0 && errno == ENOTSOCK {
                count = Glibc.write(rawValue, pointer, bytes.count - offset)
            }
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            if code == EINTR { continue }
            guard code == EAGAIN || code == EWOULDBLOCK else { throw Errno(code, "write") }
            if isClosed { throw EventLoopError.closed }
            try await EventLoop.current.wait(rawValue, for: .write, until: deadline)
        }
    }

    /// Writes every byte of `bytes`.
    public func writeAll(_ bytes: [UInt8], until deadline: Deadline? = nil) async throws {
        // Most writes fit in the socket buffer: send straight from the array, and copy only what is left
        // when the peer is slow (the pointer must stay valid across suspension points).
        let sent = try bytes.withUnsafeBytes { raw in try sendAvailable(raw) }
        guard sent < bytes.count else { return }
        let rest = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count - sent, alignment: 1)
        defer { rest.deallocate() }
        rest.copyBytes(from: bytes[sent...])
        try await writeAll(UnsafeRawBufferPointer(rest), until: deadline)
    }

    /// Sends as much as the socket takes now; returns the byte count (stops at EAGAIN).
    private func sendAvailable(_ bytes: UnsafeRawBufferPointer) throws -> Int {
        var offset = 0
        while offset < bytes.count {
            let pointer = bytes.baseAddress.map { $0 + offset }
            var count = send(rawValue, pointer, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count < 0 && errno == ENOTSOCK { count = Glibc.write(rawValue, pointer, bytes.count - offset) }
            if count >= 0 {
                offset += count
                continue
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { return offset }
            throw Errno.current("write")
        }
        return offset
    }
}
