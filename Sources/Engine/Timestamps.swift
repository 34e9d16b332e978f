// SPDX-License-Identifier: Apache-2.0
// Time formats the Engine API uses: RFC 3339 with nanoseconds, as Go's time.RFC3339Nano prints.

import Glibc

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
}
