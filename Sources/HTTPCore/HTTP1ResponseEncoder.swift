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
        var text = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for field in headers where !isFramingHeader(field.name) {
            text += field.name
            text += ": "
            text += field.value
            text += "\r\n"
        }
        switch framing {
        case .length(let count): text += "Content-Length: \(count)\r\n"
        case .chunked: text += "Transfer-Encoding: chunked\r\n"
        case .none: break
        }
        if closing && !headers.hasToken("close", in: "Connection") { text += "Connection: close\r\n" }
        text += "\r\n"
        return Array(text.utf8)
    }

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
