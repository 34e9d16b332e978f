// SPDX-License-Identifier: Apache-2.0
// The read side of one HTTP/1.1 connection: the buffer, the decoder, and the deadlines that keep
// idle and trickling peers cheap.
//
// Not an actor: an actor cost four executor switches per request (in and out of the actor, and out
// to the socket wait and back), each of which looks up the task's executor preference under a lock;
// that was a third of the CPU of a `/_ping` (perf, bench/bench.sh). One task reads at a time by
// construction: the connection task reads heads, the handler reads its body while the connection
// task awaits it, and `waitForPeerClose` reads only once the body is done. The mutex makes each
// step safe anyway, and no lock is held across a wait.

import HTTPCore
import Platform
import Synchronization

/// Reads requests and their bodies from one connection.
final class HTTP1Input: Sendable {
    let stream: any ByteStream
    private struct State {
        var buffer = ByteBuffer()
        var decoder: HTTP1RequestDecoder
        var sawEOF = false
        var inBody = false
    }
    private let state: Mutex<State>
    private let readSize = 16 * 1024

    init(stream: any ByteStream, limits: HTTP1RequestDecoder.Limits) {
        self.stream = stream
        state = Mutex(State(decoder: HTTP1RequestDecoder(limits: limits)))
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
        return state.withLock { state in
            let length = state.decoder.declaredLength
            return Next(head: head, declaredLength: length, hasBody: state.decoder.isChunked || (length ?? 0) > 0)
        }
    }

    /// The next request head; nil when the peer closed cleanly between requests. Waits at most
    /// `idle` seconds for the first byte and `header` seconds from the first byte to the blank line.
    func nextHead(idle: Double, header: Double) async throws -> HTTPRequestHead? {
        let idleDeadline = Deadline.after(seconds: idle)
        var headerDeadline: Deadline?
        while true {
            enum Step { case head(HTTPRequestHead), closed, more(bufferEmpty: Bool) }
            let step = try state.withLock { state throws(HTTPParseError) -> Step in
                while let event = try state.decoder.next(&state.buffer) {
                    guard case .head(let head) = event else { continue }
                    if state.decoder.isChunked || (state.decoder.declaredLength ?? 0) > 0 {
                        state.inBody = true
                    } else {
                        // No body: take the decoder's end-of-request now, so nothing waits on a body.
                        _ = try state.decoder.next(&state.buffer)
                    }
                    return .head(head)
                }
                if state.sawEOF {
                    try state.decoder.finish(state.buffer)
                    return .closed
                }
                return .more(bufferEmpty: state.buffer.isEmpty)
            }
            switch step {
            case .head(let head): return head
            case .closed: return nil
            case .more(let bufferEmpty):
                if headerDeadline == nil && !bufferEmpty { headerDeadline = .after(seconds: header) }
            }
            // Checked here too: a client trickling a byte at a time is woken by each byte, so the
            // loop's deadline scan alone would never fire (slow-loris).
            if let headerDeadline, headerDeadline.hasPassed { throw EventLoopError.timedOut }
            try await fill(until: headerDeadline ?? idleDeadline)
        }
    }

    /// The Content-Length of the current request, if it has one.
    var declaredLength: Int? { state.withLock { $0.decoder.declaredLength } }

    /// The next piece of the current request's body, or nil at its end.
    func nextBodyPiece(timeout: Double) async throws -> [UInt8]? {
        while true {
            enum Step { case piece([UInt8]?), more }
            let step = try state.withLock { state throws(HTTPParseError) -> Step in
                guard state.inBody else { return .piece(nil) }
                if let event = try state.decoder.next(&state.buffer) {
                    switch event {
                    case .body(let piece): return .piece(piece)
                    case .end:
                        state.inBody = false
                        return .piece(nil)
                    case .head: throw HTTPParseError.badRequest("unexpected request head")
                    }
                }
                if state.sawEOF { throw HTTPParseError.unexpectedEOF }
                return .more
            }
            if case .piece(let piece) = step { return piece }
            try await fill(until: .after(seconds: timeout))
        }
    }

    /// Reads and drops what is left of the current body; false when more than `limit` bytes remain
    /// (then the connection should close rather than read a large upload nobody wants).
    func skipBody(limit: Int, timeout: Double) async -> Bool {
        var skipped = 0
        while isInBody {
            guard let piece = try? await nextBodyPiece(timeout: timeout) else { return !isInBody }
            skipped += piece.count
            if skipped > limit { return false }
        }
        return true
    }

    /// Everything read beyond the current request: it belongs to the protocol after an upgrade.
    func takeBuffered() -> [UInt8] { state.withLock { $0.buffer.readAll() } }

    private var isInBody: Bool { state.withLock { $0.inBody } }
    private var hasSeenEOF: Bool { state.withLock { $0.sawEOF } }

    /// Returns when the peer closes or the connection fails; bytes that arrive meanwhile are kept.
    /// A streaming response runs beside this to stop when its client goes away.
    func waitForPeerClose() async {
        // While the handler still reads the request body, reading here would race it for the bytes and
        // buffer an upload without limit; watch only once the body is done.
        while isInBody && !hasSeenEOF {
            do { try await Task.sleep(for: .milliseconds(50)) } catch { return }
        }
        while !hasSeenEOF {
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
                    state.withLock { state in
                        if count == 0 {
                            state.sawEOF = true
                        } else {
                            state.buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
                        }
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
