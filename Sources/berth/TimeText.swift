// SPDX-License-Identifier: Apache-2.0
// Reading the daemon's RFC 3339 times and showing them as the docker CLI does ("2 hours ago").

import Glibc

/// RFC 3339 timestamps (`2006-01-02T15:04:05.999Z`, or with a `±hh:mm` offset).
enum RFC3339 {
    /// Unix seconds, or nil when `text` is not RFC 3339; the fraction is dropped.
    static func seconds(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84 || bytes[10] == 116,
            bytes[13] == 58, bytes[16] == 58
        else { return nil }
        func number(_ start: Int, _ count: Int) -> Int32? { Int32(String(decoding: bytes[start..<start + count], as: UTF8.self)) }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var index = 19
        if bytes[index] == 46 {
            index += 1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        }
        var offset: Int64 = 0
        if index == bytes.count - 1, bytes[index] == 90 || bytes[index] == 122 {
            offset = 0
        } else if index == bytes.count - 6, bytes[index] == 43 || bytes[index] == 45, bytes[index + 3] == 58,
            let hours = number(index + 1, 2), let minutes = number(index + 4, 2)
        {
            offset = Int64(hours) * 3600 + Int64(minutes) * 60
            if bytes[index] == 45 { offset = -offset }
        } else {
            return nil
        }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        return Int64(timegm(&parts)) - offset
    }

    /// The current Unix time in seconds.
    static var now: Int64 { Int64(time(nil)) }
}

/// Durations in words, as Go's `units.HumanDuration` (docker ps's CREATED column) writes them.
enum HumanDuration {
    /// "Less than a second", "About a minute", "3 hours", "2 weeks", …
    static func text(seconds: Int64) -> String {
        let minutes = seconds / 60
        let hours = Int64((Double(seconds) / 3600).rounded())
        switch seconds {
        case ..<1: return "Less than a second"
        case 1: return "1 second"
        case ..<60: return "\(seconds) seconds"
        case _ where minutes == 1: return "About a minute"
        case _ where minutes < 60: return "\(minutes) minutes"
        case _ where hours == 1: return "About an hour"
        case _ where hours < 48: return "\(hours) hours"
        case _ where hours < 24 * 7 * 2: return "\(hours / 24) days"
        case _ where hours < 24 * 30 * 2: return "\(hours / 24 / 7) weeks"
        case _ where hours < 24 * 365 * 2: return "\(hours / 24 / 30) months"
        default: return "\(hours / 24 / 365) years"
        }
    }

    /// "5 minutes ago" for a past time, "in 5 minutes" for a future one; the raw text if unparsable.
    static func relative(_ timestamp: String, now: Int64) -> String {
        guard let then = RFC3339.seconds(timestamp) else { return timestamp }
        return then <= now ? "\(text(seconds: now - then)) ago" : "in \(text(seconds: then - now).lowercasedFirst)"
    }
}

extension String {
    /// The string with its first letter in lower case ("About an hour" → "about an hour").
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
