// SPDX-License-Identifier: Apache-2.0
// Pure parsers for cgroup v1/v2 control-file text and /proc/stat.

/// Parsers over file text; none touches the filesystem.
public enum CgroupStatParser {
    /// A single number (`memory.usage_in_bytes`, `pids.current`, …); nil for anything else.
    public static func number(_ text: String) -> UInt64? {
        UInt64(SystemFile.trimmed(text))
    }

    /// A limit that may read `max` (v2 `memory.max`, `pids.max`): `.some(nil)` for `max`, nil when unparseable.
    public static func limit(_ text: String) -> UInt64?? {
        let value = SystemFile.trimmed(text)
        if value == "max" { return .some(nil) }
        guard let number = UInt64(value) else { return nil }
        return .some(number)
    }

    /// `key value` lines (`memory.stat`, `cpu.stat`, `cpuacct.stat`); lines that do not parse are skipped.
    public static func keyedValues(_ text: String) -> [String: UInt64] {
        var values: [String: UInt64] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, let value = UInt64(fields[1]) else { continue }
            values[String(fields[0])] = value
        }
        return values
    }

    /// Space-separated numbers (`cpuacct.usage_percpu`).
    public static func numbers(_ text: String) -> [UInt64] {
        text.split(whereSeparator: \.isWhitespace).compactMap { UInt64($0) }
    }

    /// v1 blkio recursive files: `major:minor Op value` lines; `Total value` and malformed lines are dropped.
    public static func blkioEntries(_ text: String) -> [CgroupBlkioEntry] {
        var entries: [CgroupBlkioEntry] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 3, let device = device(fields[0]), let value = UInt64(fields[2]) else { continue }
            entries.append(CgroupBlkioEntry(major: device.major, minor: device.minor, op: String(fields[1]), value: value))
        }
        return entries
    }

    /// v2 `io.stat`: `major:minor key=value …` lines.
    public static func ioStat(_ text: String) -> [CgroupIOStatEntry] {
        var entries: [CgroupIOStatEntry] = []
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first, let device = device(first) else { continue }
            var counters: [String: UInt64] = [:]
            for field in fields.dropFirst() {
                let pair = field.split(separator: "=", maxSplits: 1)
                if pair.count == 2, let value = UInt64(pair[1]) { counters[String(pair[0])] = value }
            }
            entries.append(CgroupIOStatEntry(major: device.major, minor: device.minor, counters: counters))
        }
        return entries
    }

    /// `major:minor` → numbers.
    static func device(_ field: Substring) -> (major: UInt64, minor: UInt64)? {
        let parts = field.split(separator: ":")
        guard parts.count == 2, let major = UInt64(parts[0]), let minor = UInt64(parts[1]) else { return nil }
        return (major, minor)
    }

    /// Host CPU time in ns from /proc/stat as dockerd computes it (moby `getSystemCPUUsage`): the first seven
    /// fields of the `cpu ` line (user, nice, system, idle, iowait, irq, softirq; steal and guest left out)
    /// summed, × 1e9 / `clockTicks`. Nil when there is no such line or `clockTicks` is 0.
    public static func systemCPUUsage(procStat text: String, clockTicks: UInt64) -> UInt64? {
        guard clockTicks > 0 else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("cpu ") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(7)
            guard fields.count == 7 else { return nil }
            var ticks: UInt64 = 0
            for field in fields {
                guard let value = UInt64(field) else { return nil }
                ticks += value
            }
            return ticks.multipliedReportingOverflow(by: 1_000_000_000).overflow
                ? ticks / clockTicks * 1_000_000_000 : ticks * 1_000_000_000 / clockTicks
        }
        return nil
    }
}
