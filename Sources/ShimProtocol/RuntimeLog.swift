// SPDX-License-Identifier: Apache-2.0
// Reads the OCI runtime's `--log-format json` file: one object per line, {"level":…,"msg":…,"time":…}.
// The shim reports the runtime's own words (the daemon maps "executable file not found" to 127), so
// it needs only the last error's "msg", decoded from its JSON string escapes.

/// The runtime's JSON log.
public enum RuntimeLog {
    /// The "msg" of the last `"level":"error"` line in `text` (or of the last line with a msg when no
    /// line says error); nil when none has one.
    public static func lastErrorMessage(_ text: [UInt8]) -> String? {
        var lastError: String?
        var lastAny: String?
        for line in text.split(separator: UInt8(ascii: "\n")) {
            guard let message = stringField("msg", in: Array(line)) else { continue }
            lastAny = message
            if stringField("level", in: Array(line)) == "error" { lastError = message }
        }
        return lastError ?? lastAny
    }

    /// The value of the string field `name` in one JSON object line; nil when absent or not a string.
    static func stringField(_ name: String, in line: [UInt8]) -> String? {
        let key = Array("\"\(name)\":".utf8)
        guard let start = firstIndex(of: key, in: line) else { return nil }
        var index = start + key.count
        while index < line.count && line[index] == UInt8(ascii: " ") { index += 1 }
        guard index < line.count && line[index] == UInt8(ascii: "\"") else { return nil }
        return decodeString(line, from: index + 1)
    }

    /// Decodes a JSON string body starting after its opening quote.
    private static func decodeString(_ line: [UInt8], from start: Int) -> String? {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        func flushBytes() {
            scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        var index = start
        while index < line.count {
            let byte = line[index]
            if byte == UInt8(ascii: "\"") {
                flushBytes()
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\"), index + 1 < line.count else {
                bytes.append(byte)
                index += 1
                continue
            }
            let escape = line[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): bytes.append(10)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "r"): bytes.append(13)
            case UInt8(ascii: "b"): bytes.append(8)
            case UInt8(ascii: "f"): bytes.append(12)
            case UInt8(ascii: "u"):
                guard index + 4 <= line.count, let code = UInt32(String(decoding: line[index..<(index + 4)], as: UTF8.self), radix: 16)
                else { return nil }
                index += 4
                flushBytes()
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: bytes.append(escape)
            }
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
