// SPDX-License-Identifier: Apache-2.0
// An incremental HTTP/1.1 response decoder (RFC 9112). Feed it a buffer; it returns the head, body
// pieces and the end of each response, or nil when it needs more bytes. Framing follows §6.3 and is
// as strict as the server's request decoder: both Transfer-Encoding and Content-Length, differing
// lengths, a coding other than chunked, obs-fold, or a bad chunk are errors, never guesses.
//
// Map: limits · events · framing · next() · finish(). Line parsing is in +Parsing.

import HTTPCore

/// Turns bytes into response heads and bodies, one response after another on the same connection.
public struct HTTP1ResponseDecoder: Sendable {
    /// Size limits; exceeding one throws `HTTPClientError.headersTooLarge`.
    public struct Limits: Sendable {
        /// Largest header block (status line included), and largest trailer block. Go's client allows 1 MiB.
        public var maxHeaderBytes = 1024 * 1024
        /// Most header fields accepted in one block.
        public var maxHeaderCount = 1024
        /// Creates the default limits.
        public init() {}
    }

    /// What the decoder found.
    public enum Event: Sendable {
        /// A complete final response head (1xx other than 101 are skipped).
        case head(HTTPResponseHead)
        /// A piece of the current response's body.
        case body([UInt8])
        /// The current response is complete; `trailers` holds chunked trailer fields, if any.
        case end(trailers: HTTPHeaders)
    }

    /// How the current response's body is delimited (RFC 9112 §6.3).
    public enum Framing: Sendable, Equatable {
        /// No body: HEAD, 1xx, 204, 304.
        case none
        /// Exactly this many bytes (Content-Length).
        case length(Int)
        /// Transfer-Encoding: chunked.
        case chunked
        /// Everything until the server closes the connection.
        case untilClose
    }

    enum State: Sendable {
        case head
        case endPending
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(HTTPHeaders, seen: Int)
        case untilClose
        case upgraded
    }

    /// The limits in force.
    public let limits: Limits
    var state = State.head
    var scanned = 0
    var requestMethod = "GET"

    /// The framing of the current (or last) response.
    public internal(set) var framing = Framing.none

    /// A decoder with the given limits.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// Tells the decoder which method the next response answers (a response to HEAD has no body).
    public mutating func expectResponse(toMethod method: String) { requestMethod = method }

    /// True between responses (nothing of a response has been decoded yet).
    public var isBetweenResponses: Bool {
        if case .head = state { return true }
        return false
    }

    /// True after a `101 Switching Protocols`: the bytes left in the buffer belong to the new protocol.
    public var isUpgraded: Bool {
        if case .upgraded = state { return true }
        return false
    }

    /// True when the current body is complete and the next `next` returns `.end` without more bytes.
    var isAtBodyEnd: Bool {
        switch state {
        case .fixed(remaining: 0), .endPending: true
        default: false
        }
    }

    /// Decodes the next event from `buffer`, consuming what it uses; nil means more bytes are needed.
    public mutating func next(_ buffer: inout ByteBuffer) throws(HTTPClientError) -> Event? {
        while true {
            switch state {
            case .head:
                switch try decodeHead(&buffer) {
                case .needMore: return nil
                case .informational: continue
                case .final(let head): return .head(head)
                }
            case .endPending:
                state = .head
                return .end(trailers: HTTPHeaders())
            case .fixed(let remaining):
                if remaining == 0 {
                    state = .head
                    return .end(trailers: HTTPHeaders())
                }
                guard !buffer.isEmpty else { return nil }
                let piece = buffer.read(remaining)
                state = .fixed(remaining: remaining - piece.count)
                return .body(Array(piece))
            case .chunkSize:
                guard let size = try decodeChunkSize(&buffer) else { return nil }
                state = size == 0 ? .trailers(HTTPHeaders(), seen: 0) : .chunkData(remaining: size)
            case .chunkData(let remaining):
                guard !buffer.isEmpty else { return nil }
                let piece = buffer.read(remaining)
                state = remaining == piece.count ? .chunkDataEnd : .chunkData(remaining: remaining - piece.count)
                return .body(Array(piece))
            case .chunkDataEnd:
                guard let line = try readLine(&buffer, limit: 2) else { return nil }
                guard line.isEmpty else { throw .malformedResponse("missing CRLF after chunk data") }
                state = .chunkSize
            case .trailers(var trailers, let seen):
                guard let line = try readLine(&buffer, limit: limits.maxHeaderBytes - seen) else { return nil }
                if line.isEmpty {
                    state = .head
                    return .end(trailers: trailers)
                }
                guard trailers.count < limits.maxHeaderCount else { throw .headersTooLarge }
                let (name, value) = try Self.parseHeaderLine(line)
                trailers.add(name, value)
                state = .trailers(trailers, seen: seen + line.count + 2)
            case .untilClose:
                guard !buffer.isEmpty else { return nil }
                return .body(buffer.readAll())
            case .upgraded:
                return nil
            }
        }
    }

    /// Tells the decoder the peer closed its side: ends an until-close body (`.end`), returns nil
    /// between responses, and throws `.unexpectedEOF` when a response was cut short.
    public mutating func finish(_ buffer: inout ByteBuffer) throws(HTTPClientError) -> Event? {
        if let event = try next(&buffer) { return event }
        switch state {
        case .untilClose:
            state = .head
            return .end(trailers: HTTPHeaders())
        case .head where buffer.isEmpty, .upgraded:
            return nil
        default:
            throw .unexpectedEOF
        }
    }
}
