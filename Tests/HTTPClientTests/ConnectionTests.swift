// SPDX-License-Identifier: Apache-2.0
// HTTPConnection over a socketpair: keep-alive reuse, streamed chunked bodies, until-close, limits, timeouts.

import Glibc
import HTTPClient
import HTTPCore
import Platform
import Testing

@Suite struct ConnectionTests {
    @Test func keepAliveServesSeveralRequests() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task {
            try await FakeServer.serve(server) { head, body in
                FakeServer.response("200 OK", "\(head.method) \(head.target) \(body.count)")
            }
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        for index in 0..<3 {
            let request = HTTPClientRequest(method: "POST", target: "/r\(index)", body: Array("abc".utf8))
            let response = try await connection.send(request, until: .after(seconds: 5))
            #expect(response.status.code == 200)
            #expect(try await response.body(upTo: 100) == Array("POST /r\(index) 3".utf8))
        }
        #expect(await connection.completedCount == 3)
        await connection.close()
        let heads = try await serving.value
        #expect(heads.map(\.target) == ["/r0", "/r1", "/r2"])
        #expect(heads.first?.headers["Host"] == "localhost")
    }

    @Test func streamsChunkedPiecesAsTheyArrive() async throws {
        let (client, server) = try makeSocketPair()
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let writer = Task {
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
            defer { scratch.deallocate() }
            _ = try await server.read(into: scratch, until: .after(seconds: 5))
            try await server.writeAll(Array("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".utf8))
            for event in ["{\"a\":1}\n", "{\"b\":2}\n"] {
                try await server.writeAll(HTTP1ResponseEncoder.chunk(Array(event.utf8)))
                try await Task.sleep(for: .milliseconds(20))
            }
            try await server.writeAll(HTTP1ResponseEncoder.lastChunk)
        }
        let response = try await connection.send(HTTPClientRequest(target: "/events"), until: .after(seconds: 5))
        #expect(response.framing == .chunked)
        var pieces: [String] = []
        for try await piece in response.pieces(idleTimeout: 5) { pieces.append(String(decoding: piece, as: UTF8.self)) }
        #expect(pieces == ["{\"a\":1}\n", "{\"b\":2}\n"])
        try await writer.value
        #expect(await connection.isClosed == false)
    }

    @Test func untilCloseBodyEndsAtEOFAndClosesTheConnection() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task {
            try await FakeServer.serve(server) { _, _ in nil }
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let writer = Task {
            try await server.writeAll(Array("HTTP/1.0 200 OK\r\n\r\nall of it".utf8))
        }
        try await writer.value
        let response = try await connection.send(HTTPClientRequest(target: "/"), until: .after(seconds: 5))
        #expect(try await response.body(upTo: 100) == Array("all of it".utf8))
        #expect(await connection.isClosed)
        _ = try? await serving.value
    }

    @Test func headResponseReturnsConnectionToIdle() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task {
            try await FakeServer.serve(server) { _, _ in Array("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n".utf8) }
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let first = try await connection.send(HTTPClientRequest(method: "HEAD", target: "/a"), until: .after(seconds: 5))
        #expect(first.headers["Content-Length"] == "99")
        let second = try await connection.send(HTTPClientRequest(method: "HEAD", target: "/b"), until: .after(seconds: 5))
        #expect(try await second.body(upTo: 10).isEmpty)
        await connection.close()
        _ = try await serving.value
    }

    @Test func busyAndLimitErrors() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task {
            try await FakeServer.serve(server) { _, _ in FakeServer.response("200 OK", String(repeating: "x", count: 100)) }
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let response = try await connection.send(HTTPClientRequest(target: "/"), until: .after(seconds: 5))
        await #expect(throws: HTTPClientError.connectionBusy) { try await connection.send(HTTPClientRequest(target: "/")) }
        await #expect(throws: HTTPClientError.bodyTooLarge(limit: 10)) { try await response.body(upTo: 10) }
        #expect(await connection.isClosed)
        _ = try? await serving.value
    }

    @Test func headTimeout() async throws {
        let (client, server) = try makeSocketPair()
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        await #expect(throws: HTTPClientError.timedOut) {
            try await connection.send(HTTPClientRequest(target: "/slow"), until: .after(seconds: 0.3))
        }
        server.close()
    }

    @Test func malformedResponseClosesTheConnection() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task { try await FakeServer.serve(server) { _, _ in Array("HTTP/1.1 OK\r\n\r\n".utf8) } }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        await #expect(throws: HTTPClientError.self) { try await connection.send(HTTPClientRequest(target: "/")) }
        #expect(await connection.isClosed)
        _ = try? await serving.value
    }
}

@Suite struct LargeBodyTests {
    /// A body far larger than one read, already queued in the kernel: reads must not wait for an edge
    /// that never comes.
    @Test func bodyLargerThanOneRead() async throws {
        let (client, server) = try makeSocketPair()
        let size = 1 << 20
        let serving = Task {
            try await FakeServer.serve(server) { _, _ in FakeServer.response("200 OK", String(repeating: "z", count: size)) }
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        for _ in 0..<2 {
            let response = try await connection.send(HTTPClientRequest(target: "/big"), until: .after(seconds: 5))
            #expect(response.framing == .length(size))
            #expect(try await response.body(upTo: size, until: .after(seconds: 5)).count == size)
        }
        await connection.close()
        _ = try await serving.value
    }
}

@Suite struct ConnectionLifecycleTests {
    @Test func closingMidBodyIsAnErrorNotATruncatedBody() async throws {
        let (client, server) = try makeSocketPair()
        let writer = Task {
            let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1024, alignment: 1)
            defer { scratch.deallocate() }
            _ = try await server.read(into: scratch, until: .after(seconds: 5))
            try await server.writeAll(Array("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".utf8))
        }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let response = try await connection.send(HTTPClientRequest(target: "/"), until: .after(seconds: 5))
        try await writer.value
        #expect(try await response.nextPiece(until: .after(seconds: 5)) == Array("abc".utf8))
        await connection.close()
        await #expect(throws: HTTPClientError.connectionClosed) { try await response.nextPiece() }
    }

    @Test func lastContentLengthPieceFreesTheConnection() async throws {
        let (client, server) = try makeSocketPair()
        let serving = Task { try await FakeServer.serve(server) { _, _ in FakeServer.response("200 OK", "12345") } }
        let connection = HTTPConnection(stream: SocketStream(client), endpoint: .unix(path: "/test"))
        let first = try await connection.send(HTTPClientRequest(target: "/1"), until: .after(seconds: 5))
        var received = 0
        while received < 5, let piece = try await first.nextPiece(until: .after(seconds: 5)) { received += piece.count }
        let second = try await connection.send(HTTPClientRequest(target: "/2"), until: .after(seconds: 5))
        #expect(try await second.body(upTo: 10) == Array("12345".utf8))
        #expect(try await first.nextPiece() == nil)
        await connection.close()
        _ = try await serving.value
    }
}
