// SPDX-License-Identifier: Apache-2.0
// What the response decoder refuses: malformed status lines, bad chunks, ambiguous framing, cut-short bodies.

import HTTPClient
import HTTPCore
import Testing

@Suite struct ResponseDecoderErrorTests {
    typealias H = DecoderHarness

    @Test(arguments: [
        "HTTP/1.1 2OO OK", "HTTP/2 200 OK", "HTTP/1.1  200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 2000 OK", "http/1.1 200 OK",
        "HTTP/1.1 099 Low", "SSH-2.0-OpenSSH_9.2", "HTTP/1.1 200 OK\u{1}", "",
    ])
    func malformedStatusLine(_ line: String) {
        let error = H.error { _ = try H.decode(H.crlf("\(line)\nContent-Length: 0\n\n")) }
        guard case .malformedResponse = error else {
            Issue.record("expected malformedResponse for \(line.debugDescription), got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: [
        "zz\nhello\n0\n\n",  // not hex
        "5\nhelloX\n0\n\n",  // data longer than declared
        "5 \nhello\n0\n\n",  // space after size
        "\nhello\n0\n\n",  // empty size line
        "1234567890abcdef0\nx\n0\n\n",  // more than 15 hex digits
        "-5\nhello\n0\n\n",  // sign
    ])
    func badChunk(_ body: String) {
        let bytes = H.crlf("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n\(body)")
        let error = H.error { _ = try H.decode(bytes) }
        guard case .malformedResponse = error else {
            Issue.record("expected malformedResponse for \(body.debugDescription), got \(String(describing: error))")
            return
        }
    }

    @Test(arguments: [
        "Transfer-Encoding: chunked\nContent-Length: 5",
        "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: identity",
        "Content-Length: 5\nContent-Length: 6",
        "Content-Length: 5, 6",
        "Content-Length: -1",
        "Content-Length: 0x10",
        "Content-Length: ",
        " Folded: value",
        "X-Fine: a\n continued",
        "Bad Name: x",
        "NoColon",
        "X-Ctl: a\u{1}b",
    ])
    func ambiguousOrMalformedHeaders(_ headers: String) {
        let error = H.error { _ = try H.decode(H.crlf("HTTP/1.1 200 OK\n\(headers)\n\nhello")) }
        guard case .malformedResponse = error else {
            Issue.record("expected malformedResponse for \(headers.debugDescription), got \(String(describing: error))")
            return
        }
    }

    @Test func sameLengthTwiceIsAccepted() throws {
        let messages = try H.decode(H.crlf("HTTP/1.1 200 OK\nContent-Length: 2\nContent-Length: 2\n\nok"))
        #expect(messages.first?.body == Array("ok".utf8))
    }

    @Test func eofInsideBodiesIsAnError() {
        let cut = [
            "HTTP/1.1 200 OK\nContent-Length: 10\n\nshort",
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\nhel",
            "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n0\n",
            "HTTP/1.1 200 OK\nContent-Le",
        ]
        for text in cut {
            #expect(H.error { _ = try H.decode(H.crlf(text), eof: true) } == .unexpectedEOF, "\(text.debugDescription)")
        }
    }

    @Test func eofBetweenResponsesIsClean() throws {
        let messages = try H.decode(H.crlf("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"), eof: true)
        #expect(messages.count == 1 && messages[0].isComplete)
    }

    @Test func headerBlockLimits() {
        var limits = HTTP1ResponseDecoder.Limits()
        limits.maxHeaderBytes = 64
        var decoder = HTTP1ResponseDecoder(limits: limits)
        var buffer = ByteBuffer(H.crlf("HTTP/1.1 200 OK\nX-Long: \(String(repeating: "a", count: 100))\n"))
        #expect(H.error { _ = try decoder.next(&buffer) } == .headersTooLarge)

        limits = HTTP1ResponseDecoder.Limits()
        limits.maxHeaderCount = 2
        decoder = HTTP1ResponseDecoder(limits: limits)
        buffer = ByteBuffer(H.crlf("HTTP/1.1 200 OK\nA: 1\nB: 2\nC: 3\n\n"))
        #expect(H.error { _ = try decoder.next(&buffer) } == .headersTooLarge)
    }
}
