// SPDX-License-Identifier: Apache-2.0
// Writes resource limits into a cgroup (container start and `docker update`), v1 and v2, in a safe order.

import Glibc

/// Applies `CgroupResources` to a cgroup: plans the writes (pure, tested without root), then performs them in
/// order, stopping at the first failure. The conversions follow runc (`libcontainer/cgroups/fs`, `fs2`).
public enum CgroupLimits {
    /// Writes `resources` into `paths`' directories. Reads the current v1 memory limit and probes optional files
    /// first. Throws `Errno` naming the file that failed (ENOENT for a v1 controller that is not mounted).
    public static func apply(_ resources: CgroupResources, to paths: CgroupPaths) throws(Errno) {
        let writes: [CgroupWrite]
        switch paths.version {
        case .v1:
            let memory = paths.directory(for: "memory")
            let blkio = paths.directory(for: "blkio")
            var current: UInt64?
            if let memory, resources.memory != nil, resources.memorySwap != nil {
                current = try CgroupStatsReader.number("\(memory)/memory.limit_in_bytes")
            }
            writes = try v1Writes(
                resources, currentMemoryLimit: current,
                hasMemsw: memory.map { CgroupFile.exists("\($0)/memory.memsw.limit_in_bytes") } ?? false,
                hasBlkioWeight: blkio.map { CgroupFile.exists("\($0)/blkio.weight") } ?? false)
        case .v2:
            let dir = paths.unifiedDirectory ?? ""
            writes = try v2Writes(resources, hasIOBFQWeight: CgroupFile.exists("\(dir)/io.bfq.weight"))
        }
        for write in writes {
            guard let dir = paths.directory(for: write.controller) else {
                throw Errno(ENOENT, "cgroup controller \(write.controller) not mounted for \(write.file)")
            }
            try CgroupFile.write(write.value, to: "\(dir)/\(write.file)")
        }
    }

    /// v2 `cpu.weight` from v1 shares, as runc's `ConvertCPUSharesToCgroupV2Value`: 1 + ((shares − 2) × 9999) / 262142;
    /// 0 stays 0 (not set).
    public static func cpuWeight(shares: UInt64) -> UInt64 {
        shares == 0 ? 0 : 1 + ((max(shares, 2) - 2) * 9999) / 262_142
    }

    /// v2 `io.weight` from a blkio weight (10…1000 → 1…10000), as runc's `ConvertBlkIOToIOWeightValue`; 0 stays 0.
    public static func ioWeight(blkioWeight: UInt16) -> UInt64 {
        blkioWeight == 0 ? 0 : 1 + (UInt64(max(blkioWeight, 10)) - 10) * 9999 / 990
    }

    /// v2 `memory.swap.max` from Docker's memory+swap total, as runc's `ConvertMemorySwapToCgroupV2Value`:
    /// -1 = unlimited (also when memory is -1 and swap unset), nil = leave unchanged, otherwise swap − memory.
    public static func swapMaxV2(memorySwap: Int64, memory: Int64) throws(Errno) -> Int64? {
        if memory == -1 && memorySwap == 0 { return -1 }
        if memorySwap == -1 { return -1 }
        if memorySwap == 0 { return nil }
        guard memory > 0 else { throw Errno(EINVAL, "memory.swap.max: unable to set swap limit without memory limit") }
        guard memorySwap >= memory else { throw Errno(EINVAL, "memory.swap.max: memory+swap limit should be >= memory limit") }
        return memorySwap - memory
    }

    /// A byte or count value for v2 files: negative → `max`.
    static func maxOrNumber(_ value: Int64) -> String {
        value < 0 ? "max" : String(value)
    }
}
