// SPDX-License-Identifier: Apache-2.0
// The response body side of a connection: pieces on demand, and whether the connection may be reused.

import Glibc
import HTTPCore
import Platform

extension HTTPConnection {
    /// The next piece of the body of response `generation`, or nil at its end (or when that response
    /// is no longer the current one). Waits for the peer until `deadline`.
    func nextBodyPiece(generation: UInt64, until deadline: Deadline?) async throws -> [UInt8]? {
        guard generation == self.generation, finishedGeneration != generation, phase != .upgraded, phase != .handedOver else {
            return nil
        }
        // Closed before the body ended (by `close()` or an earlier failure): the body is incomplete.
        guard phase == .body else { throw HTTPClientError.connectionClosed }
        do {
            while true {
                let event = sawEOF ? try decoder.finish(&buffer) : try decoder.next(&buffer)
                switch event {
                case .body(let piece):
                    if piece.isEmpty { continue }
                    // A Content-Length body that is now complete frees the connection at once, even if
                    // the caller stops reading at the last byte instead of asking for the end.
                    if decoder.isAtBodyEnd, case .end? = try decoder.next(&buffer) { finishResponse() }
                    return piece
                case .end:
                    finishResponse()
                    return nil
                case .head:
                    throw HTTPClientError.malformedResponse("unexpected response head inside a body")
                case nil:
                    if sawEOF { throw HTTPClientError.unexpectedEOF }
                    try await fill(until: deadline)
                }
            }
        } catch {
            shutdown()
            throw Self.translate(error)
        }
    }

    /// Reserves the connection for the next request when it is idle and the peer has not closed it.
    /// A dead or misbehaving connection (EOF, or unsolicited bytes on a plain socket) is closed instead.
    func reserveIfReusable() -> Bool {
        guard phase == .idle else { return false }
        guard !sawEOF, buffer.isEmpty, peerLooksOpen() else {
            shutdown()
            return false
        }
        phase = .reserved
        return true
    }

    /// A non-blocking peek: EAGAIN means open and quiet. On TLS, pending bytes may be a session
    /// ticket (TLS 1.3 sends them after the handshake), so only EOF or an error count there.
    private func peerLooksOpen() -> Bool {
        var byte: UInt8 = 0
        let count = recv(stream.descriptor.rawValue, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if count < 0 { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR }
        if count == 0 { return false }
        if case .tls = endpoint { return true }
        return false
    }

    /// Reads what the stream has into the buffer; sets `sawEOF` at end of stream.
    func fill(until deadline: Deadline?) async throws {
        guard !isReading else { throw HTTPClientError.connectionBusy }
        isReading = true
        defer { isReading = false }
        // Read first, wait only on EAGAIN: with edge-triggered epoll, bytes that arrived before the
        // last wake-up (or sit in the kernel behind a TLS record just consumed) bring no new edge.
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        let count = try await stream.read(into: scratch, until: deadline)
        if count == 0 {
            sawEOF = true
        } else {
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
        }
    }
}
