// SPDX-License-Identifier: Apache-2.0
// What a connection is to the layers above: bytes in, bytes out, half-close, close. Plain sockets
// and TLS sessions both conform, so HTTP/1.1, HTTP/2 and hijacked streams run the same code.

import Glibc
import Synchronization

/// A bidirectional byte stream over a connected socket.
public protocol ByteStream: AnyObject, Sendable {
    /// Reads up to `buffer.count` bytes; 0 means the peer closed its write side.
    func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: Deadline?) async throws -> Int
    /// Waits until a read may return data (or EOF) without holding a buffer while idle.
    func waitForInput(until deadline: Deadline?) async throws
    /// Reads what is available now without waiting: nil when nothing is (EAGAIN), 0 at end of stream.
    func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int?
    /// Writes all of `bytes` or throws.
    func write(_ bytes: [UInt8], until deadline: Deadline?) async throws
    /// Closes the write direction (`shutdown(SHUT_WR)`, or TLS close_notify) while reads go on.
    func shutdownWrite()
    /// Closes the stream in both directions; idempotent.
    func close()
    /// The underlying socket.
    var descriptor: FileDescriptor { get }
}

/// A plain (unencrypted) connected socket.
public final class SocketStream: ByteStream {
    /// The connected socket.
    public let descriptor: FileDescriptor
    /// Set when the last non-blocking read emptied the socket (a short read, or EAGAIN). Until the
    /// event loop latches a new edge, another read would only return EAGAIN, so `readAvailable`
    /// answers "nothing yet" without the syscall: a keep-alive request then costs one read, not two.
    /// Cleared by every wait and every other read, after which the syscall is always made.
    private let drained = Atomic<Bool>(false)

    /// Wraps a connected, non-blocking socket.
    public init(_ descriptor: FileDescriptor) { self.descriptor = descriptor }

    /// Reads from the socket.
    public func read(into buffer: UnsafeMutableRawBufferPointer, until deadline: Deadline?) async throws -> Int {
        drained.store(false, ordering: .relaxed)
        return try await descriptor.read(into: buffer, until: deadline)
    }

    /// One non-blocking read(2), skipped when the socket is known to be empty.
    public func readAvailable(into buffer: UnsafeMutableRawBufferPointer) throws -> Int? {
        // Edge-triggered epoll reports every arrival of data, so "emptied by the last read and no edge
        // since" means the read would fail with EAGAIN.
        if drained.load(ordering: .relaxed), !EventLoop.current.hasPendingEdge(descriptor.rawValue, for: .read) { return nil }
        while true {
            let count = Glibc.read(descriptor.rawValue, buffer.baseAddress, buffer.count)
            if count >= 0 {
                drained.store(count > 0 && count < buffer.count, ordering: .relaxed)
                return count
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                drained.store(true, ordering: .relaxed)
                return nil
            }
            drained.store(false, ordering: .relaxed)
            throw Errno.current("read")
        }
    }

    /// Waits for the socket to become readable.
    public func waitForInput(until deadline: Deadline?) async throws {
        // Whatever ends the wait (an edge, a timeout, a cancellation), the next read is made for real.
        defer { drained.store(false, ordering: .relaxed) }
        try await EventLoop.current.wait(descriptor.rawValue, for: .read, until: deadline)
    }

    /// Writes to the socket.
    public func write(_ bytes: [UInt8], until deadline: Deadline?) async throws {
        try await descriptor.writeAll(bytes, until: deadline)
    }

    /// `shutdown(fd, SHUT_WR)`.
    public func shutdownWrite() { _ = Glibc.shutdown(descriptor.rawValue, Int32(SHUT_WR)) }

    /// Closes the socket.
    public func close() { descriptor.close() }
}
