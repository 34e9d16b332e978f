// SPDX-License-Identifier: Apache-2.0
// HTTP1RequestDecoder chunked bodies (RFC 9112 §7.1) and the Transfer-Encoding framing rules (§6.1, §6.3).

import Testing

@testable import HTTPCore

private let chunkedHead = "POST /exec HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
private let chunkedHeadStep = Step.head("POST /exec HTTP/1.1\nTransfer-Encoding: chunked")

@Suite struct DecoderChunkedTests {
    @Test func severalChunks() throws {
        let run = try decode(chunkedHead + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        #expect(run.steps == [chunkedHeadStep, .body("hello world"), .end])
        #expect(run.events.dropFirst() == [.body(Array("hello".utf8)), .body(Array(" world".utf8)), .end])
        #expect(run.decoder.isChunked)
        #expect(run.decoder.declaredLength == nil)
        #expect(run.decoder.isBetweenRequests)
        try run.finish()
    }

    @Test func chunkExtensionsAreIgnored() throws {
        let run = try decode(chunkedHead + "5;ext=1\r\nhello\r\n3;a=\"b\";c\r\nabc\r\n0;last\r\n\r\n")
        #expect(run.steps == [chunkedHeadStep, .body("helloabc"), .end])
    }

    @Test func hexSizesInEitherCase() throws {
        let thirtyOne = String(repeating: "z", count: 31)
        let run = try decode(chunkedHead + "A\r\n0123456789\r\n1f\r\n\(thirtyOne)\r\n00B\r\nabcdefghijk\r\n0\r\n\r\n")
        #expect(run.steps == [chunkedHeadStep, .body("0123456789" + thirtyOne + "abcdefghijk"), .end])
    }

    @Test(arguments: ["Chunked", "chunked,", " chunked "])
    func codingNameIsCaseInsensitiveAndEmptyListElementsAreIgnored(value: String) throws {
        // RFC 9110 §5.6.1: recipients ignore empty list elements.
        let run = try decode("POST /a HTTP/1.1\r\ntransfer-encoding: \(value)\r\n\r\n1\r\nx\r\n0\r\n\r\n")
        #expect(run.steps.suffix(2) == [.body("x"), .end])
    }

    @Test func trailersAreDroppedAndTheNextRequestFollows() throws {
        let run = try decode(chunkedHead + "2\r\nhi\r\n0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\nGET /b HTTP/1.1\r\n\r\n")
        #expect(run.steps == [chunkedHeadStep, .body("hi"), .end, .head("GET /b HTTP/1.1"), .end])
    }

    @Test func manyTrailerLinesInOneRead() throws {
        // Regression: each trailer line recursed once, so ~300k short lines (within the 1 MiB
        // header limit) overflowed the stack and crashed the server.
        let trailers = String(repeating: "x\r\n", count: 300_000)
        let run = try decode(chunkedHead + "0\r\n" + trailers + "\r\nGET /b HTTP/1.1\r\n\r\n")
        #expect(run.steps == [chunkedHeadStep, .end, .head("GET /b HTTP/1.1"), .end])
    }

    @Test func trailersCountAgainstTheHeaderLimit() {
        let trailers = String(repeating: "X-Pad: 0123456789\r\n", count: 10)
        expectRejected(chunkedHead + "0\r\n" + trailers + "\r\n", as: .badRequest("line too long"), limits: limits(headerBytes: 100))
    }

    @Test func chunkSplitAcrossReads() throws {
        var run = DecoderRun()
        try run.feed(chunkedHead + "5\r")
        #expect(run.events.count == 1)
        try run.feed("\nhe")
        try run.feed("llo\r")
        try run.feed("\n0\r")
        #expect(run.events.last == .body(Array("llo".utf8)))
        try run.feed("\n\r\n")
        #expect(run.events.dropFirst() == [.body(Array("he".utf8)), .body(Array("llo".utf8)), .end])
    }

    @Test(arguments: ["5x", "g", "", " 5", "-1", "0x5", "5 ", "+5", "1000000000000000"])
    func badChunkSizeIsRejected(line: String) {
        expectRejected(chunkedHead + "\(line)\r\nhello\r\n0\r\n\r\n", as: .badRequest("malformed chunked encoding"))
    }

    @Test(arguments: ["5\r\nhelloX\r\n0\r\n\r\n", "5\r\nhello0\r\n\r\n", "2\r\nhello\r\n0\r\n\r\n"])
    func missingCRLFAfterChunkDataIsRejected(body: String) {
        // The reason differs by cut ("line too long" once more than a CRLF's worth is waiting), the status does not.
        for cut in [Cut.whole, .bytewise] {
            guard case .badRequest = rejection(chunkedHead + body, cut: cut) else {
                Issue.record("cut \(cut): not rejected as a bad request")
                continue
            }
        }
    }

    @Test func chunkSizeLineLimit() throws {
        // The size line, extensions included, may be 4096 bytes; one more is refused.
        let longest = "5;" + String(repeating: "a", count: 4094)
        let run = try decode(chunkedHead + longest + "\r\nhello\r\n0\r\n\r\n", cut: .bytewise)
        #expect(run.steps.suffix(2) == [.body("hello"), .end])
        expectRejected(chunkedHead + longest + "a\r\nhello\r\n0\r\n\r\n", as: .badRequest("line too long"))
    }

    @Test(arguments: ["gzip, chunked", "chunked, gzip", "gzip", "identity", "", ", ", "chunked\r\nTransfer-Encoding: chunked"])
    func onlyPlainChunkedIsAccepted(value: String) {
        expectRejected(
            "POST /a HTTP/1.1\r\nTransfer-Encoding: \(value)\r\n\r\n0\r\n\r\n", as: .badRequest("unsupported transfer encoding"))
    }

    @Test(arguments: [
        "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n",
        "Content-Length: 5\r\nTransfer-Encoding: gzip\r\n",
    ])
    func transferEncodingWithContentLengthIsRejected(fields: String) {
        // RFC 9112 §6.1: a server MAY reject this outright; it is the classic smuggling vector.
        expectRejected(
            "POST /a HTTP/1.1\r\n\(fields)\r\n0\r\n\r\n", as: .badRequest("both Transfer-Encoding and Content-Length"))
    }

    @Test func transferEncodingInHTTP10IsRejected() {
        // RFC 9112 §6.1: HTTP/1.0 has no chunked coding; a server MUST treat the framing as faulty.
        expectRejected(
            "POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            as: .badRequest("Transfer-Encoding in an HTTP/1.0 request"))
    }

    @Test(arguments: ["5\r\nhel", "5\r\nhello\r\n", "5\r\nhello\r\n0\r\n", "5\r\nhello\r\n0\r\nX: y\r\n"])
    func chunkedBodyCutShortByEOFIsAnError(body: String) throws {
        let run = try decode(chunkedHead + body)
        #expect(!run.steps.contains(.end))
        #expect(throws: HTTPParseError.unexpectedEOF) { try run.finish() }
    }
}
