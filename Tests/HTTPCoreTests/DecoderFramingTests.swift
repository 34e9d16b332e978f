// SPDX-License-Identifier: Apache-2.0
// HTTP1RequestDecoder framing: heads, Content-Length bodies, pipelining, EOF, and reads cut anywhere.

import Testing

@testable import HTTPCore

/// Requests that decode, used to check that cutting the input anywhere changes nothing.
let wellFormedInputs: [String] = [
    "GET /info HTTP/1.1\r\nHost: docker\r\nUser-Agent: Docker-Client/27.0\r\n\r\n",
    "HEAD /_ping HTTP/1.0\r\n\r\n",
    "GET /info HTTP/1.1\nHost: docker\n\n",
    "\r\n\r\nGET / HTTP/1.1\r\n\r\n",
    "POST /build HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world",
    "POST /exec HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n",
    "GET /_ping HTTP/1.1\r\n\r\nPOST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi\r\nGET /b HTTP/1.1\r\n\r\n",
]

@Suite struct DecoderFramingTests {
    @Test func simpleGet() throws {
        let run = try decode("GET /info HTTP/1.1\r\nHost: docker\r\nUser-Agent: Docker-Client/27.0\r\n\r\n")
        #expect(run.steps == [.head("GET /info HTTP/1.1\nHost: docker\nUser-Agent: Docker-Client/27.0"), .end])
        let head = try #require(run.heads.first)
        #expect(head.version == .http11)
        #expect(head.path == "/info")
        #expect(head.headers["host"] == "docker")
        #expect(run.decoder.declaredLength == 0)
        #expect(!run.decoder.isChunked)
        #expect(run.decoder.isBetweenRequests)
        #expect(run.buffer.isEmpty)
        try run.finish()
    }

    @Test func headRequestHasNoBody() throws {
        let run = try decode("HEAD /_ping HTTP/1.1\r\nHost: d\r\n\r\n")
        #expect(run.steps == [.head("HEAD /_ping HTTP/1.1\nHost: d"), .end])
    }

    @Test func incompleteHeadYieldsNothingAndEOFIsAnError() throws {
        let run = try decode("GET /info HTTP/1.1\r\nHost: docker\r\n")
        #expect(run.events.isEmpty)
        #expect(throws: HTTPParseError.unexpectedEOF) { try run.finish() }
    }

