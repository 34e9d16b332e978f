// SPDX-License-Identifier: Apache-2.0
// Durations written as Go's time.ParseDuration reads them (`90s`, `1h30m`, `1.5h`, `300ms`), plus `d`
// for days as a convenience; used for client timeouts and `--expires` style flags.

/// Parses Go-style duration strings.
public enum GoDuration {
    /// A string that is not a duration; the message matches Go's `time: invalid duration "x"`.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The text that failed to parse.
        public let text: String
        /// Wraps the text that failed.
        public init(text: String) { self.text = text }
        /// `time: invalid duration "<text>"`.
        public var description: String { "time: invalid duration \"\(text)\"" }
    }

    private static let units: [(String, Int64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000), ("d", 86_400_000_000_000),
    ]

    /// The duration in nanoseconds: an optional sign, then one or more `<number><unit>` (units ns, us,
    /// µs, ms, s, m, h, d; numbers may have a fraction), or a bare `0`. Overflow is an error.
    public static func nanoseconds(_ text: String) throws(ParseError) -> Int64 {
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return 0 }
        guard !rest.isEmpty else { throw ParseError(text: text) }
        var total: Int64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix { $0.isASCII && $0.isNumber }
            rest = rest[whole.endIndex...]
            var fraction = Substring("")
            if rest.first == "." {
                fraction = rest.dropFirst().prefix { $0.isASCII && $0.isNumber }
                rest = rest[fraction.endIndex...]
            }
            guard !whole.isEmpty || !fraction.isEmpty else { throw ParseError(text: text) }
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest[unitText.endIndex...]
            guard let unit = units.first(where: { $0.0 == unitText })?.1 else { throw ParseError(text: text) }
            guard let value = Int64(whole.isEmpty ? "0" : whole) else { throw ParseError(text: text) }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: unit)
            guard !overflow else { throw ParseError(text: text) }
            var part = scaled
            if !fraction.isEmpty, let digits = Double("0." + fraction) {
                part += Int64((digits * Double(unit)).rounded(.towardZero))
            }
            let (sum, sumOverflow) = total.addingReportingOverflow(part)
            guard !sumOverflow, sum >= 0 else { throw ParseError(text: text) }
            total = sum
        }
        return negative ? -total : total
    }

    /// The duration in seconds (fractional).
    public static func seconds(_ text: String) throws(ParseError) -> Double {
        Double(try nanoseconds(text)) / 1_000_000_000
    }
}
