// SPDX-License-Identifier: Apache-2.0
// Feeds bytes to HTTP1ResponseDecoder in pieces of chosen sizes and collects whole messages.

import HTTPClient
import HTTPCore

/// One decoded response, flattened for comparison.
struct DecodedMessage: Equatable {
    var status: Int
    var headers: [String]
    var body: [UInt8] = []
    var trailers: [String] = []
    var isComplete = false
}

enum DecoderHarness {
    /// Decodes `bytes` fed in `pieces` (sizes cycle); `eof` calls `finish` at the end.
    static func decode(
        _ bytes: [UInt8], method: String = "GET", pieces: [Int] = [Int.max], eof: Bool = false
    ) throws -> [DecodedMessage] {
        var decoder = HTTP1ResponseDecoder()
        decoder.expectResponse(toMethod: method)
        var buffer = ByteBuffer()
        var messages: [DecodedMessage] = []
        var offset = 0
        var turn = 0
        func drain(_ event: HTTP1ResponseDecoder.Event) {
            switch event {
            case .head(let head):
                messages.append(DecodedMessage(status: head.status.code, headers: head.headers.map { "\($0.name): \($0.value)" }))
            case .body(let piece):
                messages[messages.count - 1].body += piece
            case .end(let trailers):
                messages[messages.count - 1].trailers = trailers.map { "\($0.name): \($0.value)" }
                messages[messages.count - 1].isComplete = true
            }
        }
        repeat {
            let size = pieces[turn % pieces.count]
            turn += 1
            let end = size >= bytes.count - offset ? bytes.count : offset + size
            buffer.append(bytes[offset..<end])
            offset = end
            while let event = try decoder.next(&buffer) { drain(event) }
        } while offset < bytes.count
        if eof { while let event = try decoder.finish(&buffer) { drain(event) } }
        return messages
    }

    /// The bytes of `text` with `\n` turned into CRLF.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.replacing("\n", with: "\r\n").utf8)
    }

    /// The error `body` throws, if it is an `HTTPClientError`.
    static func error(_ body: () throws -> Void) -> HTTPClientError? {
        do {
            try body()
            return nil
        } catch let error as HTTPClientError {
            return error
        } catch {
            return nil
        }
    }
}
