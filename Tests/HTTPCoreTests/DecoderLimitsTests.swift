// SPDX-License-Identifier: Apache-2.0
// HTTP1RequestDecoder size limits: request line (414), header block and header count (431).

import Testing

@testable import HTTPCore

@Suite struct DecoderLimitsTests {
    @Test func errorsCarryTheirStatus() {
        #expect(HTTPParseError.badRequest("x").status.code == 400)
        #expect(HTTPParseError.uriTooLong.status.code == 414)
        #expect(HTTPParseError.headersTooLarge.status.code == 431)
        #expect(HTTPParseError.payloadTooLarge.status.code == 413)
        #expect(HTTPParseError.unexpectedEOF.status.code == 400)
        #expect(HTTPParseError.badRequest("why").detail == "why")
    }

    @Test func requestLineAtTheLimitIsAccepted() throws {
        // "GET /aaaaaa HTTP/1.1" is 20 bytes. Regression: byte by byte, the CR after a line of
        // exactly the limit was counted as part of the line and the request refused with 414.
        let input = "GET /aaaaaa HTTP/1.1\r\n\r\n"
        for cut in [Cut.whole, .bytewise] {
            let run = try decode(input, cut: cut, limits: limits(requestLine: 20))
            #expect(run.steps == [.head("GET /aaaaaa HTTP/1.1"), .end], "cut: \(cut)")
        }
    }

    @Test func requestLineOverTheLimitIsURITooLong() {
        expectRejected("GET /aaaaaaa HTTP/1.1\r\n\r\n", as: .uriTooLong, limits: limits(requestLine: 20))
        expectRejected("GET /aaaaaaa HTTP/1.1\n\n", as: .uriTooLong, limits: limits(requestLine: 20))
    }

    @Test func longRequestLineFailsBeforeItEnds() {
        // A peer must not be able to make the server buffer an endless request line.
        let input = "GET /" + String(repeating: "a", count: 100)
        #expect(rejection(input, limits: limits(requestLine: 20)) == .uriTooLong)
        #expect(rejection(input, cut: .bytewise, limits: limits(requestLine: 20)) == .uriTooLong)
    }

    @Test func defaultRequestLineLimitIs8KiB() throws {
        let fits = "/" + String(repeating: "a", count: 8 * 1024 - 14)  // "GET " + target + " HTTP/1.1" = 8192
        #expect(try decode("GET \(fits) HTTP/1.1\r\n\r\n").heads.first?.target == fits)
        #expect(rejection("GET \(fits)a HTTP/1.1\r\n\r\n") == .uriTooLong)
    }

    @Test func headerBlockAtTheLimitIsAccepted() throws {
        let input = "GET / HTTP/1.1\r\nX-Pad: " + String(repeating: "p", count: 40) + "\r\n\r\n"
        for cut in [Cut.whole, .bytewise] {
            let run = try decode(input, cut: cut, limits: limits(headerBytes: input.utf8.count))
            #expect(run.steps.last == .end, "cut: \(cut)")
        }
    }

    @Test func headerBlockOverTheLimitIsRejected() {
        // Regression: a complete head arriving in one read was never measured, so the limit only
        // held for heads that trickled in.
        let input = "GET / HTTP/1.1\r\nX-Pad: " + String(repeating: "p", count: 40) + "\r\n\r\n"
        expectRejected(input, as: .headersTooLarge, limits: limits(headerBytes: input.utf8.count - 1))
    }

    @Test func endlessHeaderBlockFailsBeforeItEnds() {
        let input = "GET / HTTP/1.1\r\n" + String(repeating: "X-Pad: 0123456789\r\n", count: 20)
        #expect(rejection(input, limits: limits(headerBytes: 100)) == .headersTooLarge)
        #expect(rejection(input, cut: .bytewise, limits: limits(headerBytes: 100)) == .headersTooLarge)
    }

    @Test func defaultHeaderBlockLimitIs1MiB() throws {
        let pad = String(repeating: "p", count: 1024 * 1024 - 40)
        #expect(try decode("GET / HTTP/1.1\r\nX-Pad: \(pad)\r\n\r\n").heads.count == 1)
        let over = "GET / HTTP/1.1\r\nX-Pad: \(pad)\(String(repeating: "p", count: 100))\r\n\r\n"
        #expect(rejection(over) == .headersTooLarge)
    }

    @Test func headerCountLimit() throws {
        let three = "X-1: a\r\nX-2: b\r\nX-3: c\r\n"
        #expect(try decode("GET / HTTP/1.1\r\n\(three)\r\n", limits: limits(headerCount: 3)).heads.first?.headers.count == 3)
        expectRejected("GET / HTTP/1.1\r\n\(three)X-4: d\r\n\r\n", as: .headersTooLarge, limits: limits(headerCount: 3))
    }

    @Test func defaultHeaderCountLimitIs256() throws {
        let fields = (1...256).map { "X-\($0): v\r\n" }.joined()
        #expect(try decode("GET / HTTP/1.1\r\n\(fields)\r\n").heads.first?.headers.count == 256)
        #expect(rejection("GET / HTTP/1.1\r\n\(fields)X-257: v\r\n\r\n") == .headersTooLarge)
    }
}
