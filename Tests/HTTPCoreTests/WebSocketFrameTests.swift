// SPDX-License-Identifier: Apache-2.0
// RFC 6455 pieces: the accept key of the RFC's own example, server frames of each length form, and
// client frames (masked, split across reads, too large, unmasked).

import Testing

@testable import HTTPCore

@Suite struct WebSocketFrameTests {
    @Test func acceptKeyOfTheRFCExample() {
        #expect(WebSocket.acceptKey(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func serverFramesUseTheShortestLength() {
        #expect(WebSocket.frame(.binary, [1, 2]) == [0x82, 2, 1, 2])
        let medium = WebSocket.frame(.text, [UInt8](repeating: 7, count: 300))
        #expect(Array(medium.prefix(4)) == [0x81, 126, 1, 44] && medium.count == 304)
        let large = WebSocket.frame(.binary, [UInt8](repeating: 0, count: 70_000))
        #expect(Array(large.prefix(10)) == [0x82, 127, 0, 0, 0, 0, 0, 1, 0x11, 0x70])
    }

    /// A masked client frame as a browser sends it.
    private func clientFrame(_ payload: [UInt8], opcode: UInt8 = 2, mask: [UInt8] = [1, 2, 3, 4]) -> [UInt8] {
        [0x80 | opcode, 0x80 | UInt8(payload.count)] + mask + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
    }

    @Test func clientFramesAreUnmaskedAndMayArriveInPieces() throws {
        let whole = clientFrame(Array("hi there".utf8)) + clientFrame([], opcode: 8)
        var buffer = Array(whole.prefix(5))
        #expect(try WebSocket.nextFrame(&buffer) == nil)
        buffer += whole.dropFirst(5)
        #expect(try WebSocket.nextFrame(&buffer) == WebSocket.Frame(final: true, opcode: 2, payload: Array("hi there".utf8)))
        #expect(try WebSocket.nextFrame(&buffer)?.opcode == 8)
        #expect(buffer.isEmpty)
    }

    @Test func unmaskedAndOversizedFramesAreRefused() {
        var unmasked: [UInt8] = [0x82, 1, 9]
        #expect(throws: HTTPParseError.self) { try WebSocket.nextFrame(&unmasked) }
        var huge: [UInt8] = [0x82, 0x80 | 127, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4]
        #expect(throws: HTTPParseError.self) { try WebSocket.nextFrame(&huge, maxPayload: 1024) }
    }
}
