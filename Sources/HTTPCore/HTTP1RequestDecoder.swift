// SPDX-License-Identifier: Apache-2.0
// An incremental HTTP/1.1 request decoder (RFC 9112). Feed it a buffer; it returns the head, body
// pieces and the end of each request, or nil when it needs more bytes. Framing is strict: both
// Content-Length and Transfer-Encoding, conflicting lengths, obs-fold, a bad chunk, or an unknown
// version are errors (§6.3 lists these as request smuggling vectors), never guesses.
//
// Map: limits · events · next() · head parsing · framing · chunked body.

/// Turns bytes into request heads and bodies, one request after another on the same connection.
public struct HTTP1RequestDecoder: Sendable {
    /// Size limits; exceeding one is an error with the matching status (414, 431).
    public struct Limits: Sendable {
        /// Longest request line accepted (414 beyond).
        public var maxRequestLine = 8 * 1024
        /// Largest header block, request line included (431 beyond). Go's DefaultMaxHeaderBytes is 1 MiB.
        public var maxHeaderBytes = 1024 * 1024
        /// Most header fields accepted (431 beyond).
        public var maxHeaderCount = 256
        /// Creates the default limits.
        public init() {}
    }

    /// What the decoder found.
    public enum Event: Sendable, Equatable {
        /// A complete request head.
        case head(HTTPRequestHead)
        /// A piece of the current request's body.
        case body([UInt8])
        /// The current request's body is complete.
        case end

        public static func == (lhs: Event, rhs: Event) -> Bool {
            switch (lhs, rhs) {
            case (.head(let a), .head(let b)): a.method == b.method && a.target == b.target && a.version == b.version
            case (.body(let a), .body(let b)): a == b
            case (.end, .end): true
            default: false
            }
        }
    }

    private enum State: Sendable {
        case head
        case fixed(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers(seen: Int)
    }

    /// The limits in force.
    public let limits: Limits
    private var state = State.head
    // Fix: an offset from the buffer's reader index, not an absolute storage index. The buffer
    // compacts its storage on append, which left an absolute index past the data, so the blank line
    // ending the head was never seen (every keep-alive request after the first could stall).
    private var scanFrom = 0
    private var endAfterHead = false

    /// The body length announced by the current request's Content-Length, or nil (chunked or none).
    public private(set) var declaredLength: Int?
    /// True when the current request's body is chunked.
    public private(set) var isChunked = false

    /// A decoder with the given limits.
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// True between requests (nothing of a request has been decoded yet).
    public var isBetweenRequests: Bool {
        if case .head = state { return true }
        return false
    }

