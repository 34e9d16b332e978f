// SPDX-License-Identifier: Apache-2.0
// CgroupStatsReader over a temporary directory of fake control files (v1 and v2 layouts).

import Foundation
import Testing

@testable import Platform

@Suite struct CgroupReaderTests {
    /// A fresh temp dir with `files` (relative path → text) written into it.
    static func fixture(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("berth-cgroup-\(UUID().uuidString)").path
        for (path, text) in files {
            let url = URL(fileURLWithPath: "\(root)/\(path)")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        return root
    }

    static let procStat = "cpu  100 0 100 800 0 0 0 0 0 0\n"

    @Test func readsV1() throws {
        let root = try Self.fixture([
            "memory/c/memory.usage_in_bytes": "8192\n", "memory/c/memory.limit_in_bytes": "9223372036854771712\n",
            "memory/c/memory.max_usage_in_bytes": "16384\n", "memory/c/memory.failcnt": "3\n",
            "memory/c/memory.stat": "cache 4096\nrss 4096\ntotal_inactive_file 1024\n",
            "cpuacct/c/cpuacct.usage": "5000000000\n", "cpuacct/c/cpuacct.usage_percpu": "3000000000 2000000000 \n",
            "cpuacct/c/cpuacct.stat": "user 300\nsystem 150\n", "cpu/c/cpu.stat": "nr_periods 10\nnr_throttled 2\nthrottled_time 777\n",
            "pids/c/pids.current": "4\n", "pids/c/pids.max": "max\n",
            "blkio/c/blkio.throttle.io_service_bytes_recursive": "8:0 Read 512\n8:0 Write 1024\nTotal 1536\n",
            "blkio/c/blkio.throttle.io_serviced_recursive": "8:0 Read 1\n8:0 Write 2\nTotal 3\n",
            "blkio/c/blkio.bfq.io_service_bytes_recursive": "Total 0\n", "proc/stat": Self.procStat,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var mounts: [String: String] = [:]
        for controller in ["memory", "cpu", "cpuacct", "pids", "blkio"] { mounts[controller] = "\(root)/\(controller)" }
        let paths = try CgroupPaths(layout: CgroupLayout(version: .v1, controllerMounts: mounts, unifiedMount: nil), path: "/c")
        let stats = try CgroupStatsReader(paths: paths, procStatPath: "\(root)/proc/stat", clockTicks: 100).read()
        #expect(stats.memory?.usage == 8192 && stats.memory?.limit == 9_223_372_036_854_771_712)
        #expect(stats.memory?.maxUsage == 16384 && stats.memory?.failcnt == 3 && stats.memory?.stat["cache"] == 4096)
        #expect(stats.cpu?.totalUsage == 5_000_000_000 && stats.cpu?.perCPUUsage == [3_000_000_000, 2_000_000_000])
        #expect(stats.cpu?.userUsage == 3_000_000_000 && stats.cpu?.kernelUsage == 1_500_000_000)
        #expect(stats.cpu?.periods == 10 && stats.cpu?.throttledPeriods == 2 && stats.cpu?.throttledTime == 777)
        #expect(stats.pids == { var p = CgroupPidsStats(); p.current = 4; return p }())
        #expect(stats.blkio?.serviceBytes.map(\.value) == [512, 1024] && stats.blkio?.serviced.map(\.op) == ["Read", "Write"])
        #expect(stats.systemCPUUsage == 10_000_000_000 && stats.onlineCPUs >= 1)
    }

    @Test func readsV2() throws {
        let root = try Self.fixture([
            "c/memory.current": "12288\n", "c/memory.max": "104857600\n", "c/memory.stat": "anon 8192\nfile 4096\ninactive_file 1024\n",
            "c/cpu.stat": "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 5\nnr_throttled 1\nthrottled_usec 30\n",
            "c/pids.current": "2\n", "c/pids.max": "100\n", "c/io.stat": "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n",
            "proc/stat": Self.procStat,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = try CgroupPaths(layout: CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: root), path: "/c")
        let stats = try CgroupStatsReader(paths: paths, procStatPath: "\(root)/proc/stat", clockTicks: 100).read()
        #expect(stats.memory?.usage == 12288 && stats.memory?.limit == 104_857_600 && stats.memory?.maxUsage == nil)
        #expect(stats.memory?.stat["anon"] == 8192)
        #expect(stats.cpu?.totalUsage == 2_000_000 && stats.cpu?.userUsage == 1_500_000 && stats.cpu?.kernelUsage == 500_000)
        #expect(stats.cpu?.throttledTime == 30000 && stats.cpu?.perCPUUsage == [])
        #expect(stats.pids?.current == 2 && stats.pids?.limit == 100)
        #expect(stats.blkio?.ioStat.first?.counters["wbytes"] == 20)
    }

    @Test func missingAndMalformedFilesThrowWithPath() throws {
        let root = try Self.fixture(["c/cpu.stat": "usage_usec 1\n", "c/memory.current": "oops\n", "proc/stat": Self.procStat])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = try CgroupPaths(layout: CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: root), path: "/c")
        let reader = CgroupStatsReader(paths: paths, procStatPath: "\(root)/proc/stat", clockTicks: 100)
        #expect { try reader.read() } throws: { ($0 as? Errno)?.call == "parse \(root)/c/memory.current" }
        try FileManager.default.removeItem(atPath: "\(root)/c/memory.current")
        #expect(try reader.read().memory == nil)
        let missing = CgroupStatsReader(paths: paths, procStatPath: "\(root)/nope", clockTicks: 100)
        #expect { try missing.read() } throws: { ($0 as? Errno)?.call == "open \(root)/nope" && ($0 as? Errno)?.code == ENOENT }
    }
}
