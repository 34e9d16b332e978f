// SPDX-License-Identifier: Apache-2.0
// Durations in words as the docker CLI and dockerd's `Status` column write them ("Up 5 seconds",
// "Exited (0) About a minute ago"), following go-units' HumanDuration steps.

/// Go-units style human durations.
enum HumanDuration {
    /// `nanos` in words.
    static func text(nanos: Int64) -> String {
        let seconds = nanos / 1_000_000_000
        if seconds < 1 { return "Less than a second" }
        if seconds == 1 { return "1 second" }
        if seconds < 60 { return "\(seconds) seconds" }
        let minutes = seconds / 60
        if minutes == 1 { return "About a minute" }
        if minutes < 60 { return "\(minutes) minutes" }
        let hours = Int64((Double(nanos) / 3_600_000_000_000).rounded())
        if hours == 1 { return "About an hour" }
        if hours < 48 { return "\(hours) hours" }
        if hours < 24 * 7 * 2 { return "\(hours / 24) days" }
        if hours < 24 * 30 * 2 { return "\(hours / 24 / 7) weeks" }
        if hours < 24 * 365 * 2 { return "\(hours / 24 / 30) months" }
        return "\(hours / 24 / 365) years"
    }
}
