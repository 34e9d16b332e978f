// SPDX-License-Identifier: Apache-2.0
// Pure write plans for `CgroupLimits`: which file gets which value, in which order, on v1 and v2.

extension CgroupLimits {
    /// The v1 writes for `resources`. The kernel keeps `memory.limit_in_bytes` ≤ `memory.memsw.limit_in_bytes`,
    /// so when both change the order depends on the current memory limit (runc `setMemoryAndSwap`): when the new
    /// memory+swap is unlimited or above the current memory limit (raising), memsw is written first; otherwise
    /// (lowering) memory first. Swap is skipped when `hasMemsw` is false (the engine warns, as dockerd does).
    public static func v1Writes(
        _ resources: CgroupResources, currentMemoryLimit: UInt64?, hasMemsw: Bool, hasBlkioWeight: Bool
    ) throws(Errno) -> [CgroupWrite] {
        var writes: [CgroupWrite] = []
        let memory = resources.memory ?? 0
        var swap = resources.memorySwap ?? 0
        // Unlimited memory with swap unset means unlimited memory+swap too (runc).
        if memory == -1 && swap == 0 && hasMemsw { swap = -1 }
        let memoryWrite = CgroupWrite("memory", "memory.limit_in_bytes", String(memory))
        let swapWrite = CgroupWrite("memory", "memory.memsw.limit_in_bytes", String(swap))
        if memory != 0 && swap != 0 && hasMemsw {
            let raising = swap == -1 || (currentMemoryLimit ?? UInt64.max) < UInt64(max(swap, 0))
            writes += raising ? [swapWrite, memoryWrite] : [memoryWrite, swapWrite]
        } else {
            if memory != 0 { writes.append(memoryWrite) }
            if swap != 0 && hasMemsw { writes.append(swapWrite) }
        }
        if let reservation = resources.memoryReservation, reservation != 0 {
            writes.append(CgroupWrite("memory", "memory.soft_limit_in_bytes", String(reservation)))
        }
        if let disable = resources.oomKillDisable {
            writes.append(CgroupWrite("memory", "memory.oom_control", disable ? "1" : "0"))
        }
        if let shares = resources.cpuShares, shares != 0 {
            writes.append(CgroupWrite("cpu", "cpu.shares", String(shares)))
        }
        if let period = resources.cpuPeriod, period != 0 {
            writes.append(CgroupWrite("cpu", "cpu.cfs_period_us", String(period)))
        }
        if let quota = resources.cpuQuota {
            writes.append(CgroupWrite("cpu", "cpu.cfs_quota_us", quota > 0 ? String(quota) : "-1"))
        }
        writes += cpusetWrites(resources)
        if let pids = resources.pidsLimit {
            writes.append(CgroupWrite("pids", "pids.max", pids > 0 ? String(pids) : "max"))
        }
        if let weight = resources.blkioWeight, weight != 0 {
            writes.append(CgroupWrite("blkio", hasBlkioWeight ? "blkio.weight" : "blkio.bfq.weight", String(weight)))
        }
        return writes
    }

    /// The v2 writes for `resources` (one directory; `oomKillDisable` has no v2 file and is ignored).
    public static func v2Writes(_ resources: CgroupResources, hasIOBFQWeight: Bool) throws(Errno) -> [CgroupWrite] {
        var writes: [CgroupWrite] = []
        let memory = resources.memory ?? 0
        if resources.memory != nil || resources.memorySwap != nil,
            let swapMax = try swapMaxV2(memorySwap: resources.memorySwap ?? 0, memory: memory)
        {
            writes.append(CgroupWrite("memory", "memory.swap.max", maxOrNumber(swapMax)))
        }
        if memory != 0 { writes.append(CgroupWrite("memory", "memory.max", maxOrNumber(memory))) }
        if let reservation = resources.memoryReservation, reservation != 0 {
            writes.append(CgroupWrite("memory", "memory.low", maxOrNumber(reservation)))
        }
        if let shares = resources.cpuShares, shares != 0 {
            writes.append(CgroupWrite("cpu", "cpu.weight", String(cpuWeight(shares: shares))))
        }
        // runc: "max" keeps the period when only the quota is cleared; a period alone writes "max <period>".
        if resources.cpuQuota != nil || resources.cpuPeriod != nil {
            var value = "max"
            if let quota = resources.cpuQuota, quota > 0 { value = String(quota) }
            if let period = resources.cpuPeriod, period != 0 { value += " \(period)" }
            writes.append(CgroupWrite("cpu", "cpu.max", value))
        }
        writes += cpusetWrites(resources)
        if let pids = resources.pidsLimit {
            writes.append(CgroupWrite("pids", "pids.max", pids > 0 ? String(pids) : "max"))
        }
        if let weight = resources.blkioWeight, weight != 0 {
            writes.append(
                hasIOBFQWeight
                    ? CgroupWrite("io", "io.bfq.weight", String(weight))
                    : CgroupWrite("io", "io.weight", String(ioWeight(blkioWeight: weight))))
        }
        return writes
    }

    /// `cpuset.cpus` and `cpuset.mems` (same names on v1 and v2).
    static func cpusetWrites(_ resources: CgroupResources) -> [CgroupWrite] {
        var writes: [CgroupWrite] = []
        if let cpus = resources.cpusetCpus, !cpus.isEmpty { writes.append(CgroupWrite("cpuset", "cpuset.cpus", cpus)) }
        if let mems = resources.cpusetMems, !mems.isEmpty { writes.append(CgroupWrite("cpuset", "cpuset.mems", mems)) }
        return writes
    }
}
