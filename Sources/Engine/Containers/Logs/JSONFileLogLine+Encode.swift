// SPDX-License-Identifier: Apache-2.0
// Writing a json-file log line byte-for-byte as dockerd does: Go's string escaping with HTML-safe
// `<` `>` `&`, U+2028/U+2029 escaped, and each invalid UTF-8 byte replaced by \ufffd.

extension JSONFileLogLine {
    /// `{"log":"…","stream":"stdout","time":"…"}` plus "\n", the line the shim appends for one entry.
    public static func encode(_ entry: LogEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entry.message.count + 72)
        append(entry, to: &out)
        return out
    }

    /// Appends the `encode(_:)` line to `out`.
    public static func append(_ entry: LogEntry, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"log":""#.utf8)
        entry.message.withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        out.append(contentsOf: #"","stream":""#.utf8)
        out.append(contentsOf: entry.stream.rawValue.utf8)
        out.append(contentsOf: #"","time":""#.utf8)
        RFC3339Nano.append(entry.timestamp, to: &out)
        out.append(contentsOf: "\"}\n".utf8)
    }

    /// Appends `bytes` as the inside of a JSON string, escaped as Go's encoding/json does.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        var index = 0
        var runStart = 0
        func flush() {
            if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "<")
                    && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&")
                {
                    index += 1
                    continue
                }
                flush()
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), byte])
                case 0x0a: out.append(contentsOf: #"\n"#.utf8)
                case 0x0d: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                default: out.append(contentsOf: #"\u00"#.utf8 + [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]])
                }
                index += 1
                runStart = index
                continue
            }
            let length = validUTF8Length(bytes, at: index)
            if length == 0 {
                flush()
                out.append(contentsOf: #"\ufffd"#.utf8)
                index += 1
                runStart = index
            } else if length == 3 && byte == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break JavaScript string literals.
                flush()
                out.append(contentsOf: #"\u202"#.utf8 + [hex[Int(bytes[index + 2] & 0x0f)]])
                index += 3
                runStart = index
            } else {
                index += length
            }
        }
        flush()
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (Unicode table 3-7), 0 if ill-formed.
    private static func validUTF8Length(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)  // no UTF-16 surrogates
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)  // nothing past U+10FFFF
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        let second = bytes[index + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}
