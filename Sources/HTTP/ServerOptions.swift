// SPDX-License-Identifier: Apache-2.0
// Timeouts and limits of the HTTP server.

import HTTPCore

/// Timeouts (seconds) and size limits for every connection.
public struct ServerOptions: Sendable {
    /// Longest wait for the first byte of a request on a kept-alive connection.
    public var idleTimeout: Double = 120
    /// Longest time from a request's first byte to the end of its head (slow-loris guard).
    public var headerTimeout: Double = 30
    /// Longest wait for the next piece of a request body.
    public var bodyReadTimeout: Double = 60
    /// Longest wait for a client to take response bytes.
    public var writeTimeout: Double = 300
    /// Request line and header limits (414, 431).
    public var limits = HTTP1RequestDecoder.Limits()
    /// A body left unread by a handler is skipped up to this size; past it the connection closes.
    public var maxSkippedBody = 1 << 20
    /// Headers added to the answers the server itself makes (framing errors), so that every response
    /// carries what the application puts on its own (e.g. a Server header).
    public var defaultHeaders = HTTPHeaders()
    /// Answers a request from its head alone, at once, on the connection's own thread: no task hop and
    /// no body. It returns nil for every request it does not answer, and those go to the handler. Meant
    /// for constant answers that clients call often (`/_ping`), whose cost is then the socket's alone.
    public var immediateHandler: (@Sendable (HTTPRequestHead, ConnectionInfo) -> HTTPResponse?)?
    /// How long a graceful shutdown waits for in-flight requests before cancelling them.
    public var shutdownGrace: Double = 10

    /// Default options.
    public init() {}
}
