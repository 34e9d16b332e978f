// SPDX-License-Identifier: Apache-2.0
// The read side of one HTTP/1.1 connection: the buffer, the decoder, and the deadlines that keep
// idle and trickling peers cheap. An actor because the request body is read from the handler while
// the connection task waits for it, and a client EOF is watched while a response streams.

import HTTPCore
import Platform

/// Reads requests and their bodies from one connection.
actor HTTP1Input {
    let stream: any ByteStream
    private var buffer = ByteBuffer()
    private var decoder: HTTP1RequestDecoder
    private var sawEOF = false
    private var inBody = false
    private let readSize = 16 * 1024

    init(stream: any ByteStream, limits: HTTP1RequestDecoder.Limits) {
        self.stream = stream
        decoder = HTTP1RequestDecoder(limits: limits)
    }

    /// The next request head; nil when the peer closed cleanly between requests. Waits at most
    /// `idle` seconds for the first byte and `header` seconds from the first byte to the blank line.
    /// A request head and how its body is framed, handed over in one actor hop.
    struct Next: Sendable {
        let head: HTTPRequestHead
        /// Content-Length, if given.
        let declaredLength: Int?
        /// False when the request has no body at all (nothing to read or skip afterwards).
        let hasBody: Bool
    }

    /// The next request head with its framing; nil when the peer closed cleanly between requests.
    func next(idle: Double, header: Double) async throws -> Next? {
        guard let head = try await nextHead(idle: idle, header: header) else { return nil }
        let length = decoder.declaredLength
        return Next(head: head, declaredLength: length, hasBody: decoder.isChunked || (length ?? 0) > 0)
    }

    func nextHead(idle: Double, header: Double) async throws -> HTTPRequestHead? {
        let idleDeadline = Deadline.after(seconds: idle)
        var headerDeadline: Deadline?
        while true {
            if let event = try decoder.next(&buffer) {
                guard case .head(let head) = event else { continue }
                if decoder.isChunked || (decoder.declaredLength ?? 0) > 0 {
                    inBody = true
                } else {
                    // No body: take the decoder's end-of-request now, so nothing waits on a body.
                    _ = try decoder.next(&buffer)
                }
                return head
            }
            if sawEOF {
                try decoder.finish(buffer)
                return nil
            }
            if headerDeadline == nil && !buffer.isEmpty { headerDeadline = .after(seconds: header) }
            // Checked here too: a client trickling a byte at a time is woken by each byte, so the
            // loop's deadline scan alone would never fire (slow-loris).
            if let headerDeadline, headerDeadline.hasPassed { throw EventLoopError.timedOut }
            try await fill(until: headerDeadline ?? idleDeadline)
        }
    }

    /// The Content-Length of the current request, if it has one.
    var declaredLength: Int? { decoder.declaredLength }

    /// The next piece of the current request's body, or nil at its end.
    func nextBodyPiece(timeout: Double) async throws -> [UInt8]? {
        guard inBody else { return nil }
        while true {
            if let event = try decoder.next(&buffer) {
                switch event {
                case .body(let piece): return piece
                case .end:
                    inBody = false
                    return nil
                case .head: throw HTTPParseError.badRequest("unexpected request head")
                }
            }
            if sawEOF { throw HTTPParseError.unexpectedEOF }
            try await fill(until: .after(seconds: timeout))
        }
    }

    /// Reads and drops what is left of the current body; false when more than `limit` bytes remain
    /// (then the connection should close rather than read a large upload nobody wants).
    func skipBody(limit: Int, timeout: Double) async -> Bool {
        var skipped = 0
        while inBody {
            guard let piece = try? await nextBodyPiece(timeout: timeout) else { return !inBody }
            skipped += piece.count
            if skipped > limit { return false }
        }
        return true
    }

    /// Everything read beyond the current request: it belongs to the protocol after an upgrade.
    func takeBuffered() -> [UInt8] { buffer.readAll() }

    /// Returns when the peer closes or the connection fails; bytes that arrive meanwhile are kept.
    /// A streaming response runs beside this to stop when its client goes away.
    func waitForPeerClose() async {
        // While the handler still reads the request body, reading here would race it for the bytes and
        // buffer an upload without limit; watch only once the body is done.
        while inBody && !sawEOF {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }
        }
        while !sawEOF {
            do { try await fill(until: nil) } catch { return }
        }
    }

    private func fill(until deadline: Deadline?) async throws {
        // Try first: a fast client's next request is often there already. Otherwise wait without a
        // buffer, so a thousand idle connections hold no read buffers.
        while true {
            do {
                let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 1)
                defer { scratch.deallocate() }  // runs at the end of this block, before any wait
                if let count = try stream.readAvailable(into: scratch) {
                    if count == 0 {
                        sawEOF = true
                    } else {
                        buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                    }
                    return
                }
            }
            try await stream.waitForInput(until: deadline)
        }
    }
}

/// The body of the request being handled, read from the connection's input.
struct InputBodySource: RequestBodySource {
    let input: HTTP1Input
    let declaredLength: Int?
    let timeout: Double

    func nextPiece() async throws -> [UInt8]? { try await input.nextBodyPiece(timeout: timeout) }
}
