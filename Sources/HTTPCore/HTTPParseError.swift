// SPDX-License-Identifier: Apache-2.0
// Why a request could not be framed; each case knows the status to answer with before closing.

/// A request that cannot be read as HTTP/1.1; the connection is answered (4xx) and closed.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// Malformed request line, header, or chunk (400).
    case badRequest(String)
    /// The request line exceeds the limit (414).
    case uriTooLong
    /// The header block exceeds the limit (431).
    case headersTooLarge
    /// The body exceeds the limit (413).
    case payloadTooLarge
    /// The peer closed the connection inside a request (no answer possible or useful).
    case unexpectedEOF

    /// The status a server answers with.
    public var status: HTTPStatus {
        switch self {
        case .badRequest, .unexpectedEOF: .badRequest
        case .uriTooLong: .uriTooLong
        case .headersTooLarge: .headersTooLarge
        case .payloadTooLarge: .payloadTooLarge
        }
    }

    /// A short plain-text explanation for the response body.
    public var detail: String {
        switch self {
        case .badRequest(let why): why
        case .uriTooLong: "request line too long"
        case .headersTooLarge: "request header fields too large"
        case .payloadTooLarge: "request body too large"
        case .unexpectedEOF: "unexpected EOF"
        }
    }
}
