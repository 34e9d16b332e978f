// SPDX-License-Identifier: Apache-2.0
// The json-file log line, byte for byte as dockerd writes it: {"log":…,"stream":…,"time":…} with
// Go's RFC3339Nano UTC time. Pure byte work (no JSON library), so the shim can use it and tests can
// check it without a container.

/// Encodes json-file log entries.
public enum JSONFileLog {
    /// Appends one entry for `message` (the raw bytes, newline included when the line had one) and a
    /// trailing "\n" to `output`.
    public static func appendEntry(
        _ message: UnsafeRawBufferPointer, stream: StaticString, nanoseconds: Int64, to output: inout [UInt8]
    ) {
        output.append(contentsOf: #"{"log":""#.utf8)
        appendEscaped(message, to: &output)
        output.append(contentsOf: #"","stream":""#.utf8)
        stream.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(contentsOf: #"","time":""#.utf8)
        appendTimestamp(nanoseconds, to: &output)
        output.append(contentsOf: "\"}\n".utf8)
    }

    /// One entry as a String (tests and small callers).
    public static func entry(_ message: [UInt8], stream: StaticString, nanoseconds: Int64) -> String {
        var output: [UInt8] = []
        message.withUnsafeBytes { appendEntry($0, stream: stream, nanoseconds: nanoseconds, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `bytes` as the inside of a JSON string the way dockerd's jsonlog does: `\"`, `\\`, `\n`,
    /// `\r`, `\t`; `\u00XX` for other control characters and for `<`, `>`, `&` (Go's HTML-safe escaping);
    /// `\ufffd` for each byte that is not part of valid UTF-8; `\u2028`/`\u2029` escaped.
    public static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
                case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    output.append(contentsOf: #"\u00"#.utf8)
                    hex.withUTF8Buffer { digits in
                        output.append(digits[Int(byte >> 4)])
                        output.append(digits[Int(byte & 0xf)])
                    }
                default: output.append(byte)
                }
                index += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(bytes, at: index)
            if length == 0 {
                output.append(contentsOf: #"\ufffd"#.utf8)
                index += 1
            } else if length == 3 && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                // U+2028 and U+2029 end lines in JavaScript; Go escapes them.
                output.append(contentsOf: (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8)
                index += 3
            } else {
                output.append(contentsOf: bytes[index..<(index + length)])
                index += length
            }
        }
    }

    /// Appends the time as Go's RFC3339Nano in UTC: `2026-11-29T15:04:05.123456789Z`, trailing zeros of
    /// the fraction dropped (and the dot too when the fraction is zero).
    public static func appendTimestamp(_ nanoseconds: Int64, to output: inout [UInt8]) {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            fraction += 1_000_000_000
            seconds -= 1
        }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        appendDigits(year, width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        appendDigits(secondOfDay / 3600, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay / 60 % 60, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(secondOfDay % 60, width: 2, to: &output)
        if fraction != 0 {
            var width = 9
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            output.append(UInt8(ascii: "."))
            appendDigits(fraction, width: width, to: &output)
        }
        output.append(UInt8(ascii: "Z"))
    }

    /// The timestamp alone as a String.
    public static func timestamp(_ nanoseconds: Int64) -> String {
        var output: [UInt8] = []
        appendTimestamp(nanoseconds, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), by the era method
    /// (400-year cycles of 146 097 days, years counted from March so the leap day is last).
    static func civilDate(daysSinceEpoch: Int64) -> (Int64, Int64, Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func appendDigits(_ value: Int64, width: Int, to output: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        output.append(contentsOf: digits.reversed())
    }
}

/// UTF-8 well-formedness as Go's `utf8.DecodeRune` judges it (no overlongs, surrogates or > U+10FFFF).
enum UTF8Validation {
    /// The length of the valid sequence starting at `index`, or 0 when the byte there starts none.
    static func sequenceLength(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, low) = (3, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, high) = (3, 0x9F)
        case 0xF0: (length, low) = (4, 0x90)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, high) = (4, 0x8F)
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        // Only the second byte has a narrowed range; the rest are plain continuation bytes.
        guard (low...high).contains(bytes[index + 1]) else { return 0 }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) { return 0 }
        return length
    }
}
