// SPDX-License-Identifier: Apache-2.0
// HTTPServer over a real unix socket: malformed framing gets a 4xx and a closed connection, never a 5xx.

import HTTP
import HTTPCore
import Platform
import Testing

@Suite struct ServerLiveErrorTests {
    /// Sends `request`, expects one response with `status`, then the connection closed by the server.
    /// Errors in the head are the server's own answer and must say `Connection: close`; a bad body is
    /// found by the handler while reading it, and only the close is the server's.
    private func expectRejected(_ request: [UInt8], status: Int, inHead: Bool = true, _ comment: Comment) async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        // A server that rejects early may close before taking every byte; that is fine.
        try? await client.send(request)
        let response = try await client.readResponse()
        #expect(response.status == status, comment)
        if inHead { #expect(response.header("Connection")?.lowercased() == "close", comment) }
        #expect(try await client.readUntilClosed(timeout: 2).isEmpty, comment)
        await harness.stop()
    }

    @Test func contentLengthWithTransferEncodingIs400() async throws {
        let request = "POST /echo HTTP/1.1\r\nHost: live\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        try await expectRejected(Array(request.utf8), status: 400, "CL + TE is a smuggling vector (RFC 9112 §6.3)")
    }

    @Test func malformedChunkIs400() async throws {
        let request = "POST /echo HTTP/1.1\r\nHost: live\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"
        try await expectRejected(Array(request.utf8), status: 400, inHead: false, "bad chunk size")
    }

    @Test func unknownVersionIs400() async throws {
        try await expectRejected(Array("GET / HTTP/1.7\r\nHost: live\r\n\r\n".utf8), status: 400, "HTTP/1.7")
    }

    @Test func longRequestLineIs414() async throws {
        let target = "/" + String(repeating: "a", count: 9 * 1024)
        try await expectRejected(Array(liveGet(target).utf8), status: 414, "request line over 8 KiB")
    }

    @Test func hugeHeaderBlockIs431() async throws {
        let field = "X-Big: " + String(repeating: "b", count: 6000) + "\r\n"
        let request = "GET / HTTP/1.1\r\nHost: live\r\n" + String(repeating: field, count: 200) + "\r\n"
        try await expectRejected(Array(request.utf8), status: 431, "headers over 1 MiB")
    }

    @Test func bodyShorterThanContentLengthThenEOFGetsNo5xx() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send("POST /echo HTTP/1.1\r\nHost: live\r\nContent-Length: 10\r\n\r\nabc")
        client.shutdownWrite()
        let rest = try await client.readUntilClosed()
        let text = String(decoding: rest, as: UTF8.self)
        #expect(!text.hasPrefix("HTTP/1.1 5"), "a client that hangs up mid-body is not a server error: \(text)")
        #expect(text.isEmpty || text.hasPrefix("HTTP/1.1 4"), "\(text)")
        await harness.stop()
    }

    @Test func serverKeepsServingAfterRejectingAConnection() async throws {
        let harness = try ServerLiveHarness()
        let bad = try await harness.connect()
        try await bad.send("GET / HTTP/9.9\r\n\r\n")
        #expect(try await bad.readResponse().status == 400)
        let good = try await harness.connect()
        try await good.send(liveGet("/fine"))
        #expect(try await good.readResponse().text == "target=/fine")
        await harness.stop()
    }
}
