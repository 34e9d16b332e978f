// SPDX-License-Identifier: Apache-2.0
// The key sequence that detaches a client from a container's stdin without stopping it: `ctrl-p,ctrl-q`
// by default, or `--detach-keys` as `ctrl-<c>` / single characters separated by commas (dockerd's syntax).

/// A parsed detach sequence and the matcher that watches stdin for it.
struct DetachKeys {
    /// The byte sequence.
    let sequence: [UInt8]
    private var matched = 0

    /// ctrl-p, ctrl-q.
    static let standard = DetachKeys(sequence: [16, 17])

    init(sequence: [UInt8]) { self.sequence = sequence }

    /// Parses `ctrl-p,ctrl-q`-style text with dockerd's message on error; empty gives the default.
    static func parse(_ text: String?) throws(APIError) -> DetachKeys {
        guard let text, !text.isEmpty else { return .standard }
        var bytes: [UInt8] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let key = Array(part.utf8)
            if key.count == 1 {
                bytes.append(key[0])
            } else if part.lowercased().hasPrefix("ctrl-"), key.count == 6 {
                switch key[5] {
                case UInt8(ascii: "a")...UInt8(ascii: "z"): bytes.append(key[5] - UInt8(ascii: "a") + 1)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(key[5] - UInt8(ascii: "A") + 1)
                case UInt8(ascii: "@"): bytes.append(0)
                case UInt8(ascii: "["): bytes.append(27)
                case UInt8(ascii: "\\"): bytes.append(28)
                case UInt8(ascii: "]"): bytes.append(29)
                case UInt8(ascii: "^"): bytes.append(30)
                case UInt8(ascii: "_"): bytes.append(31)
                default: throw .badRequest("Invalid detach keys (\(text)) provided")
                }
            } else {
                throw .badRequest("Invalid detach keys (\(text)) provided")
            }
        }
        return DetachKeys(sequence: bytes)
    }

    /// Feeds client bytes; returns what to pass on and whether the sequence was completed (detach).
    /// Bytes that may begin the sequence are held back until it is clear they do not complete it.
    mutating func filter(_ input: ArraySlice<UInt8>) -> (pass: [UInt8], detach: Bool) {
        guard !sequence.isEmpty else { return (Array(input), false) }
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        for byte in input {
            if byte == sequence[matched] {
                matched += 1
                if matched == sequence.count { return (out, true) }
            } else {
                out += sequence[..<matched]
                matched = 0
                if byte == sequence[0] {
                    matched = 1
                    if matched == sequence.count { return (out, true) }
                } else {
                    out.append(byte)
                }
            }
        }
        return (out, false)
    }
}
