// SPDX-License-Identifier: Apache-2.0
// A request to send: method, origin-form target, headers and a body held in memory.

import HTTPCore

/// One HTTP/1.1 request.
public struct HTTPClientRequest: Sendable {
    /// The method token, e.g. `GET`.
    public var method: String
    /// The origin-form target: path plus optional `?query`, already percent-encoded.
    public var target: String
    /// Header fields; `Host` and `Content-Length` are added when missing.
    public var headers: HTTPHeaders
    /// The body bytes (sent with Content-Length).
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String = "GET", target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// True for methods a client may repeat after a dropped kept-alive connection (RFC 9110 §9.2.2).
    public var isIdempotent: Bool { ["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"].contains(method) }

    /// The head and body as bytes. Refuses values that would split the message (CR, LF, spaces in the
    /// request line), so a caller-supplied name can never inject a header.
    public func encoded(host: String) throws(HTTPClientError) -> [UInt8] {
        guard !method.isEmpty, method.utf8.allSatisfy(HTTP1ResponseDecoder.isTokenByte) else { throw .invalidRequest("bad method") }
        guard target.hasPrefix("/") || target == "*", target.utf8.allSatisfy({ $0 > 32 && $0 != 127 }) else {
            throw .invalidRequest("bad target \"\(target)\"")
        }
        var text = "\(method) \(target) HTTP/1.1\r\n"
        if !headers.contains("Host") { text += "Host: \(host)\r\n" }
        for field in headers where !field.name.equalsIgnoringASCIICase("Content-Length") {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTP1ResponseDecoder.isTokenByte),
                field.value.utf8.allSatisfy({ $0 >= 32 && $0 != 127 || $0 == 9 })
            else { throw .invalidRequest("bad header \"\(field.name)\"") }
            text += "\(field.name): \(field.value)\r\n"
        }
        // Go sends Content-Length: 0 for an empty body only on methods that usually carry one.
        if !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) { text += "Content-Length: \(body.count)\r\n" }
        text += "\r\n"
        return Array(text.utf8) + body
    }
}
