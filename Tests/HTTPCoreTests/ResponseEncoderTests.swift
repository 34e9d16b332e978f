// SPDX-License-Identifier: Apache-2.0
// HTTP1ResponseEncoder: exact bytes of heads, chunks and the last chunk (RFC 9112 §4, §6, §7.1).

import Testing

@testable import HTTPCore

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite struct ResponseEncoderTests {
    @Test func headWithContentLength() {
        let head = HTTP1ResponseEncoder.head(
            .ok, ["Content-Type": "application/json", "Api-Version": "1.47"], framing: .length(2), closing: false)
        #expect(text(head) == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.47\r\nContent-Length: 2\r\n\r\n")
    }

    @Test func handlerFramingHeadersAreReplaced() {
        // The encoder alone frames the body: a handler's own Content-Length or Transfer-Encoding
        // would otherwise appear twice or contradict the framing actually used.
        let headers: HTTPHeaders = ["content-length": "99", "X-A": "a", "Transfer-Encoding": "gzip", "CONTENT-LENGTH": "7"]
        let length = text(HTTP1ResponseEncoder.head(.ok, headers, framing: .length(5), closing: false))
        #expect(length == "HTTP/1.1 200 OK\r\nX-A: a\r\nContent-Length: 5\r\n\r\n")
        let chunked = text(HTTP1ResponseEncoder.head(.ok, headers, framing: .chunked, closing: false))
        #expect(chunked == "HTTP/1.1 200 OK\r\nX-A: a\r\nTransfer-Encoding: chunked\r\n\r\n")
        let none = text(HTTP1ResponseEncoder.head(.noContent, headers, framing: .none, closing: false))
        #expect(none == "HTTP/1.1 204 No Content\r\nX-A: a\r\n\r\n")
    }

    @Test func closingAddsConnectionCloseOnce() {
        let added = text(HTTP1ResponseEncoder.head(.badRequest, [:], framing: .length(0), closing: true))
        #expect(added == "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        let present = text(HTTP1ResponseEncoder.head(.ok, ["connection": "Close"], framing: .chunked, closing: true))
        #expect(present == "HTTP/1.1 200 OK\r\nconnection: Close\r\nTransfer-Encoding: chunked\r\n\r\n")
        let open = text(HTTP1ResponseEncoder.head(.ok, [:], framing: .length(0), closing: false))
        #expect(!open.contains("Connection"))
    }

    @Test func statusLineUsesCodeAndReason() {
        #expect(text(HTTP1ResponseEncoder.head(HTTPStatus(code: 101), [:], framing: .none, closing: false)).hasPrefix("HTTP/1.1 101 "))
        #expect(text(HTTP1ResponseEncoder.head(HTTPStatus(599, "Odd"), [:], framing: .none, closing: false)) == "HTTP/1.1 599 Odd\r\n\r\n")
    }

    @Test func chunkFraming() {
        #expect(HTTP1ResponseEncoder.chunk([0x41, 0x00, 0xFF]) == [0x33, 13, 10, 0x41, 0x00, 0xFF, 13, 10])
        let big = [UInt8](repeating: 7, count: 4096)
        #expect(HTTP1ResponseEncoder.chunk(big) == Array("1000\r\n".utf8) + big + [13, 10])
        #expect(text(HTTP1ResponseEncoder.chunk(Array(String(repeating: "z", count: 255).utf8))).hasPrefix("ff\r\nzzz"))
    }

    @Test func lastChunk() {
        #expect(HTTP1ResponseEncoder.lastChunk == Array("0\r\n\r\n".utf8))
    }

    @Test func encodedChunksDecodeBack() throws {
        // Encoder and decoder agree on chunk framing.
        let body =
            HTTP1ResponseEncoder.chunk(Array("hello ".utf8)) + HTTP1ResponseEncoder.chunk(Array(String(repeating: "w", count: 300).utf8))
            + HTTP1ResponseEncoder.lastChunk
        let run = try decode("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + text(body), cut: .bytewise)
        #expect(run.steps.suffix(2) == [.body("hello " + String(repeating: "w", count: 300)), .end])
    }
}
