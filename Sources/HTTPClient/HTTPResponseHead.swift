// SPDX-License-Identifier: Apache-2.0
// The status line and header fields of one response, as the client received them.

import HTTPCore

/// The head of a response: version, status and headers.
public struct HTTPResponseHead: Sendable {
    /// The protocol version on the status line.
    public var version: HTTPVersion
    /// The status code and the reason phrase as sent.
    public var status: HTTPStatus
    /// The header fields in order.
    public var headers: HTTPHeaders

    /// Creates a response head.
    public init(version: HTTPVersion = .http11, status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders()) {
        self.version = version
        self.status = status
        self.headers = headers
    }

    /// Whether the server lets the connection stay open after this response (RFC 9112 §9.3).
    public var keepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        if version == .http10 { return headers.hasToken("keep-alive", in: "Connection") }
        return true
    }
}
