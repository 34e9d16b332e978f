// SPDX-License-Identifier: Apache-2.0
// A client for one endpoint that keeps finished connections for the next request (keep-alive), and
// retries an idempotent request once when a kept connection turns out to have been closed by the server.

import HTTPCore
import Platform

/// Sends requests to one endpoint, reusing idle kept-alive connections.
public actor HTTPClient {
    /// Where requests go.
    public nonisolated let endpoint: Endpoint
    private let tls: TLSContext?
    private let defaultHeaders: HTTPHeaders
    private let maxConnections: Int
    private var connections: [HTTPConnection] = []

    /// A client for `endpoint`. `tls` is the client context for `.tls` endpoints; `headers` are added to
    /// every request that does not set them (e.g. `User-Agent`, `Authorization`); at most
    /// `maxConnections` connections are kept for reuse.
    public init(endpoint: Endpoint, tls: TLSContext? = nil, headers: HTTPHeaders = HTTPHeaders(), maxConnections: Int = 4) {
        self.endpoint = endpoint
        self.tls = tls
        self.defaultHeaders = headers
        self.maxConnections = maxConnections
    }

    /// Sends `request` on an idle connection or a new one and returns once the response head is in.
    /// `deadline` bounds connecting, writing and waiting for the head; body reads take their own.
    public func send(_ request: HTTPClientRequest, until deadline: Deadline? = nil) async throws -> HTTPClientResponse {
        var request = request
        for field in defaultHeaders where !request.headers.contains(field.name) { request.headers.add(field.name, field.value) }
        if let kept = await takeIdleConnection() {
            do {
                return try await kept.send(request, until: deadline)
            } catch HTTPClientError.connectionClosed where request.isIdempotent {
                // The server closed the idle connection as we reused it; nothing was processed.
            }
        }
        let connection = try await HTTPConnection.connect(to: endpoint, tls: tls, until: deadline)
        if connections.count < maxConnections { connections.append(connection) }
        return try await connection.send(request, until: deadline)
    }

    /// Closes every kept connection.
    public func close() async {
        let all = connections
        connections = []
        for connection in all { await connection.close() }
    }

    private func takeIdleConnection() async -> HTTPConnection? {
        var dead: Set<ObjectIdentifier> = []
        var chosen: HTTPConnection?
        for connection in connections {
            if chosen == nil, await connection.reserveIfReusable() {
                chosen = connection
            } else if await connection.isClosed {
                dead.insert(ObjectIdentifier(connection))
            }
        }
        connections.removeAll { dead.contains(ObjectIdentifier($0)) }
        return chosen
    }
}
