// SPDX-License-Identifier: Apache-2.0
// cpuset list syntax (`0-2,5`) as `--cpuset-cpus`/`--cpuset-mems` and the kernel's cpuset files spell it.

/// Parsing and availability checks of cpuset lists (moby `pkg/parsers.ParseUintList`, `sysinfo.isCpusetListAvailable`).
public enum CpusetList {
    /// The numbers in `text`: comma-separated `N` or `N-M` (M ≥ N); `""` is the empty set. Nil when malformed
    /// or when a number exceeds `maximum`.
    public static func parse(_ text: String, maximum: Int = Int.max) -> Set<Int>? {
        var numbers = Set<Int>()
        if text.isEmpty { return numbers }
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count <= 2, let low = Int(bounds[0]), low >= 0, let high = Int(bounds.last ?? ""), high >= low,
                high <= maximum
            else { return nil }
            numbers.formUnion(low...high)
        }
        return numbers
    }

    /// True when every number of `requested` is in `available`; nil when `requested` does not parse. Like
    /// dockerd, numbers up to 8192 (or the largest available one) parse; larger ones are malformed.
    public static func isAvailable(_ requested: String, in available: String) -> Bool? {
        let offered = parse(available) ?? []
        guard let wanted = parse(requested, maximum: max(8192, offered.max() ?? 0)) else { return nil }
        return wanted.isSubset(of: offered)
    }
}
