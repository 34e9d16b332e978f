// SPDX-License-Identifier: Apache-2.0
// One client connection: writes a request, decodes the response, and hands the body out piece by
// piece. An actor because the response (and its body sequence) outlives `send`; requests go one at
// a time (no pipelining), and the connection is kept for the next request when both sides allow it.
//
// Map: state · connect · send · body · reuse · reading.

import Glibc
import HTTPCore
import Platform

/// An HTTP/1.1 connection to one endpoint over a unix socket, TCP or TLS.
public actor HTTPConnection {
    enum Phase { case idle, reserved, awaitingHead, body, upgraded, handedOver, closed }

    /// The address this connection reaches.
    public nonisolated let endpoint: Endpoint
    let stream: any ByteStream
    var buffer = ByteBuffer()
    var decoder: HTTP1ResponseDecoder
    var phase = Phase.idle
    var sawEOF = false
    var isReading = false
    private var keepAlive = true
    private(set) var generation: UInt64 = 0
    private(set) var finishedGeneration: UInt64 = 0
    /// Responses completed on this connection so far.
    public private(set) var completedCount = 0

    /// Wraps a connected stream (tests use one end of a socketpair).
    public init(stream: any ByteStream, endpoint: Endpoint, limits: HTTP1ResponseDecoder.Limits = .init()) {
        self.stream = stream
        self.endpoint = endpoint
        decoder = HTTP1ResponseDecoder(limits: limits)
    }

    /// Connects to `endpoint`; `.tls` uses `tls` (default: system CAs, verified) and sends the host as SNI.
    /// Socket failures throw `HTTPClientError.connectFailed`, handshake failures `.tlsFailed`.
    public static func connect(
        to endpoint: Endpoint, tls: TLSContext? = nil, until deadline: Deadline? = nil, limits: HTTP1ResponseDecoder.Limits = .init()
    ) async throws -> HTTPConnection {
        let fd: FileDescriptor
        do {
            switch endpoint {
            case .unix(let path): fd = try await Socket.connectUnix(path: path)
            case .tcp(let host, let port), .tls(let host, let port): fd = try await Socket.connectTCP(host: host, port: port)
            }
        } catch let error as Errno {
            throw HTTPClientError.connectFailed(endpoint: endpoint.description, reason: error.message, code: error.code)
        } catch EventLoopError.timedOut {
            throw HTTPClientError.connectFailed(endpoint: endpoint.description, reason: "timed out", code: ETIMEDOUT)
        }
        guard case .tls(let host, _) = endpoint else {
            return HTTPConnection(stream: SocketStream(fd), endpoint: endpoint, limits: limits)
        }
        do {
            let context = try tls ?? TLSContext(client: .init())
            let session = try TLSStream(fd, context: context, isServer: false, serverName: Self.bareHost(host))
            try await session.handshake(until: deadline)
            return HTTPConnection(stream: session, endpoint: endpoint, limits: limits)
        } catch is CancellationError {
            throw CancellationError()
        } catch EventLoopError.timedOut {
            throw HTTPClientError.tlsFailed(endpoint: endpoint.description, reason: "timed out")
        } catch let error as Errno {
            throw HTTPClientError.tlsFailed(endpoint: endpoint.description, reason: error.message)
        } catch {
            throw HTTPClientError.tlsFailed(endpoint: endpoint.description, reason: "\(error)")
        }
    }

    /// Sends `request` and reads the response head; waits for the peer at most until `deadline`.
    /// Read the body from the response before the next `send` (or the connection is busy).
    public func send(_ request: HTTPClientRequest, until deadline: Deadline? = nil) async throws -> HTTPClientResponse {
        switch phase {
        case .idle, .reserved: break
        case .closed, .handedOver: throw HTTPClientError.connectionClosed
        case .awaitingHead, .body, .upgraded: throw HTTPClientError.connectionBusy
        }
        let bytes = try request.encoded(host: endpoint.hostHeader)
        let reused = completedCount > 0
        phase = .awaitingHead
        generation &+= 1
        decoder.expectResponse(toMethod: request.method)
        do {
            do {
                try await stream.write(bytes, until: deadline)
            } catch let error as Errno where reused && (error.code == EPIPE || error.code == ECONNRESET) {
                throw HTTPClientError.connectionClosed
            }
            let head = try await readHead(until: deadline, reused: reused)
            keepAlive = head.keepAlive && !request.headers.hasToken("close", in: "Connection") && decoder.framing != .untilClose
            if decoder.isUpgraded {
                phase = .upgraded
            } else {
                phase = .body
                if decoder.framing == .none || decoder.framing == .length(0), case .end = try decoder.next(&buffer) { finishResponse() }
            }
            return HTTPClientResponse(head: head, framing: decoder.framing, connection: self, generation: generation)
        } catch {
            shutdown()
            throw Self.translate(error)
        }
    }

    /// Closes the connection; a response still being read then ends with an error.
    public func close() { shutdown() }

    /// True once the connection is closed (by either side) or handed over after an upgrade.
    public var isClosed: Bool { phase == .closed || phase == .handedOver }

    /// After a `101 Switching Protocols` response: the stream and the bytes already read past the head.
    public func upgrade() throws -> UpgradedConnection {
        guard phase == .upgraded else { throw HTTPClientError.invalidRequest("the response did not switch protocols") }
        phase = .handedOver
        return UpgradedConnection(stream: stream, initialBytes: buffer.readAll())
    }

    private func readHead(until deadline: Deadline?, reused: Bool) async throws -> HTTPResponseHead {
        while true {
            if let event = try decoder.next(&buffer) {
                guard case .head(let head) = event else { throw HTTPClientError.malformedResponse("response without a head") }
                return head
            }
            if sawEOF {
                if reused && buffer.isEmpty && decoder.isBetweenResponses { throw HTTPClientError.connectionClosed }
                throw HTTPClientError.unexpectedEOF
            }
            do {
                try await fill(until: deadline)
            } catch let error as Errno where error.code == ECONNRESET {
                if reused && buffer.isEmpty { throw HTTPClientError.connectionClosed }
                throw HTTPClientError.unexpectedEOF
            }
        }
    }

    func finishResponse() {
        completedCount += 1
        finishedGeneration = generation
        if keepAlive && !sawEOF { phase = .idle } else { shutdown() }
    }

    func shutdown() {
        guard phase != .handedOver else { return }
        phase = .closed
        stream.close()
    }

    static func translate(_ error: any Error) -> any Error {
        switch error {
        case EventLoopError.timedOut: HTTPClientError.timedOut
        case EventLoopError.closed: HTTPClientError.connectionClosed
        default: error
        }
    }

    /// The host as the certificate must name it: IPv6 literals without their brackets.
    private static func bareHost(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
