// SPDX-License-Identifier: Apache-2.0
// Time formats the Engine API uses: RFC 3339 with nanoseconds, as Go's time.RFC3339Nano prints.

import Glibc
import HTTPClient

/// Formatting of Unix times the way Go prints them.
public enum Timestamps {
    /// `2006-01-02T15:04:05Z` for whole seconds (UTC).
    public static func rfc3339(seconds: Int64) -> String { rfc3339(nanos: seconds * 1_000_000_000) }

    /// `2006-01-02T15:04:05.999999999Z` (UTC, trailing zeros of the fraction dropped, as Go's RFC3339Nano).
    public static func rfc3339(nanos: Int64) -> String {
        var seconds = time_t(nanos / 1_000_000_000)
        let fraction = nanos % 1_000_000_000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
        text += "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
        if fraction > 0 {
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses RFC 3339 (`2024-01-02T03:04:05.123Z`, `…+02:00`) to Unix seconds; nil if malformed.
    public static func unixSeconds(rfc3339 text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int32? {
            guard start + length <= bytes.count else { return nil }
            var value: Int32 = 0
            for byte in bytes[start..<(start + length)] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int32(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        var seconds = Int64(timegm(&parts))
        // Skip a fraction, then apply a numeric zone offset.
        var index = 19
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")),
            let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
        {
            let offset = Int64(hours) * 3600 + Int64(minutes) * 60
            seconds += bytes[index] == UInt8(ascii: "+") ? -offset : offset
        }
        return seconds
    }
}

extension Timestamps {
    /// A filter or query time as moby's GetTimestamp reads it: a Go duration (`10m`, `1h30m`: that long
    /// before `now`), Unix seconds with an optional fraction, or RFC 3339. Unix nanoseconds; nil when malformed.
    public static func filterTime(_ text: String, now: Int64) -> Int64? {
        if text.last.map({ !$0.isNumber }) == true, let duration = try? GoDuration.nanoseconds(text) { return now - duration }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if let seconds = Int64(parts[0]) {
            guard parts.count == 1 || (parts[1].count <= 9 && parts[1].allSatisfy(\.isNumber)) else { return nil }
            let fraction = parts.count == 2 ? Int64(String(parts[1]) + String(repeating: "0", count: 9 - parts[1].count)) ?? 0 : 0
            return seconds * 1_000_000_000 + fraction
        }
        return unixSeconds(rfc3339: text).map { $0 * 1_000_000_000 }
    }
}
