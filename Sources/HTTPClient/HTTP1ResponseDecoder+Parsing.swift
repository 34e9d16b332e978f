// SPDX-License-Identifier: Apache-2.0
// The response decoder's line work: finding the head, the status line, header fields, framing
// (RFC 9112 §6.3) and chunk-size lines.

import HTTPCore

extension HTTP1ResponseDecoder {
    enum HeadResult {
        case needMore
        case informational
        case final(HTTPResponseHead)
    }

    mutating func decodeHead(_ buffer: inout ByteBuffer) throws(HTTPClientError) -> HeadResult {
        guard let end = findHeadEnd(buffer) else {
            if buffer.readableCount > limits.maxHeaderBytes { throw .headersTooLarge }
            return .needMore
        }
        guard end - buffer.readerIndex <= limits.maxHeaderBytes else { throw .headersTooLarge }
        let block = buffer.read(end - buffer.readerIndex)
        scanned = 0
        var lines = block.split(separator: 10, omittingEmptySubsequences: false).map { $0.last == 13 ? $0.dropLast() : $0 }
        guard !lines.isEmpty else { throw .malformedResponse("empty response head") }
        var head = try Self.parseStatusLine(lines.removeFirst())
        for line in lines where !line.isEmpty {
            guard head.headers.count < limits.maxHeaderCount else { throw .headersTooLarge }
            let (name, value) = try Self.parseHeaderLine(line)
            head.headers.add(name, value)
        }
        let code = head.status.code
        // RFC 9110 §15.2: a client must accept any number of 1xx responses before the final one.
        if code >= 100 && code < 200 && code != 101 { return .informational }
        try decideFraming(head)
        return .final(head)
    }

    /// Absolute index just past the blank line ending the head, if the buffer holds it. `scanned`
    /// counts from the reader index, not from the storage start: appending may compact the storage.
    private mutating func findHeadEnd(_ buffer: ByteBuffer) -> Int? {
        let bytes = buffer.storage
        let start = buffer.readerIndex
        var index = start + scanned
        while index < bytes.count {
            if bytes[index] == 10 {
                // LF followed by LF, or by CR LF, ends the head.
                if index + 1 < bytes.count && bytes[index + 1] == 10 { return index + 2 }
                if index + 2 < bytes.count && bytes[index + 1] == 13 && bytes[index + 2] == 10 { return index + 3 }
                if index + 2 >= bytes.count {
                    scanned = index - start
                    return nil
                }
            }
            index += 1
        }
        scanned = max(0, bytes.count - 2 - start)
        return nil
    }

    /// `HTTP/1.1 200 OK`: the version, one space, three digits, then optionally a space and a reason.
    static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPClientError) -> HTTPResponseHead {
        let text = String(decoding: line, as: UTF8.self)
        let version: HTTPVersion
        if text.hasPrefix("HTTP/1.1 ") {
            version = .http11
        } else if text.hasPrefix("HTTP/1.0 ") {
            version = .http10
        } else {
            throw .malformedResponse("malformed status line \"\(text.prefix(64))\"")
        }
        let rest = line.dropFirst(9)
        let digits = rest.prefix(3)
        guard digits.count == 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.first != 48,
            rest.count == 3 || rest[rest.startIndex + 3] == 32
        else { throw .malformedResponse("malformed status code in \"\(text.prefix(64))\"") }
        let reason = rest.dropFirst(4)
        guard reason.allSatisfy({ $0 >= 32 && $0 != 127 || $0 == 9 }) else { throw .malformedResponse("invalid reason phrase") }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - 48) }
        return HTTPResponseHead(version: version, status: HTTPStatus(code, String(decoding: reason, as: UTF8.self)))
    }

    static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(HTTPClientError) -> (String, String) {
        guard let first = line.first, first != 32, first != 9 else { throw .malformedResponse("obsolete line folding") }
        guard let colon = line.firstIndex(of: 58) else { throw .malformedResponse("malformed header line") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else { throw .malformedResponse("invalid header name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 32 || byte == 9 { value = value.dropFirst() }
        while let byte = value.last, byte == 32 || byte == 9 { value = value.dropLast() }
        guard value.allSatisfy({ $0 >= 32 && $0 != 127 || $0 == 9 }) else { throw .malformedResponse("invalid header value") }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private mutating func decideFraming(_ head: HTTPResponseHead) throws(HTTPClientError) {
        let code = head.status.code
        if code == 101 {
            framing = .none
            state = .upgraded
            return
        }
        if requestMethod == "HEAD" || code == 204 || code == 304 {
            framing = .none
            state = .endPending
            return
        }
        let encodings = head.headers.values(for: "Transfer-Encoding")
        let lengths = head.headers.values(for: "Content-Length")
        if !encodings.isEmpty {
            guard lengths.isEmpty else { throw .malformedResponse("both Transfer-Encoding and Content-Length") }
            let codings = encodings.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces() }
            guard codings.count == 1, codings[0].equalsIgnoringASCIICase("chunked") else {
                throw .malformedResponse("unsupported transfer encoding \"\(encodings.joined(separator: ", "))\"")
            }
            framing = .chunked
            state = .chunkSize
        } else if !lengths.isEmpty {
            let values = Set(lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map { $0.trimmingSpaces() })
            guard values.count == 1, let text = values.first, let length = Self.parseLength(text) else {
                throw .malformedResponse("invalid Content-Length")
            }
            framing = .length(length)
            state = .fixed(remaining: length)
        } else {
            framing = .untilClose
            state = .untilClose
        }
    }

    static func parseLength(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
    }

    /// `1a;ext=1` → 26. Extensions are ignored; at most 15 hex digits.
    mutating func decodeChunkSize(_ buffer: inout ByteBuffer) throws(HTTPClientError) -> Int? {
        guard let line = try readLine(&buffer, limit: 4096) else { return nil }
        let digits = line.prefix { hexValue($0) != nil }
        let rest = line[digits.endIndex...]
        guard !digits.isEmpty, digits.count <= 15, rest.isEmpty || rest.first == 59 else {
            throw .malformedResponse("malformed chunk size line")
        }
        return digits.reduce(0) { $0 << 4 | Int(hexValue($1) ?? 0) }
    }

    /// Reads one line (without its CRLF or LF); nil if incomplete; throws past `limit` bytes.
    func readLine(_ buffer: inout ByteBuffer, limit: Int) throws(HTTPClientError) -> ArraySlice<UInt8>? {
        guard let lf = buffer.firstIndex(of: 10) else {
            if buffer.readableCount > limit + 1 { throw .malformedResponse("line too long") }
            return nil
        }
        var line = buffer.read(lf - buffer.readerIndex + 1).dropLast()
        if line.last == 13 { line = line.dropLast() }
        guard line.count <= limit else { throw .malformedResponse("line too long") }
        return line
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
