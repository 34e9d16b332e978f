// SPDX-License-Identifier: Apache-2.0
// RFC3339Nano: Go's time.RFC3339Nano on bytes, for the json-file log's "time" field. Civil-date math is
// done by hand (days-from-civil, H. Hinnant's algorithm) so a 100 MB log does not make a million
// timegm/gmtime_r calls.

import ShimProtocol

/// Parsing and formatting of `2006-01-02T15:04:05.999999999Z07:00` times as Unix nanoseconds.
public enum RFC3339Nano {
    /// Parses `2026-11-29T15:04:05.123456789Z` (or `…+01:00`, `…-05:30`); nil if malformed.
    /// More than 9 fraction digits are truncated to nanoseconds; times outside Int64 nanoseconds give nil.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// `parse(_:)` over raw bytes, as the log scanner holds them.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count >= 20 else { return nil }
        func digits(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<(start + count) {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var nanos: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale: Int64 = 100_000_000
            let first = index
            while index < bytes.count {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                nanos += Int64(digit) * scale
                scale /= 10
                index += 1
            }
            guard index > first else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                let hours = digits(index + 1, 2), let minutes = digits(index + 4, 2), hours < 24, minutes < 60
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count else { return nil }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        // Int64 nanoseconds reach only 1677…2262; a time outside that is refused, not trapped on.
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return nil }
        let (total, overflowAgain) = scaled.addingReportingOverflow(nanos)
        return overflowAgain ? nil : total
    }

    /// Formats as UTC with the fraction's trailing zeros dropped (no fraction at all for whole seconds).
    public static func format(_ nanos: Int64) -> String {
        var out: [UInt8] = []
        append(nanos, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the `format(_:)` text to `out` without building a String (the shim's formatter).
    public static func append(_ nanos: Int64, to out: inout [UInt8]) {
        JSONFileLog.appendTimestamp(nanos, to: &out)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shifted = month <= 2 ? year - 1 : year
        let era = (shifted >= 0 ? shifted : shifted - 399) / 400
        let yearOfEra = shifted - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
