// SPDX-License-Identifier: Apache-2.0
// ServerOptions.immediateHandler: answers from the head alone, in order with pipelined handler answers,
// with the connection's framing rules (HEAD, HTTP/1.0, Connection: close), and never for requests with a body.

import Glibc
import HTTP
import HTTPCore
import Platform
import Testing

@Suite struct ServerLiveTestsImmediate {
    /// Answers `/quick` (any method) at once; nil for everything else.
    private static func options() -> ServerOptions {
        var options = ServerOptions()
        options.immediateHandler = { head, connection in
            guard head.path == "/quick" else { return nil }
            return .text("immediate \(head.method) \(connection.transport.rawValue)")
        }
        return options
    }

    @Test func immediateAnswersGoOutAndOthersReachTheHandler() async throws {
        let harness = try ServerLiveHarness(options: Self.options())
        let client = try await harness.connect()
        for round in 1...3 {
            try await client.send(liveGet("/quick"))
            #expect(try await client.readResponse().text == "immediate GET unix", "round \(round)")
            try await client.send(liveGet("/other"))
            #expect(try await client.readResponse().text == "target=/other", "round \(round)")
        }
        await harness.stop()
    }

    @Test func pipelinedImmediateAnswersKeepTheirOrder() async throws {
        let harness = try ServerLiveHarness(options: Self.options())
        let client = try await harness.connect()
        try await client.send(liveGet("/slow?ms=100") + liveGet("/quick") + liveGet("/third") + liveGet("/quick"))
        #expect(try await client.readResponse().text == "slow 100")
        #expect(try await client.readResponse().text == "immediate GET unix")
        #expect(try await client.readResponse().text == "target=/third")
        #expect(try await client.readResponse().text == "immediate GET unix")
        await harness.stop()
    }

    @Test func headGetsTheLengthWithoutTheBody() async throws {
        let harness = try ServerLiveHarness(options: Self.options())
        let client = try await harness.connect()
        try await client.send("HEAD /quick HTTP/1.1\r\nHost: live\r\nConnection: close\r\n\r\n")
        let text = String(decoding: try await client.readUntilClosed(), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("\r\nContent-Length: \("immediate HEAD unix".utf8.count)\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"), "no body after a HEAD answer: \(text)")
        await harness.stop()
    }

    @Test func connectionCloseIsHonoured() async throws {
        let harness = try ServerLiveHarness(options: Self.options())
        let client = try await harness.connect()
        try await client.send("GET /quick HTTP/1.1\r\nHost: live\r\nConnection: close\r\n\r\n")
        let text = String(decoding: try await client.readUntilClosed(), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(text.contains("\r\nConnection: close\r\n"))
        #expect(text.hasSuffix("\r\n\r\nimmediate GET unix"))
        await harness.stop()
    }

    @Test func requestsWithABodyAlwaysReachTheHandler() async throws {
        let harness = try ServerLiveHarness(options: Self.options())
        let client = try await harness.connect()
        try await client.send("POST /quick HTTP/1.1\r\nHost: live\r\nContent-Length: 3\r\n\r\nabc")
        #expect(try await client.readResponse().text == "target=/quick")
        try await client.send("POST /quick HTTP/1.1\r\nHost: live\r\nContent-Length: 0\r\n\r\n")
        #expect(try await client.readResponse().text == "immediate POST unix", "an empty body is no body")
        await harness.stop()
    }
}

/// A client that sends its last request and its FIN together, while the server's loop is busy: epoll then
/// reports both in one edge, the connection's read takes only the request (a short read), and over TCP no
/// later edge comes for the end of stream (a unix socket would report the peer's read of the answer). The
/// server must still see the end (EventLoop keeps hang-ups sticky) and close.
@Suite struct ServerLiveTestsRequestThenFIN {
    @Test func requestAndFINInOneEdgeAreAnsweredAndClosed() async throws {
        var options = ServerOptions()
        options.immediateHandler = { head, _ in
            // Blocks its event loop thread: every connection on that loop gets its events late, merged.
            if head.path == "/block" { usleep(300_000) }
            return .text("immediate \(head.path)")
        }
        let listener = try Socket.listenTCP(host: "127.0.0.1", port: 0)
        let port = Socket.localPort(of: listener)
        let server = HTTPServer(
            listeners: [Listener(descriptor: listener, transport: .tcp, address: "tcp://127.0.0.1:\(port)")], options: options,
            handler: ServerLiveHandlers.standard)
        server.start()
        let blocker = ServerLiveClient(try await Socket.connectTCP(host: "127.0.0.1", port: port))
        // Connections are spread over the loops in turn: with eight, several share the blocked one.
        var clients: [ServerLiveClient] = []
        for _ in 0..<8 { clients.append(ServerLiveClient(try await Socket.connectTCP(host: "127.0.0.1", port: port))) }
        try await Task.sleep(for: .milliseconds(100))  // every connection task is parked, waiting for input
        try await blocker.send(liveGet("/block"))
        try await Task.sleep(for: .milliseconds(50))  // the loop is inside the handler now
        for client in clients {
            try await client.send(liveGet("/last"))
            client.shutdownWrite()
        }
        for (index, client) in clients.enumerated() {
            let text = String(decoding: try await client.readUntilClosed(timeout: 5), as: UTF8.self)
            #expect(text.hasSuffix("\r\n\r\nimmediate /last"), "connection \(index): the answer, then the close: \(text)")
        }
        #expect(try await blocker.readResponse().text == "immediate /block")
        await server.shutdown()
    }
}
