// SPDX-License-Identifier: Apache-2.0
// Turns a `CgroupStats` snapshot into the API's stats sample the way dockerd fills it (moby `statsV1`/`statsV2`).

import Models
import Platform

/// Pure mapping from cgroup counters to `ContainerStats` parts; no I/O, so v1 and v2 are tested from fixtures.
public enum ContainerStatsMapper {
    /// The counters of one sample (no name, id, timestamps or previous CPU figures; the collector adds those).
    /// `hostMemory` caps the memory limit as dockerd does (`machineMemory`): an unlimited group reports the
    /// host's RAM. `oomEvents` is v2's `memory.events` `oom`, which dockerd reports as `failcnt`.
    public static func sample(
        _ cgroup: CgroupStats, version: CgroupLayout.Version, hostMemory: UInt64, oomEvents: UInt64? = nil
    ) -> ContainerStats {
        var stats = ContainerStats()
        stats.cpuStats = cpu(cgroup.cpu, version: version)
        stats.cpuStats.systemCPUUsage = cgroup.systemCPUUsage
        stats.cpuStats.onlineCPUs = UInt32(clamping: cgroup.onlineCPUs)
        if let memory = cgroup.memory {
            stats.memoryStats = self.memory(memory, version: version, hostMemory: hostMemory, oomEvents: oomEvents)
        }
        if let pids = cgroup.pids {
            // Go's omitempty drops zeros; `max` reads as 0 there too.
            stats.pidsStats = PidsStats(current: nonZero(pids.current), limit: pids.limit.flatMap(nonZero))
        }
        if let blkio = cgroup.blkio { stats.blkioStats = self.blkio(blkio, version: version) }
        return stats
    }

    /// CPU usage and throttling; per-CPU figures exist on v1 only.
    static func cpu(_ cpu: CgroupCPUStats?, version: CgroupLayout.Version) -> CPUStats {
        guard let cpu else { return CPUStats() }
        return CPUStats(
            cpuUsage: CPUUsage(
                totalUsage: cpu.totalUsage, percpuUsage: version == .v1 && !cpu.perCPUUsage.isEmpty ? cpu.perCPUUsage : nil,
                usageInKernelmode: cpu.kernelUsage, usageInUsermode: cpu.userUsage),
            throttlingData: ThrottlingData(
                periods: cpu.periods, throttledPeriods: cpu.throttledPeriods, throttledTime: cpu.throttledTime))
    }

    /// Memory counters with dockerd's fixed `stats` key set for the version (keys the kernel lacks read 0).
    static func memory(_ memory: CgroupMemoryStats, version: CgroupLayout.Version, hostMemory: UInt64, oomEvents: UInt64?) -> MemoryStats {
        let keys = version == .v1 ? v1MemoryStatKeys : v2MemoryStatKeys
        var stats: [String: UInt64] = [:]
        for key in keys { stats[key] = memory.stat[key] ?? 0 }
        var limit = memory.limit ?? UInt64.max
        if hostMemory > 0 && limit > hostMemory { limit = hostMemory }
        return MemoryStats(
            usage: nonZero(memory.usage), maxUsage: version == .v1 ? memory.maxUsage.flatMap(nonZero) : nil, stats: stats,
            failcnt: (version == .v1 ? memory.failcnt : oomEvents).flatMap(nonZero), limit: nonZero(limit))
    }

    /// v1: every recursive list present (empty when the kernel has no such file, as dockerd copies them);
    /// v2: `io.stat` bytes as `read`/`write` entries in `io_service_bytes_recursive`, the other lists null.
    static func blkio(_ blkio: CgroupBlkioStats, version: CgroupLayout.Version) -> BlkioStats {
        func entries(_ list: [CgroupBlkioEntry]) -> [BlkioStatEntry] {
            list.map { BlkioStatEntry(major: $0.major, minor: $0.minor, op: $0.op, value: $0.value) }
        }
        switch version {
        case .v1:
            return BlkioStats(
                ioServiceBytesRecursive: entries(blkio.serviceBytes), ioServicedRecursive: entries(blkio.serviced),
                ioQueueRecursive: [], ioServiceTimeRecursive: [], ioWaitTimeRecursive: [], ioMergedRecursive: [],
                ioTimeRecursive: [], sectorsRecursive: [])
        case .v2:
            var bytes: [BlkioStatEntry] = []
            for line in blkio.ioStat {
                bytes.append(BlkioStatEntry(major: line.major, minor: line.minor, op: "read", value: line.counters["rbytes"] ?? 0))
                bytes.append(BlkioStatEntry(major: line.major, minor: line.minor, op: "write", value: line.counters["wbytes"] ?? 0))
            }
            return BlkioStats(ioServiceBytesRecursive: bytes.isEmpty ? nil : bytes)
        }
    }

    /// nil for 0, as Go's `omitempty` leaves the key out.
    static func nonZero(_ value: UInt64) -> UInt64? {
        value == 0 ? nil : value
    }
}
