// SPDX-License-Identifier: Apache-2.0
// The request line and header fields of one request, with the target split into path and query.

/// HTTP/1.x protocol version.
public struct HTTPVersion: Sendable, Equatable, CustomStringConvertible {
    /// Major version number.
    public let major: Int
    /// Minor version number.
    public let minor: Int

    /// HTTP/1.0.
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1.
    public static let http11 = HTTPVersion(major: 1, minor: 1)
    /// HTTP/2 (requests arriving on an HTTP/2 stream).
    public static let http2 = HTTPVersion(major: 2, minor: 0)

    /// `HTTP/major.minor`.
    public var description: String { "HTTP/\(major).\(minor)" }
}

/// The head of a request: method, target, version and headers.
public struct HTTPRequestHead: Sendable {
    /// The method token, e.g. `GET`.
    public var method: String
    /// The request target as sent (origin-form: path plus optional `?query`).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// The header fields.
    public var headers: HTTPHeaders

    /// Creates a request head.
    public init(method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders()) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
    }

    /// The percent-decoded path of the target, without the query.
    public var path: String {
        // Most targets have neither a query nor an escape: then the target is the path (one scan of
        // the UTF-8 bytes instead of a Character search and a decoding pass).
        if !target.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "%") }) { return target }
        let raw = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        return PercentEncoding.decode(raw) ?? raw
    }

    /// The raw query string after `?`, or empty.
    public var rawQuery: Substring {
        guard let mark = target.firstIndex(of: "?") else { return "" }
        return target[target.index(after: mark)...]
    }

    /// Whether the connection stays open after this exchange (RFC 9112 §9.3).
    public var keepAlive: Bool {
        if headers.hasToken("close", in: "Connection") { return false }
        if version == .http10 { return headers.hasToken("keep-alive", in: "Connection") }
        return true
    }
}
