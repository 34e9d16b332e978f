// SPDX-License-Identifier: Apache-2.0
// RFC 6455 framing for the server side: the handshake's accept key, frames out (unmasked) and frames in
// (masked by the client, possibly fragmented), enough for a duplex byte stream such as attach/ws.

import FoundationEssentials
import Platform

/// WebSocket handshake and frame codec.
public enum WebSocket {
    /// The GUID RFC 6455 appends to the client's key.
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// `Sec-WebSocket-Accept` for a `Sec-WebSocket-Key`.
    public static func acceptKey(for key: String) -> String {
        Data(Crypto.sha1(Array((key + guid).utf8))).base64EncodedString()
    }

    /// Frame opcodes.
    public enum Opcode: UInt8, Sendable {
        /// Continuation of a fragmented message.
        case continuation = 0
        /// UTF-8 text.
        case text = 1
        /// Bytes.
        case binary = 2
        /// Close.
        case close = 8
        /// Ping.
        case ping = 9
        /// Pong.
        case pong = 10
    }

    /// One unmasked, final server frame.
    public static func frame(_ opcode: Opcode, _ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x80 | opcode.rawValue]
        switch payload.count {
        case ..<126: out.append(UInt8(payload.count))
        case ..<65536: out += [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        default:
            out.append(127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8((UInt64(payload.count) >> UInt64(shift)) & 0xff)) }
        }
        return out + payload
    }

    /// A decoded client frame.
    public struct Frame: Equatable, Sendable {
        /// Final fragment of its message.
        public var final: Bool
        /// Opcode (raw: unknown opcodes are the caller's protocol error).
        public var opcode: UInt8
        /// Unmasked payload.
        public var payload: [UInt8]
    }

    /// Takes one complete frame off the front of `buffer`; nil when more bytes are needed.
    /// Throws on frames a server must refuse (unmasked, or absurdly large).
    public static func nextFrame(_ buffer: inout [UInt8], maxPayload: Int = 16 << 20) throws(HTTPParseError) -> Frame? {
        guard buffer.count >= 2 else { return nil }
        let final = buffer[0] & 0x80 != 0
        let opcode = buffer[0] & 0x0f
        guard buffer[1] & 0x80 != 0 else { throw .badRequest("websocket: client frames must be masked") }
        var length = Int(buffer[1] & 0x7f)
        var offset = 2
        if length == 126 {
            guard buffer.count >= 4 else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            offset = 4
        } else if length == 127 {
            guard buffer.count >= 10 else { return nil }
            var value: UInt64 = 0
            for index in 2..<10 { value = value << 8 | UInt64(buffer[index]) }
            guard value <= UInt64(maxPayload) else { throw .badRequest("websocket: frame too large") }
            length = Int(value)
            offset = 10
        }
        guard length <= maxPayload else { throw .badRequest("websocket: frame too large") }
        guard buffer.count >= offset + 4 + length else { return nil }
        let mask = Array(buffer[offset..<offset + 4])
        offset += 4
        var payload = Array(buffer[offset..<offset + length])
        for index in payload.indices { payload[index] ^= mask[index & 3] }
        buffer.removeFirst(offset + length)
        return Frame(final: final, opcode: opcode, payload: payload)
    }
}
