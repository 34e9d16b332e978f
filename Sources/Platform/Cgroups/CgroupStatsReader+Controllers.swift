// SPDX-License-Identifier: Apache-2.0
// Per-controller reads for `CgroupStatsReader`: memory, cpu and blkio on v1, memory and cpu on v2.

extension CgroupStatsReader {
    /// v1 memory: usage, limit, peak, failcnt and `memory.stat`.
    static func memoryV1(_ dir: String) throws(Errno) -> CgroupMemoryStats {
        var memory = CgroupMemoryStats()
        memory.usage = try number("\(dir)/memory.usage_in_bytes")
        memory.limit = try number("\(dir)/memory.limit_in_bytes")
        memory.maxUsage = optionalNumber("\(dir)/memory.max_usage_in_bytes")
        memory.failcnt = optionalNumber("\(dir)/memory.failcnt")
        memory.stat = CgroupStatParser.keyedValues(try CgroupFile.read("\(dir)/memory.stat"))
        return memory
    }

    /// v2 memory: `memory.current`, `memory.max` and `memory.stat`.
    static func memoryV2(_ dir: String) throws(Errno) -> CgroupMemoryStats {
        var memory = CgroupMemoryStats()
        memory.usage = try number("\(dir)/memory.current")
        memory.limit = try limit("\(dir)/memory.max")
        memory.stat = CgroupStatParser.keyedValues(try CgroupFile.read("\(dir)/memory.stat"))
        return memory
    }

    /// v1 cpu: totals from `cpuacct` (user/system ticks from `cpuacct.stat` converted to ns, as runc does),
    /// throttling from `cpu.stat`. Nil when neither controller is mounted.
    func cpuV1() throws(Errno) -> CgroupCPUStats? {
        let cpuacct = paths.directory(for: "cpuacct")
        let cpu = paths.directory(for: "cpu")
        guard cpuacct != nil || cpu != nil else { return nil }
        var stats = CgroupCPUStats()
        if let cpuacct {
            stats.totalUsage = try Self.number("\(cpuacct)/cpuacct.usage")
            stats.perCPUUsage = CgroupFile.readIfPresent("\(cpuacct)/cpuacct.usage_percpu").map(CgroupStatParser.numbers) ?? []
            let ticks = CgroupFile.readIfPresent("\(cpuacct)/cpuacct.stat").map(CgroupStatParser.keyedValues) ?? [:]
            stats.userUsage = (ticks["user"] ?? 0) * 1_000_000_000 / clockTicks
            stats.kernelUsage = (ticks["system"] ?? 0) * 1_000_000_000 / clockTicks
        }
        if let cpu, let text = CgroupFile.readIfPresent("\(cpu)/cpu.stat") {
            let values = CgroupStatParser.keyedValues(text)
            stats.periods = values["nr_periods"] ?? 0
            stats.throttledPeriods = values["nr_throttled"] ?? 0
            stats.throttledTime = values["throttled_time"] ?? 0
        }
        return stats
    }

    /// v2 cpu: everything from `cpu.stat` (µs → ns); always present in a v2 group.
    static func cpuV2(_ dir: String) throws(Errno) -> CgroupCPUStats {
        let values = CgroupStatParser.keyedValues(try CgroupFile.read("\(dir)/cpu.stat"))
        var stats = CgroupCPUStats()
        stats.totalUsage = (values["usage_usec"] ?? 0) * 1000
        stats.userUsage = (values["user_usec"] ?? 0) * 1000
        stats.kernelUsage = (values["system_usec"] ?? 0) * 1000
        stats.periods = values["nr_periods"] ?? 0
        stats.throttledPeriods = values["nr_throttled"] ?? 0
        stats.throttledTime = (values["throttled_usec"] ?? 0) * 1000
        return stats
    }

    /// v1 blkio: the first of the CFQ, BFQ and throttle file pairs that has entries (runc's order).
    static func blkioV1(_ dir: String) -> CgroupBlkioStats {
        var stats = CgroupBlkioStats()
        for prefix in ["blkio.", "blkio.bfq.", "blkio.throttle."] {
            let bytes = CgroupFile.readIfPresent("\(dir)/\(prefix)io_service_bytes_recursive").map(CgroupStatParser.blkioEntries) ?? []
            let serviced = CgroupFile.readIfPresent("\(dir)/\(prefix)io_serviced_recursive").map(CgroupStatParser.blkioEntries) ?? []
            if !bytes.isEmpty || !serviced.isEmpty {
                stats.serviceBytes = bytes
                stats.serviced = serviced
                break
            }
        }
        return stats
    }
}
