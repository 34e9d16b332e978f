// SPDX-License-Identifier: Apache-2.0
// Durations written as Go's time.Duration.String() writes them ("500ms", "1s", "1.5s", "2m0s", "1h0m0s"),
// for dockerd's texts that embed one, e.g. "Health check exceeded timeout (1s)".

/// Go's duration text.
enum GoDurationText {
    /// The text for `nanos` nanoseconds.
    static func text(nanos: Int64) -> String {
        if nanos == 0 { return "0s" }
        let sign = nanos < 0 ? "-" : ""
        let value = nanos.magnitude
        if value < 1_000 { return sign + "\(value)ns" }
        if value < 1_000_000 { return sign + decimal(value, unit: 1_000) + "µs" }
        if value < 1_000_000_000 { return sign + decimal(value, unit: 1_000_000) + "ms" }
        let hours = value / 3_600_000_000_000
        let minutes = value / 60_000_000_000 % 60
        let seconds = decimal(value % 60_000_000_000, unit: 1_000_000_000) + "s"
        if hours > 0 { return sign + "\(hours)h\(minutes)m" + seconds }
        if minutes > 0 { return sign + "\(minutes)m" + seconds }
        return sign + seconds
    }

    /// `value / unit` with the fraction's trailing zeros dropped ("1.5", "2").
    private static func decimal(_ value: UInt64, unit: UInt64) -> String {
        let whole = value / unit
        var fraction = String(value % unit)
        if fraction == "0" { return "\(whole)" }
        let digits = String(unit).count - 1
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(whole).\(fraction)"
    }
}
