// SPDX-License-Identifier: Apache-2.0
// v2 `memory.events` counters, which `CgroupStatsReader.read()` leaves out (dockerd reports `oom` as failcnt).

extension CgroupStatsReader {
    /// v2: the `oom` count of `memory.events` (times the group hit `memory.max` and the OOM killer ran
    /// or allocation failed), which dockerd reports as `failcnt`. Nil on v1 or when the file is absent.
    public func memoryOOMEvents() -> UInt64? {
        guard paths.version == .v2, let dir = paths.unifiedDirectory else { return nil }
        return CgroupFile.readIfPresent("\(dir)/memory.events").flatMap { CgroupStatParser.keyedValues($0)["oom"] }
    }
}
