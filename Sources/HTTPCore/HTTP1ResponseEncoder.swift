// SPDX-License-Identifier: Apache-2.0
// Serializes response heads and chunked pieces for HTTP/1.1 (RFC 9112 §4, §7.1).

/// Turns response heads and body pieces into HTTP/1.1 bytes.
public enum HTTP1ResponseEncoder {
    /// How the body following the head is framed.
    public enum Framing: Sendable {
        /// `Content-Length: n` (also used for HEAD, where the body is then omitted).
        case length(Int)
        /// `Transfer-Encoding: chunked`.
        case chunked
        /// No framing header (101 responses, 204, 304).
        case none
    }

    /// The status line and headers, with framing and `Connection: close` when `closing`.
    public static func head(_ status: HTTPStatus, _ headers: HTTPHeaders, framing: Framing, closing: Bool) -> [UInt8] {
        // Bytes are appended straight into one array: building a String first and converting it cost
        // more than the rest of a /_ping answer together (perf, bench/bench.sh).
        var out: [UInt8] = []
        out.reserveCapacity(64 + headers.fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        out += statusLinePrefix
        out += String(status.code).utf8  // a small string: no allocation
        out.append(32)
        out += status.reason.utf8
        out += crlf
        for field in headers.fields where !isFramingHeader(field.name) {
            out += field.name.utf8
            out += colonSpace
            out += field.value.utf8
            out += crlf
        }
        switch framing {
        case .length(let count):
            out += contentLengthPrefix
            out += String(count).utf8
            out += crlf
        case .chunked: out += chunkedLine
        case .none: break
        }
        if closing && !headers.hasToken("close", in: "Connection") { out += closeLine }
        out += crlf
        return out
    }

    private static let statusLinePrefix = Array("HTTP/1.1 ".utf8)
    private static let crlf: [UInt8] = [13, 10]
    private static let colonSpace: [UInt8] = [58, 32]
    private static let contentLengthPrefix = Array("Content-Length: ".utf8)
    private static let chunkedLine = Array("Transfer-Encoding: chunked\r\n".utf8)
    private static let closeLine = Array("Connection: close\r\n".utf8)

    /// One chunk: size in hex, CRLF, data, CRLF. Never call with empty data (that is the last chunk).
    public static func chunk(_ data: [UInt8]) -> [UInt8] {
        var out = Array(String(data.count, radix: 16).utf8)
        out.reserveCapacity(out.count + data.count + 4)
        out += [13, 10]
        out += data
        out += [13, 10]
        return out
    }

    /// The last chunk with no trailers.
    public static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)

    private static func isFramingHeader(_ name: String) -> Bool {
        name.equalsIgnoringASCIICase("Content-Length") || name.equalsIgnoringASCIICase("Transfer-Encoding")
    }
}
