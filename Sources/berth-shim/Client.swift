// SPDX-License-Identifier: Apache-2.0
// One connection to shim.sock: its request line, what it is attached to, and its pending output.

import Glibc

/// A connected client; the shim owns its descriptor.
final class Client {
    /// Largest backlog before a slow attach client is dropped, so it can never stall the container.
    static let maxBacklog = 1024 * 1024

    /// The socket; -1 once closed.
    private(set) var fd: Int32
    /// Bytes of the request line read so far (until "\n").
    var requestLine: [UInt8] = []
    /// The request has been read.
    var hasRequest = false
    /// Attached: receives frames (for the streams below) and may send stdin.
    var attached = false
    var wantsStdin = false
    var wantsStdout = false
    var wantsStderr = false
    /// Waits for the exit reply.
    var waiting = false
    /// The client half-closed (read returned 0).
    var inputClosed = false
    /// Close as soon as the backlog is sent.
    var closeWhenFlushed = false
    private var backlog: [UInt8] = []
    private var backlogStart = 0

    /// Wraps an accepted, non-blocking socket.
    init(fd: Int32) { self.fd = fd }

    /// True once closed.
    var isClosed: Bool { fd < 0 }
    /// True when output is waiting for the socket.
    var hasBacklog: Bool { backlogStart < backlog.count }

    /// Sends `bytes` now as far as the socket takes them and keeps the rest; drops the client when the
    /// backlog would pass `maxBacklog` or the peer is gone.
    func send(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, bytes.count > 0 else { return }
        var sent = 0
        if !hasBacklog {
            sent = SystemCalls.send(fd, bytes)
            if sent < 0 { return close() }
        }
        guard sent < bytes.count else { return }
        if backlog.count - backlogStart + bytes.count - sent > Self.maxBacklog { return close() }
        backlog.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[sent...]))
    }

    /// Sends `bytes` (see the pointer variant).
    func send(_ bytes: [UInt8]) { bytes.withUnsafeBytes { send($0) } }

    /// Sends a reply line.
    func reply(_ line: String) { send(Array((line + "\n").utf8)) }

    /// Writes backlog while the socket accepts it (poll said writable).
    func flush() {
        guard hasBacklog else { return finishIfDone() }
        let sent = backlog.withUnsafeBytes { SystemCalls.send(fd, UnsafeRawBufferPointer(rebasing: $0[backlogStart...])) }
        if sent < 0 { return close() }
        backlogStart += sent
        if backlogStart == backlog.count {
            backlog = []
            backlogStart = 0
        } else if backlogStart > 64 * 1024 && backlogStart * 2 > backlog.count {
            backlog.removeFirst(backlogStart)
            backlogStart = 0
        }
        finishIfDone()
    }

    /// Closes when asked to and nothing is left to send.
    func finishIfDone() {
        if closeWhenFlushed && !hasBacklog { close() }
    }

    /// Closes the socket; idempotent.
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        backlog = []
        backlogStart = 0
    }
}