    /// Decodes the next event from `buffer`, consuming what it uses; nil means more bytes are needed.
    public mutating func next(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Event? {
        switch state {
        case .head:
            if endAfterHead {
                endAfterHead = false
                return .end
            }
            guard let head = try decodeHead(&buffer) else { return nil }
            return .head(head)
        case .fixed(let remaining):
            if remaining == 0 {
                state = .head
                return .end
            }
            guard !buffer.isEmpty else { return nil }
            let piece = buffer.read(remaining)
            state = .fixed(remaining: remaining - piece.count)
            return .body(Array(piece))
        case .chunkSize:
            guard let size = try decodeChunkSize(&buffer) else { return nil }
            state = size == 0 ? .trailers(seen: 0) : .chunkData(remaining: size)
            return try next(&buffer)
        case .chunkData(let remaining):
            guard !buffer.isEmpty else { return nil }
            let piece = buffer.read(remaining)
            state = remaining == piece.count ? .chunkDataEnd : .chunkData(remaining: remaining - piece.count)
            return .body(Array(piece))
        case .chunkDataEnd:
            guard let line = try readLine(&buffer, limit: 2) else { return nil }
            guard line.isEmpty else { throw .badRequest("malformed chunked encoding") }
            state = .chunkSize
            return try next(&buffer)
        case .trailers(var seen):
            // Trailer fields are read and dropped; nothing in the Engine API uses them.
            // Fix: a loop, not one recursive call per line: ~300k short trailer lines fit the header
            // limit and overflowed the stack.
            while true {
                guard let line = try readLine(&buffer, limit: limits.maxHeaderBytes - seen) else {
                    state = .trailers(seen: seen)
                    return nil
                }
                if line.isEmpty {
                    state = .head
                    return .end
                }
                seen += line.count + 2
            }
        }
    }

    /// Tells the decoder the peer sent EOF; throws `.unexpectedEOF` when a request was cut short.
    public func finish(_ buffer: ByteBuffer) throws(HTTPParseError) {
        if case .head = state, buffer.readable.allSatisfy({ $0 == 13 || $0 == 10 }) { return }
        throw .unexpectedEOF
    }

    // MARK: - Head

    private mutating func decodeHead(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> HTTPRequestHead? {
        // RFC 9112 §2.2: ignore empty lines before the request line (left over after a body).
        while let first = buffer.readable.first, first == 13 || first == 10 {
            buffer.skip(1)
            scanFrom = 0
        }
        guard let end = findHeadEnd(buffer) else {
            let firstLineEnd = buffer.firstIndex(of: 10)
            // Fix: `+ 1` for a CR already read whose LF has not arrived; without it a request line of
            // exactly the limit was refused when the CR and LF came in separate reads.
            if firstLineEnd == nil && buffer.readableCount > limits.maxRequestLine + 1 { throw .uriTooLong }
            if buffer.readableCount > limits.maxHeaderBytes { throw .headersTooLarge }
            return nil
        }
        let block = buffer.read(end - buffer.readerIndex)
        scanFrom = 0
        var lines = HeadLines(block)
        guard let requestLine = lines.next() else { throw .badRequest("empty request") }
        guard requestLine.count <= limits.maxRequestLine else { throw .uriTooLong }
        // Fix: a complete head that arrived in one read was never measured against the limit.
        guard block.count <= limits.maxHeaderBytes else { throw .headersTooLarge }
        var head = try Self.parseRequestLine(requestLine)
        var count = 0
        while let line = lines.next(), !line.isEmpty {
            count += 1
            guard count <= limits.maxHeaderCount else { throw .headersTooLarge }
            let (name, value) = try Self.parseHeaderLine(line)
            head.headers.add(name, value)
        }
        try decideFraming(head)
        return head
    }

    /// Absolute index just past the blank line ending the head, if the buffer holds it.
    private mutating func findHeadEnd(_ buffer: ByteBuffer) -> Int? {
        let bytes = buffer.storage
        var index = buffer.readerIndex + scanFrom
        while index < bytes.count {
            if bytes[index] == 10 {
                // LF followed by LF, or by CR LF, ends the head.
                if index + 1 < bytes.count && bytes[index + 1] == 10 { return index + 2 }
                if index + 2 < bytes.count && bytes[index + 1] == 13 && bytes[index + 2] == 10 { return index + 3 }
                if index + 2 >= bytes.count {
                    scanFrom = index - buffer.readerIndex
                    return nil
                }
            }
            index += 1
        }
        scanFrom = max(0, bytes.count - 2 - buffer.readerIndex)
        return nil
    }

    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequestHead {
        let parts = line.split(separator: 32, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else { throw .badRequest("malformed HTTP request") }
        guard parts[0].allSatisfy(isTokenByte) else { throw .badRequest("invalid method") }
        guard parts[1].allSatisfy({ $0 > 32 && $0 != 127 }) else { throw .badRequest("invalid request target") }
        let version: HTTPVersion
        switch String(decoding: parts[2], as: UTF8.self) {
        case "HTTP/1.1": version = .http11
        case "HTTP/1.0": version = .http10
        default: throw .badRequest("unsupported protocol version")
        }
        return HTTPRequestHead(
            method: String(decoding: parts[0], as: UTF8.self), target: String(decoding: parts[1], as: UTF8.self),
            version: version)
    }

    static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let first = line.first, first != 32, first != 9 else { throw .badRequest("obsolete line folding") }
        guard let colon = line.firstIndex(of: 58) else { throw .badRequest("malformed header line") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .badRequest("invalid header name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 32 || byte == 9 { value = value.dropFirst() }
        while let byte = value.last, byte == 32 || byte == 9 { value = value.dropLast() }
        guard value.allSatisfy({ $0 >= 32 && $0 != 127 || $0 == 9 }) else { throw .badRequest("invalid header value") }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    // MARK: - Framing (RFC 9112 §6)

    private mutating func decideFraming(_ head: HTTPRequestHead) throws(HTTPParseError) {
        declaredLength = nil
        isChunked = false
        let encodings = head.headers.values(for: "Transfer-Encoding")
        let lengths = head.headers.values(for: "Content-Length")
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw .badRequest("both Transfer-Encoding and Content-Length") }
            guard head.version == .http11 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces() }
            guard codings.count == 1, codings[0].equalsIgnoringASCIICase("chunked") else {
                throw .badRequest("unsupported transfer encoding")
            }
            isChunked = true
            state = .chunkSize
            return
        }
        if !lengths.isEmpty {
            let values = Set(lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingSpaces() })
            guard values.count == 1, let text = values.first, let length = Self.parseLength(text) else {
                throw .badRequest("invalid Content-Length")
            }
            declaredLength = length
            state = .fixed(remaining: length)
            return
        }
        declaredLength = 0
        endAfterHead = true
    }

    static func parseLength(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    // MARK: - Chunked body

    private mutating func decodeChunkSize(_ buffer: inout ByteBuffer) throws(HTTPParseError) -> Int? {
        guard let line = try readLine(&buffer, limit: 4096) else { return nil }
        let digits = line.prefix { PercentEncoding.hexValue($0) != nil }
        let rest = line[digits.endIndex...]
        guard !digits.isEmpty, digits.count <= 15, rest.isEmpty || rest.first == 59 /* ; */ else {
            throw .badRequest("malformed chunked encoding")
        }
        var size = 0
        for digit in digits { size = size << 4 | Int(PercentEncoding.hexValue(digit) ?? 0) }
        return size
    }

    /// Reads one line (without its CRLF or LF); nil if incomplete; throws past `limit` bytes.
    private func readLine(_ buffer: inout ByteBuffer, limit: Int) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        guard let lf = buffer.firstIndex(of: 10) else {
            if buffer.readableCount > limit + 1 { throw .badRequest("line too long") }
            return nil
        }
        var line = buffer.read(lf - buffer.readerIndex + 1).dropLast()
        if line.last == 13 { line = line.dropLast() }
        guard line.count <= limit else { throw .badRequest("line too long") }
        return line
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case 33, 35, 36, 37, 38, 39, 42, 43, 45, 46, 94, 95, 96, 124, 126:  // !#$%&'*+-.^_`|~
            return true
        default:
            return false
        }
    }
}

/// Splits a head block into lines at LF, dropping a CR before it.
struct HeadLines: IteratorProtocol {
    private var rest: ArraySlice<UInt8>

    init(_ block: ArraySlice<UInt8>) { rest = block }

    mutating func next() -> ArraySlice<UInt8>? {
        guard !rest.isEmpty else { return nil }
        let lf = rest.firstIndex(of: 10) ?? rest.endIndex
        var line = rest[rest.startIndex..<lf]
        rest = lf < rest.endIndex ? rest[(lf + 1)...] : rest[rest.endIndex...]
        if line.last == 13 { line = line.dropLast() }
        return line
    }
}
