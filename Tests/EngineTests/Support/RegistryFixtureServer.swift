// SPDX-License-Identifier: Apache-2.0
// A scripted HTTP/1.1 server on 127.0.0.1 for registry tests that need misbehaviour a real registry never
// shows: corrupted blobs, a bearer token service, redirects to another host, mirrors that miss. It closes
// a connection that opens with a TLS ClientHello, as Go servers answer one, so the client's HTTPS probe
// of a loopback registry falls back to HTTP at once.

import HTTPCore
import Platform
import Synchronization

/// A request as the fake server saw it.
struct FakeRequest: Sendable {
    let method: String
    let target: String
    let headers: HTTPHeaders
    let body: [UInt8]

    /// The path without the query.
    var path: String { String(target.prefix { $0 != "?" }) }
    /// The decoded query.
    var query: QueryItems { QueryItems(parsing: target.drop { $0 != "?" }.dropFirst()) }
}

/// Requests a handler saw, shared with the test.
final class FakeRequestLog: Sendable {
    private let items = Mutex<[FakeRequest]>([])

    func append(_ request: FakeRequest) { items.withLock { $0.append(request) } }
    var all: [FakeRequest] { items.withLock { $0 } }
}

/// A canned answer.
struct FakeResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []

    static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> FakeResponse {
        FakeResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }
}

/// Serves every request with `handler` until stopped.
final class FakeHTTPServer: Sendable {
    let port: UInt16
    private let listener: FileDescriptor
    private let connections = Mutex<[FileDescriptor]>([])
    private let seen = Mutex<[FakeRequest]>([])

    /// `http://127.0.0.1:<port>`.
    var url: String { "http://127.0.0.1:\(port)" }
    /// `127.0.0.1:<port>`, as a registry domain.
    var domain: String { "127.0.0.1:\(port)" }
    /// Every request so far.
    var requests: [FakeRequest] { seen.withLock { $0 } }

    init(handler: @escaping @Sendable (FakeRequest) async -> FakeResponse) throws {
        listener = try Socket.listenTCP(host: "127.0.0.1", port: 0)
        port = Socket.localPort(of: listener)
        let listener = listener
        Task { [self] in
            while let fd = try? await Socket.accept(listener) {
                connections.withLock { $0.append(fd) }
                Task { try? await self.serve(fd, handler: handler) }
            }
        }
    }

    /// Closes the listener and every connection.
    func stop() {
        listener.close()
        for fd in connections.withLock({ $0 }) { fd.close() }
    }

    private func serve(_ fd: FileDescriptor, handler: @Sendable (FakeRequest) async -> FakeResponse) async throws {
        defer { fd.close() }
        var decoder = HTTP1RequestDecoder()
        var buffer = ByteBuffer()
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        var first = true
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { scratch.deallocate() }
        while true {
            let count = try await fd.read(into: scratch, until: .after(seconds: 30))
            if count == 0 { return }
            if first && scratch[0] == 0x16 { return }  // a TLS handshake: not spoken here
            first = false
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
            while let event = try decoder.next(&buffer) {
                switch event {
                case .head(let next): head = next
                case .body(let piece): body += piece
                case .end:
                    guard let request = head else { continue }
                    let received = FakeRequest(method: request.method, target: request.target, headers: request.headers, body: body)
                    seen.withLock { $0.append(received) }
                    try await fd.writeAll(Self.encode(await handler(received), head: request.method == "HEAD"))
                    head = nil
                    body = []
                    decoder = HTTP1RequestDecoder()  // a fresh decoder per request (see HTTPClientTests FakeServer)
                }
            }
        }
    }

    private static func encode(_ response: FakeResponse, head: Bool) -> [UInt8] {
        var text = "HTTP/1.1 \(response.status) \(HTTPStatus(code: response.status).reason)\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        if !response.headers.contains(where: { $0.0.lowercased() == "content-length" }) {
            text += "Content-Length: \(response.body.count)\r\n"
        }
        return Array((text + "\r\n").utf8) + (head ? [] : response.body)
    }
}
