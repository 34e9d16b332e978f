// SPDX-License-Identifier: Apache-2.0
// HTTPServer over a real unix socket: keep-alive, pipelining, chunked bodies both ways, Expect: 100-continue.

import HTTP
import HTTPCore
import Platform
import Testing

@Suite struct ServerLiveTests {
    @Test func keepAliveServesIdenticalRequestsOnOneConnection() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        for round in 1...3 {
            try await client.send(liveGet("/same"))
            let response = try await client.readResponse()
            #expect(response.status == 200 && response.text == "target=/same", "round \(round): \(response.text)")
        }
        await harness.stop()
    }

    @Test func keepAliveServesShorterRequestAfterLongerOne() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send(liveGet("/a/rather/long/path/to/start/with", "X-Padding: \(String(repeating: "p", count: 200))\r\n"))
        #expect(try await client.readResponse().text == "target=/a/rather/long/path/to/start/with")
        try await client.send(liveGet("/b"))
        #expect(try await client.readResponse(timeout: 2).text == "target=/b")
        await harness.stop()
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        // The slowest first: answers must still come back in request order.
        try await client.send(liveGet("/slow?ms=150") + liveGet("/slow?ms=10") + liveGet("/third"))
        #expect(try await client.readResponse().text == "slow 150")
        #expect(try await client.readResponse().text == "slow 10")
        #expect(try await client.readResponse().text == "target=/third")
        await harness.stop()
    }

    @Test func chunkedRequestBodyIsEchoed() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send("POST /echo HTTP/1.1\r\nHost: live\r\nTransfer-Encoding: chunked\r\n\r\n")
        try await client.send("5\r\nhello\r\n")
        try await Task.sleep(for: .milliseconds(20))
        try await client.send("1;ext=1\r\n,\r\n7\r\n world!\r\n0\r\nTrailer: x\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200 && response.text == "hello, world!", "\(response.text)")
        // The connection is still usable afterwards.
        try await client.send(liveGet("/after"))
        #expect(try await client.readResponse().text == "target=/after")
        await harness.stop()
    }

    @Test func streamedResponseIsChunked() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send(liveGet("/stream"))
        let response = try await client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.header("Content-Length") == nil)
        #expect(response.chunks.map { String(decoding: $0, as: UTF8.self) } == ["one", "two", "three"])
        try await client.send(liveGet("/after"))
        #expect(try await client.readResponse().text == "target=/after")
        await harness.stop()
    }

    @Test func expectContinueGets100BeforeTheBody() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send("POST /echo HTTP/1.1\r\nHost: live\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n")
        let interim = try await client.readResponse(timeout: 2)
        #expect(interim.status == 100, "the server must invite the body")
        try await client.send("abcde")
        let response = try await client.readResponse()
        #expect(response.status == 200 && response.text == "abcde")
        await harness.stop()
    }

    @Test func http10GetsItsAnswerAndClose() async throws {
        let harness = try ServerLiveHarness()
        let client = try await harness.connect()
        try await client.send("GET /old HTTP/1.0\r\n\r\n")
        let response = try await client.readResponse()
        #expect(response.status == 200 && response.text == "target=/old")
        #expect(try await client.readUntilClosed().isEmpty)
        await harness.stop()
    }
}

@Suite(.serialized) struct ServerLiveClientGoneSerial {
    @Test func aStreamThatWritesNothingEndsWhenTheClientLeaves() async throws {
        let harness = try ServerLiveHarness()
        let before = ServerLiveHandlers.silentStreamsEnded.withLock { $0 }
        let client = try await harness.connect()
        try await client.send(liveGet("/silent"))
        // The head arrives at once (the body never does): read up to the blank line.
        var head = ""
        while !head.hasSuffix("\r\n\r\n") { head += String(decoding: try await client.read(exactly: 1), as: UTF8.self) }
        #expect(head.hasPrefix("HTTP/1.1 200"))
        client.fd.close()
        var ended = false
        for _ in 0..<150 {
            if ServerLiveHandlers.silentStreamsEnded.withLock({ $0 }) > before {
                ended = true
                break
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(ended, "the server must notice the client's EOF while the stream is silent")
        await harness.stop()
    }
}
