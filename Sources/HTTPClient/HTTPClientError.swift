// SPDX-License-Identifier: Apache-2.0
// Why a client exchange failed: a malformed or cut-short response, a busy or dead connection, a limit.

/// A failed HTTP client exchange. Socket and TLS failures keep their own types (`Errno`, `TLSError`)
/// except where the client can say something more useful.
public enum HTTPClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The response violates HTTP/1.1 framing (status line, header, chunk).
    case malformedResponse(String)
    /// The response head exceeds the decoder's limits.
    case headersTooLarge
    /// The peer closed the connection in the middle of a response.
    case unexpectedEOF
    /// The peer closed (or reset) a kept-alive connection before answering; safe to retry on a new one.
    case connectionClosed
    /// A request was sent while the previous response on the connection was still being read.
    case connectionBusy
    /// A collected body would exceed the caller's limit.
    case bodyTooLarge(limit: Int)
    /// The deadline passed while waiting for the peer.
    case timedOut
    /// The request cannot be written as HTTP/1.1 (bad method, target or header).
    case invalidRequest(String)
    /// A `-H` / `DOCKER_HOST` value that is not a supported address.
    case invalidEndpoint(String)
    /// Connecting the socket failed; `code` is the errno value (0 when there is none, e.g. a timeout).
    case connectFailed(endpoint: String, reason: String, code: Int32)
    /// The TLS handshake failed (certificate not trusted, no client certificate, …).
    case tlsFailed(endpoint: String, reason: String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .malformedResponse(let why): "malformed HTTP response: \(why)"
        case .headersTooLarge: "malformed HTTP response: header block too large"
        case .unexpectedEOF: "unexpected EOF"
        case .connectionClosed: "connection closed by peer"
        case .connectionBusy: "connection is busy with another response"
        case .bodyTooLarge(let limit): "response body exceeds \(limit) bytes"
        case .timedOut: "timed out waiting for the server"
        case .invalidRequest(let why): "invalid request: \(why)"
        case .invalidEndpoint(let why): why
        case .connectFailed(let endpoint, let reason, _): "cannot connect to \(endpoint): \(reason)"
        case .tlsFailed(let endpoint, let reason): "TLS handshake with \(endpoint) failed: \(reason)"
        }
    }
}
