// SPDX-License-Identifier: Apache-2.0
// A request as handlers see it: the head, a body read on demand, and facts about the connection.

import Synchronization

/// Where a request arrived: the listener's transport and the peer.
public struct ConnectionInfo: Sendable {
    /// The transport of the listener that accepted the connection.
    public enum Transport: String, Sendable {
        case unix, tcp, tls
    }

    /// The listener's transport.
    public var transport: Transport
    /// The listener's address as configured (e.g. `unix:///var/run/docker.sock`, `tcp://0.0.0.0:2376`).
    public var listener: String
    /// A per-process connection number, for logs.
    public var id: UInt64

    /// Creates connection facts.
    public init(transport: Transport, listener: String, id: UInt64) {
        self.transport = transport
        self.listener = listener
        self.id = id
    }

    /// Facts for requests made in-process (tests, internal calls): a unix connection.
    public static let local = ConnectionInfo(transport: .unix, listener: "local", id: 0)
}

/// Where body bytes come from: the connection, or memory.
public protocol RequestBodySource: Sendable {
    /// The next piece of the body, or nil at its end.
    func nextPiece() async throws -> [UInt8]?
    /// The length announced by Content-Length, if any.
    var declaredLength: Int? { get }
}

/// A body held in memory, handed out as one piece.
final class MemoryBodySource: RequestBodySource {
    private let remaining: Mutex<[UInt8]?>
    let declaredLength: Int?

    init(_ bytes: [UInt8]) {
        remaining = Mutex(bytes.isEmpty ? nil : bytes)
        declaredLength = bytes.count
    }

    func nextPiece() async throws -> [UInt8]? { remaining.withLock { value in defer { value = nil }; return value } }
}

/// A request body read on demand, so large uploads stream and small ones can be collected.
public struct RequestBody: Sendable {
    private let source: any RequestBodySource

    /// A body held in memory.
    public init(bytes: [UInt8] = []) { source = MemoryBodySource(bytes) }

    /// A body read from `source`.
    public init(source: any RequestBodySource) { self.source = source }

    /// The announced length (Content-Length), or nil when chunked.
    public var declaredLength: Int? { source.declaredLength }

    /// Reads the whole body; throws `HTTPParseError.payloadTooLarge` past `limit` bytes.
    public func collect(upTo limit: Int) async throws -> [UInt8] {
        if let declared = source.declaredLength, declared > limit { throw HTTPParseError.payloadTooLarge }
        var all: [UInt8] = []
        while let piece = try await source.nextPiece() {
            all += piece
            guard all.count <= limit else { throw HTTPParseError.payloadTooLarge }
        }
        return all
    }

    /// The next piece of the body as it arrives, or nil at its end.
    public func nextPiece() async throws -> [UInt8]? { try await source.nextPiece() }
}

/// A request: head, body and connection facts.
public struct HTTPRequest: Sendable {
    /// Method, target, version and headers.
    public var head: HTTPRequestHead
    /// The body, read on demand.
    public var body: RequestBody
    /// Where the request arrived.
    public var connection: ConnectionInfo
    /// Path parameters set by the router (e.g. `id` for `/containers/{id}/json`).
    public var parameters: [String: String] = [:]
    /// The path the router matched, which middleware may rewrite (e.g. without a version prefix).
    public var routingPath: String

    /// Creates a request.
    public init(head: HTTPRequestHead, body: RequestBody = RequestBody(), connection: ConnectionInfo = .local) {
        self.head = head
        self.body = body
        self.connection = connection
        routingPath = head.path
    }

    /// The method token.
    public var method: String { head.method }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }
    /// The parsed query string.
    public var query: QueryItems { QueryItems(parsing: head.rawQuery) }
}
