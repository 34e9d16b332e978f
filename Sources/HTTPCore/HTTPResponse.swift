// SPDX-License-Identifier: Apache-2.0
// A response: status, headers and one of three body kinds (bytes, a chunked stream, or an upgrade).

import Platform

/// Writes the pieces of a streamed response body; each `write` reaches the client at once.
public protocol ResponseBodyWriter: Sendable {
    /// Sends `bytes` as one piece (one chunk in HTTP/1.1 chunked encoding); empty writes are skipped.
    func write(_ bytes: [UInt8]) async throws
}

/// A connection handed over after `101 Switching Protocols`: the stream plus bytes already read past the request.
public struct UpgradedConnection: Sendable {
    /// The raw connection, now owned by the upgrade handler.
    public let stream: any ByteStream
    /// Bytes the server had read beyond the request head and body; they belong to the new protocol.
    public let initialBytes: [UInt8]

    /// Wraps a stream and its already-buffered bytes.
    public init(stream: any ByteStream, initialBytes: [UInt8]) {
        self.stream = stream
        self.initialBytes = initialBytes
    }
}

/// The body of a response.
public enum HTTPResponseBody: Sendable {
    /// A complete body sent with Content-Length.
    case bytes([UInt8])
    /// A body produced over time, sent chunked; the head goes out before the closure runs.
    case stream(@Sendable (any ResponseBodyWriter) async throws -> Void)
    /// Switch protocols: the server sends the head (status 101), then gives the connection to the closure.
    case upgrade(@Sendable (UpgradedConnection) async -> Void)
}

/// A response to send.
public struct HTTPResponse: Sendable {
    /// The status code and reason.
    public var status: HTTPStatus
    /// Header fields; the server adds framing headers (Content-Length, Transfer-Encoding).
    public var headers: HTTPHeaders
    /// The body.
    public var body: HTTPResponseBody

    /// Creates a response.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A complete response with a byte body and content type.
    public init(status: HTTPStatus = .ok, contentType: String, body: [UInt8]) {
        var headers = HTTPHeaders()
        headers["Content-Type"] = contentType
        self.init(status: status, headers: headers, body: .bytes(body))
    }

    /// A plain-text response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8))
    }
}
