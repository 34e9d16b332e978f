// SPDX-License-Identifier: Apache-2.0
// CgroupLimits write plans and runc's conversions, without touching a cgroup.

import Glibc
import Testing

@testable import Platform

@Suite struct CgroupLimitsPlanTests {
    let mib: Int64 = 1 << 20

    @Test func conversionsMatchRunc() throws {
        #expect(CgroupLimits.cpuWeight(shares: 1024) == 39)
        #expect(CgroupLimits.cpuWeight(shares: 2) == 1)
        #expect(CgroupLimits.cpuWeight(shares: 262_144) == 10000)
        #expect(CgroupLimits.cpuWeight(shares: 0) == 0)
        #expect(CgroupLimits.ioWeight(blkioWeight: 10) == 1)
        #expect(CgroupLimits.ioWeight(blkioWeight: 500) == 4950)
        #expect(CgroupLimits.ioWeight(blkioWeight: 1000) == 10000)
        #expect(try CgroupLimits.swapMaxV2(memorySwap: 300, memory: 100) == 200)
        #expect(try CgroupLimits.swapMaxV2(memorySwap: -1, memory: 100) == -1)
        #expect(try CgroupLimits.swapMaxV2(memorySwap: 0, memory: -1) == -1)
        #expect(try CgroupLimits.swapMaxV2(memorySwap: 0, memory: 100) == nil)
        #expect(throws: Errno(EINVAL, "")) { try CgroupLimits.swapMaxV2(memorySwap: 50, memory: 100) }
        #expect(throws: Errno(EINVAL, "")) { try CgroupLimits.swapMaxV2(memorySwap: 50, memory: 0) }
    }

    @Test func v1MemoryOrderDependsOnCurrentLimit() throws {
        let raise = CgroupResources(memory: 300 * mib, memorySwap: 600 * mib)
        let raised = try CgroupLimits.v1Writes(raise, currentMemoryLimit: UInt64(100 * mib), hasMemsw: true, hasBlkioWeight: false)
        #expect(raised.map(\.file) == ["memory.memsw.limit_in_bytes", "memory.limit_in_bytes"])
        let lowered = try CgroupLimits.v1Writes(
            CgroupResources(memory: 50 * mib, memorySwap: 80 * mib), currentMemoryLimit: UInt64(100 * mib), hasMemsw: true,
            hasBlkioWeight: false)
        #expect(lowered.map(\.file) == ["memory.limit_in_bytes", "memory.memsw.limit_in_bytes"])
        let unlimited = try CgroupLimits.v1Writes(CgroupResources(memory: -1), currentMemoryLimit: nil, hasMemsw: true, hasBlkioWeight: false)
        #expect(unlimited.map(\.description) == ["memory.memsw.limit_in_bytes=-1", "memory.limit_in_bytes=-1"])
        let noSwap = try CgroupLimits.v1Writes(raise, currentMemoryLimit: 0, hasMemsw: false, hasBlkioWeight: false)
        #expect(noSwap.map(\.description) == ["memory.limit_in_bytes=\(300 * mib)"])
    }

    @Test func v1EverythingElse() throws {
        let resources = CgroupResources(
            memoryReservation: 64 * mib, cpuShares: 512, cpuQuota: 50000, cpuPeriod: 100_000, cpusetCpus: "0", cpusetMems: "0",
            pidsLimit: 0, blkioWeight: 300, oomKillDisable: true)
        let writes = try CgroupLimits.v1Writes(resources, currentMemoryLimit: nil, hasMemsw: true, hasBlkioWeight: false)
        #expect(
            writes.map(\.description) == [
                "memory.soft_limit_in_bytes=\(64 * mib)", "memory.oom_control=1", "cpu.shares=512", "cpu.cfs_period_us=100000",
                "cpu.cfs_quota_us=50000", "cpuset.cpus=0", "cpuset.mems=0", "pids.max=max", "blkio.bfq.weight=300",
            ])
        #expect(writes.map(\.controller) == ["memory", "memory", "cpu", "cpu", "cpu", "cpuset", "cpuset", "pids", "blkio"])
        let cfq = try CgroupLimits.v1Writes(CgroupResources(cpuQuota: -1, blkioWeight: 300), currentMemoryLimit: nil, hasMemsw: true, hasBlkioWeight: true)
        #expect(cfq.map(\.description) == ["cpu.cfs_quota_us=-1", "blkio.weight=300"])
        #expect(try CgroupLimits.v1Writes(CgroupResources(), currentMemoryLimit: nil, hasMemsw: true, hasBlkioWeight: true).isEmpty)
    }

    @Test func v2Plan() throws {
        let resources = CgroupResources(
            memory: 100 * mib, memoryReservation: 50 * mib, memorySwap: 300 * mib, cpuShares: 1024, cpuQuota: 50000, cpuPeriod: 100_000,
            cpusetCpus: "0-1", pidsLimit: 64, blkioWeight: 500, oomKillDisable: true)
        #expect(
            try CgroupLimits.v2Writes(resources, hasIOBFQWeight: false).map(\.description) == [
                "memory.swap.max=\(200 * mib)", "memory.max=\(100 * mib)", "memory.low=\(50 * mib)", "cpu.weight=39",
                "cpu.max=50000 100000", "cpuset.cpus=0-1", "pids.max=64", "io.weight=4950",
            ])
        let unlimited = CgroupResources(memory: -1, cpuQuota: -1, pidsLimit: -1, blkioWeight: 500)
        #expect(
            try CgroupLimits.v2Writes(unlimited, hasIOBFQWeight: true).map(\.description) == [
                "memory.swap.max=max", "memory.max=max", "cpu.max=max", "pids.max=max", "io.bfq.weight=500",
            ])
        #expect(try CgroupLimits.v2Writes(CgroupResources(cpuPeriod: 20000), hasIOBFQWeight: false).map(\.description) == ["cpu.max=max 20000"])
        #expect(throws: Errno(EINVAL, "")) { try CgroupLimits.v2Writes(CgroupResources(memorySwap: 100), hasIOBFQWeight: false) }
    }
}