    @Test func pipelinedRequestsDecodeInOrder() throws {
        let input =
            "GET /_ping HTTP/1.1\r\nHost: d\r\n\r\n"
            + "POST /containers/create HTTP/1.1\r\nHost: d\r\nContent-Length: 13\r\n\r\n{\"Image\":\"a\"}"
            + "GET /containers/json?all=1 HTTP/1.1\r\nHost: d\r\n\r\n"
        let run = try decode(input)
        #expect(
            run.steps == [
                .head("GET /_ping HTTP/1.1\nHost: d"), .end,
                .head("POST /containers/create HTTP/1.1\nHost: d\nContent-Length: 13"), .body("{\"Image\":\"a\"}"), .end,
                .head("GET /containers/json?all=1 HTTP/1.1\nHost: d"), .end,
            ])
        try run.finish()
    }

    @Test(arguments: ["\r\n", "\n", "\r\n\r\n\r\n"])
    func leadingEmptyLinesAreIgnored(prefix: String) throws {
        // RFC 9112 §2.2: a server SHOULD ignore at least one empty line before the request line.
        let run = try decode(prefix + "GET / HTTP/1.1\r\n\r\n")
        #expect(run.steps == [.head("GET / HTTP/1.1"), .end])
    }

    @Test func emptyLinesAfterTheLastRequestAreAFineEOF() throws {
        let run = try decode("POST /a HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi\r\n")
        #expect(run.steps == [.head("POST /a HTTP/1.1\nContent-Length: 2"), .body("hi"), .end])
        try run.finish()
    }

    @Test func contentLengthBodyArrivesInPieces() throws {
        var run = DecoderRun()
        try run.feed("POST /build HTTP/1.1\r\nContent-Length: 11\r\n\r\nhel")
        #expect(run.decoder.declaredLength == 11)
        #expect(!run.decoder.isBetweenRequests)
        try run.feed("lo wor")
        try run.feed("ld")
        #expect(run.events.dropFirst() == [.body(Array("hel".utf8)), .body(Array("lo wor".utf8)), .body(Array("ld".utf8)), .end])
        #expect(run.decoder.isBetweenRequests)
        try run.finish()
    }

    @Test func bodyStopsAtContentLength() throws {
        let run = try decode("POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n")
        #expect(run.steps == [.head("POST /a HTTP/1.1\nContent-Length: 5"), .body("hello"), .end, .head("GET /b HTTP/1.1"), .end])
    }

    @Test func zeroContentLength() throws {
        let run = try decode("POST /containers/x/start HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
        #expect(run.steps == [.head("POST /containers/x/start HTTP/1.1\nContent-Length: 0"), .end])
        #expect(run.decoder.declaredLength == 0)
    }

    @Test func bodyCutShortByEOFIsAnError() throws {
        let run = try decode("POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
        #expect(run.steps == [.head("POST /a HTTP/1.1\nContent-Length: 10"), .body("abc")])
        #expect(throws: HTTPParseError.unexpectedEOF) { try run.finish() }
    }

    @Test(arguments: ["12a", "-1", "+1", "", "1 2", "0x10", "1.0", "1234567890123456789", "99999999999999999999999"])
    func malformedContentLengthIsRejected(value: String) {
        expectRejected("POST /a HTTP/1.1\r\nContent-Length: \(value)\r\n\r\n", as: .badRequest("invalid Content-Length"))
    }

    @Test(arguments: ["Content-Length: 5\r\nContent-Length: 6\r\n", "Content-Length: 5, 6\r\n", "Content-Length: 5,\r\n"])
    func conflictingContentLengthsAreRejected(fields: String) {
        // RFC 9112 §6.3 item 5: differing lengths are unrecoverable (a smuggling vector).
        expectRejected("POST /a HTTP/1.1\r\n\(fields)\r\nhello", as: .badRequest("invalid Content-Length"))
    }

    @Test(arguments: ["Content-Length: 5\r\nContent-Length: 5\r\n", "Content-Length: 5, 5\r\n", "content-length:  5 \r\n"])
    func identicalContentLengthsAreAccepted(fields: String) throws {
        let run = try decode("POST /a HTTP/1.1\r\n\(fields)\r\nhello")
        #expect(run.steps.suffix(2) == [.body("hello"), .end])
        #expect(run.decoder.declaredLength == 5)
    }

    @Test func largestAcceptedContentLength() throws {
        // 18 digits always fit an Int; 19 may not, so they are refused (see malformedContentLengthIsRejected).
        let run = try decode("POST /a HTTP/1.1\r\nContent-Length: 999999999999999999\r\n\r\n")
        #expect(run.decoder.declaredLength == 999_999_999_999_999_999)
        #expect(run.steps.count == 1)
        #expect(run.decoder.isBetweenRequests == false)
    }

    @Test(arguments: wellFormedInputs)
    func cuttingTheInputAnywhereChangesNothing(input: String) throws {
        let whole = try decode(input).steps
        #expect(whole.contains(.end))
        #expect(try decode(input, cut: .bytewise).steps == whole)
        for index in 1..<input.utf8.count {
            #expect(try decode(input, cut: .at(index)).steps == whole, "cut at \(index)")
        }
        try decode(input, cut: .bytewise).finish()
    }

    @Test func keepAliveRequestInALaterRead() throws {
        // Regression: after the first request the decoder searched an empty buffer and remembered
        // an absolute offset; the append that followed reset the storage, so the next (shorter)
        // head was searched from past its end and never found.
        var run = DecoderRun()
        try run.feed("POST /containers/create HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
        #expect(run.steps.last == .end)
        try run.feed("GET /a HTTP/1.1\r\n\r\n")
        #expect(run.steps.suffix(2) == [.head("GET /a HTTP/1.1"), .end])
        try run.feed("GET /b HTTP/1.1\r\n")
        try run.feed("\r\n")
        #expect(run.steps.suffix(2) == [.head("GET /b HTTP/1.1"), .end])
    }

    @Test func headCutAfterALargeBodyIsFound() throws {
        // The buffer compacts on append once more than 4 KiB were consumed; a partial head left
        // before the compaction must still be found after it (same regression as above).
        var run = DecoderRun()
        let body = String(repeating: "x", count: 5000)
        try run.feed("POST /a HTTP/1.1\r\nContent-Length: 5000\r\n\r\n" + body + "GET /next HTTP/1.1\r\nHost: d\r\n")
        #expect(run.steps.count == 3)
        try run.feed("\r\n")
        #expect(run.steps.suffix(2) == [.head("GET /next HTTP/1.1\nHost: d"), .end])
    }
}
