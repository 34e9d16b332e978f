// SPDX-License-Identifier: Apache-2.0
// Memory totals from /proc/meminfo (proc(5)), for `MemTotal` in `GET /info`.

/// The parsed lines of /proc/meminfo, in bytes (`kB` values are multiplied by 1024).
public struct MemInfo: Sendable, Equatable {
    /// Every line's value by name; `kB` values in bytes, unitless ones (`HugePages_Total`) as given.
    public var values: [String: Int64]

    /// Creates a value from parsed fields.
    public init(values: [String: Int64]) {
        self.values = values
    }

    /// Total usable RAM in bytes (`MemTotal`); 0 when absent.
    public var memTotal: Int64 { values["MemTotal"] ?? 0 }
    /// Memory available for new work without swapping, in bytes (`MemAvailable`).
    public var memAvailable: Int64? { values["MemAvailable"] }
    /// Total swap in bytes (`SwapTotal`).
    public var swapTotal: Int64? { values["SwapTotal"] }

    /// Reads /proc/meminfo.
    public static func current() throws(Errno) -> MemInfo {
        parse(try SystemFile.read("/proc/meminfo"))
    }

    /// Parses meminfo text: lines `Name:   value [kB]`; malformed lines are skipped.
    public static func parse(_ text: String) -> MemInfo {
        var values: [String: Int64] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = SystemFile.trimmed(line[..<colon])
            let parts = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace)
            guard !name.isEmpty, let first = parts.first, let number = Int64(first) else { continue }
            if parts.count > 1 {
                guard parts[1] == "kB" else { continue }
                let (bytes, overflow) = number.multipliedReportingOverflow(by: 1024)
                if overflow { continue }
                values[name] = bytes
            } else {
                values[name] = number
            }
        }
        return MemInfo(values: values)
    }
}
