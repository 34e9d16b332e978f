// SPDX-License-Identifier: Apache-2.0
// Real cgroups on this host: stats, live limit changes (v1 memory/memsw order) and freeze/thaw of a `sleep`.
// As root each test creates `/berth-test-<random>` under every hierarchy and removes it; otherwise it checks
// that creating one fails with a permission error.

import Foundation
import Glibc
import Testing

@testable import Platform

@Suite(.serialized) struct CgroupLiveSerialTests {
    /// Runs `body` with a fresh cgroup holding one `sleep 30`, then kills it and removes the cgroup.
    func withCgroup(_ body: (CgroupPaths, Int32) throws -> Void) throws {
        let layout = try CgroupLayout.current()
        let paths = try CgroupPaths(layout: layout, path: "/berth-test-\(UInt32.random(in: 0...UInt32.max))")
        guard getuid() == 0 else {
            #expect { try paths.create() } throws: { [EACCES, EPERM, EROFS].contains(($0 as? Errno)?.code ?? 0) }
            return
        }
        try paths.create()
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        do {
            try sleeper.run()
        } catch {
            try paths.remove()
            throw error
        }
        defer {
            kill(sleeper.processIdentifier, SIGKILL)
            try? CgroupFreezer(paths: paths).thaw()
            sleeper.waitUntilExit()
            #expect(throws: Never.self) { try paths.remove() }
            for directory in paths.directories { #expect(access(directory, F_OK) != 0) }
        }
        try paths.add(pid: sleeper.processIdentifier)
        try body(paths, sleeper.processIdentifier)
    }

    static func text(_ path: String) throws -> String {
        SystemFile.trimmed(try SystemFile.read(path))
    }

    static func processState(_ pid: Int32) throws -> String {
        let status = try SystemFile.read("/proc/\(pid)/status")
        let line = status.split(separator: "\n").first { $0.hasPrefix("State:") } ?? ""
        return SystemFile.trimmed(line.dropFirst("State:".count))
    }

    @Test func statsOfARealCgroup() throws {
        try withCgroup { paths, _ in
            try CgroupLimits.apply(CgroupResources(memory: 64 << 20, pidsLimit: 10), to: paths)
            let stats = try CgroupStatsReader(paths: paths).read()
            #expect(stats.pids?.current == 1 && stats.pids?.limit == 10)
            #expect(stats.memory?.limit == 64 << 20)
            #expect(stats.memory?.stat.isEmpty == false)
            #expect(stats.cpu != nil && stats.systemCPUUsage > 0 && stats.onlineCPUs >= 1)
            if paths.version == .v1 { #expect(stats.cpu?.perCPUUsage.count ?? 0 >= 1) }
        }
    }

    @Test func limitsRaiseAndLowerMemoryAndSwap() throws {
        try withCgroup { paths, _ in
            guard paths.version == .v1, let memory = paths.directory(for: "memory") else { return }
            let mib: Int64 = 1 << 20
            let hasMemsw = access("\(memory)/memory.memsw.limit_in_bytes", F_OK) == 0
            for (limit, swap) in [(100 * mib, 200 * mib), (300 * mib, 600 * mib), (50 * mib, 80 * mib), (-1, -1)] {
                try CgroupLimits.apply(CgroupResources(memory: limit, memorySwap: swap), to: paths)
                let expected = limit < 0 ? nil : String(limit)
                if let expected {
                    #expect(try Self.text("\(memory)/memory.limit_in_bytes") == expected)
                    if hasMemsw { #expect(try Self.text("\(memory)/memory.memsw.limit_in_bytes") == String(swap)) }
                }
            }
            guard hasMemsw else { return }
            // The wrong order really fails: memory above the current memory+swap is refused by the kernel.
            try CgroupLimits.apply(CgroupResources(memory: 50 * mib, memorySwap: 80 * mib), to: paths)
            #expect(throws: Errno(EINVAL, "")) { try CgroupFile.write(String(300 * mib), to: "\(memory)/memory.limit_in_bytes") }
        }
    }

    @Test func otherLimitsLive() throws {
        try withCgroup { paths, _ in
            guard paths.version == .v1 else { return }
            let resources = CgroupResources(
                memoryReservation: 32 << 20, cpuShares: 512, cpuQuota: 50000, cpuPeriod: 100_000, cpusetCpus: "0", cpusetMems: "0",
                pidsLimit: 20, blkioWeight: 300, oomKillDisable: true)
            try CgroupLimits.apply(resources, to: paths)
            let dir = { (controller: String) in paths.directory(for: controller) ?? "" }
            #expect(try Self.text("\(dir("memory"))/memory.soft_limit_in_bytes") == String(32 << 20))
            #expect(try Self.text("\(dir("memory"))/memory.oom_control").contains("oom_kill_disable 1"))
            #expect(try Self.text("\(dir("cpu"))/cpu.shares") == "512")
            #expect(try Self.text("\(dir("cpu"))/cpu.cfs_quota_us") == "50000")
            #expect(try Self.text("\(dir("cpuset"))/cpuset.cpus") == "0")
            #expect(try Self.text("\(dir("pids"))/pids.max") == "20")
            let blkio = dir("blkio")
            let weightFile = access("\(blkio)/blkio.weight", F_OK) == 0 ? "blkio.weight" : "blkio.bfq.weight"
            #expect(try Self.text("\(blkio)/\(weightFile)").contains("300"))
            try CgroupLimits.apply(CgroupResources(cpuQuota: -1, pidsLimit: -1), to: paths)
            #expect(try Self.text("\(dir("cpu"))/cpu.cfs_quota_us") == "-1")
            #expect(try Self.text("\(dir("pids"))/pids.max") == "max")
        }
    }

    @Test func freezeAndThawASleep() throws {
        try withCgroup { paths, pid in
            let freezer = CgroupFreezer(paths: paths)
            #expect(try !freezer.isFrozen())
            try freezer.freeze()
            #expect(try freezer.isFrozen())
            let frozenState = try Self.processState(pid)
            #expect(!frozenState.hasPrefix("S") && !frozenState.hasPrefix("R"), "state while frozen: \(frozenState)")
            try freezer.thaw()
            #expect(try !freezer.isFrozen())
            // The thawed task leaves the frozen (D) state when the scheduler next runs it: allow a moment.
            var state = try Self.processState(pid)
            for _ in 0..<100 where !state.hasPrefix("S") && !state.hasPrefix("R") {
                usleep(20_000)
                state = try Self.processState(pid)
            }
            #expect(state.hasPrefix("S") || state.hasPrefix("R"), "state after thaw: \(state)")
        }
    }
}
