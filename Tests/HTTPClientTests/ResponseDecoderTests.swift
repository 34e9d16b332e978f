// SPDX-License-Identifier: Apache-2.0
// Framing of responses: Content-Length, chunked (split at every byte), until close, bodiless responses.

import HTTPClient
import HTTPCore
import Testing

@Suite struct ResponseDecoderTests {
    typealias H = DecoderHarness

    @Test func contentLengthBody() throws {
        let bytes = H.crlf("HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 5\n\nhello")
        let messages = try H.decode(bytes)
        #expect(
            messages == [
                DecodedMessage(
                    status: 200, headers: ["Content-Type: text/plain", "Content-Length: 5"], body: Array("hello".utf8), isComplete: true)
            ])
    }

    @Test func contentLengthSplitAtEveryByte() throws {
        let bytes = H.crlf("HTTP/1.1 201 Created\nContent-Length: 11\n\nhello world")
        let whole = try H.decode(bytes)
        #expect(try H.decode(bytes, pieces: [1]) == whole)
        for split in 1..<bytes.count {
            #expect(try H.decode(bytes, pieces: [split, Int.max]) == whole)
        }
    }

    @Test func twoResponsesBackToBack() throws {
        let bytes = H.crlf("HTTP/1.1 200 OK\nContent-Length: 2\n\nabHTTP/1.1 404 Not Found\nContent-Length: 0\n\n")
        let messages = try H.decode(bytes, pieces: [3])
        #expect(messages.map(\.status) == [200, 404])
        #expect(messages.map(\.body) == [Array("ab".utf8), []])
        #expect(messages.allSatisfy { $0.isComplete })
    }

    @Test func chunkedWithTrailersSplitAtEveryByte() throws {
        let text = "HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n5\nhello\n6;name=value\n world\n0\nX-Checksum: abc\n\n"
        let bytes = H.crlf(text)
        let whole = try H.decode(bytes)
        #expect(whole.count == 1)
        #expect(whole.first?.body == Array("hello world".utf8))
        #expect(whole.first?.trailers == ["X-Checksum: abc"])
        #expect(whole.first?.isComplete == true)
        #expect(try H.decode(bytes, pieces: [1]) == whole)
        for split in 1..<bytes.count {
            #expect(try H.decode(bytes, pieces: [split, Int.max]) == whole)
        }
    }

    @Test func chunkedUppercaseHexAndBareLF() throws {
        let bytes = Array("HTTP/1.1 200 OK\nTransfer-Encoding: Chunked\n\nA\n0123456789\n0\n\n".utf8)
        #expect(try H.decode(bytes).first?.body == Array("0123456789".utf8))
    }

    @Test func untilCloseBody() throws {
        let bytes = H.crlf("HTTP/1.0 200 OK\nContent-Type: text/plain\n\nsome data") + Array(" and more".utf8)
        let open = try H.decode(bytes, pieces: [4])
        #expect(open.first?.isComplete == false)
        let closed = try H.decode(bytes, pieces: [4], eof: true)
        #expect(closed.first?.body == Array("some data and more".utf8))
        #expect(closed.first?.isComplete == true)
    }

    @Test func headResponseHasNoBody() throws {
        let bytes = H.crlf("HTTP/1.1 200 OK\nContent-Length: 1234\n\nHTTP/1.1 204 No Content\n\n")
        let messages = try H.decode(bytes, method: "HEAD")
        #expect(messages.count == 2)
        #expect(messages.allSatisfy { $0.body.isEmpty && $0.isComplete })
    }

    @Test func noContentAndNotModifiedHaveNoBody() throws {
        for code in ["204 No Content", "304 Not Modified"] {
            let bytes = H.crlf("HTTP/1.1 \(code)\nContent-Length: 10\n\n")
            let messages = try H.decode(bytes, eof: true)
            #expect(messages.count == 1 && messages[0].isComplete && messages[0].body.isEmpty)
        }
    }

    @Test func informationalResponsesAreSkipped() throws {
        let bytes = H.crlf("HTTP/1.1 100 Continue\n\nHTTP/1.1 103 Early Hints\nLink: </a>\n\nHTTP/1.1 200 OK\nContent-Length: 1\n\nx")
        let messages = try H.decode(bytes, pieces: [1])
        #expect(messages.map(\.status) == [200])
    }

    @Test func switchingProtocolsLeavesTheRestUnread() throws {
        var decoder = HTTP1ResponseDecoder()
        var buffer = ByteBuffer(
            H.crlf("HTTP/1.1 101 UPGRADED\nConnection: Upgrade\nUpgrade: tcp\n\n") + [1, 0, 0, 0, 0, 0, 0, 2, 104, 105])
        guard case .head(let head) = try decoder.next(&buffer) else {
            Issue.record("no head")
            return
        }
        #expect(head.status.code == 101)
        #expect(decoder.isUpgraded)
        #expect(try decoder.next(&buffer) == nil)
        #expect(buffer.readableCount == 10)
    }

    @Test func reasonPhraseMayBeEmptyOrMissing() throws {
        #expect(try H.decode(H.crlf("HTTP/1.1 200 \nContent-Length: 0\n\n")).first?.status == 200)
        #expect(try H.decode(H.crlf("HTTP/1.1 500\nContent-Length: 0\n\n")).first?.status == 500)
    }
}

@Suite struct ResponseDecoderKeepAliveTests {
    /// The second response arrives after the buffer was drained and compacted; the head scan must
    /// not resume from a stale offset (a bug the request decoder had).
    @Test func secondShorterResponseAfterCompaction() throws {
        var decoder = HTTP1ResponseDecoder()
        var buffer = ByteBuffer()
        buffer.append(DecoderHarness.crlf("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 2\n\n{}"))
        var ends = 0
        while let event = try decoder.next(&buffer) { if case .end = event { ends += 1 } }
        #expect(ends == 1)
        #expect(try decoder.next(&buffer) == nil)
        buffer.append(DecoderHarness.crlf("HTTP/1.1 204 No Content\n\n"))
        guard case .head(let head) = try decoder.next(&buffer) else {
            Issue.record("second head not found")
            return
        }
        #expect(head.status.code == 204)
    }
}
