// SPDX-License-Identifier: Apache-2.0
// Pure cgroup parsers, path derivation, limit write plans and conversions, from v1 and v2 fixture text.

import Glibc
import Testing

@testable import Platform

@Suite struct CgroupParserTests {
    static let v1Layout = CgroupLayout(
        version: .v1,
        controllerMounts: ["memory": "/sys/fs/cgroup/memory", "cpu": "/sys/fs/cgroup/cpu,cpuacct",
            "cpuacct": "/sys/fs/cgroup/cpu,cpuacct", "name=systemd": "/sys/fs/cgroup/systemd"],
        unifiedMount: "/sys/fs/cgroup/unified")

    @Test func pathsOnV1AndV2() throws {
        let v1 = try CgroupPaths(layout: Self.v1Layout, path: "/berth/abc/")
        #expect(v1.path == "/berth/abc")
        #expect(v1.directory(for: "memory") == "/sys/fs/cgroup/memory/berth/abc")
        #expect(v1.directory(for: "cpuacct") == "/sys/fs/cgroup/cpu,cpuacct/berth/abc")
        #expect(v1.directory(for: "pids") == nil)
        #expect(v1.unifiedDirectory == nil)
        #expect(v1.directories == ["/sys/fs/cgroup/cpu,cpuacct/berth/abc", "/sys/fs/cgroup/memory/berth/abc"])
        let v2 = try CgroupPaths(layout: CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: "/sys/fs/cgroup"), path: "/docker/x")
        #expect(v2.directory(for: "memory") == "/sys/fs/cgroup/docker/x")
        #expect(v2.directories == ["/sys/fs/cgroup/docker/x"])
        for bad in ["berth/x", "/", "/berth/../etc", "/./x"] {
            #expect(throws: Errno(EINVAL, "")) { try CgroupPaths(layout: Self.v1Layout, path: bad) }
        }
    }

    @Test func numbersAndLimits() {
        #expect(CgroupStatParser.number("4096\n") == 4096)
        #expect(CgroupStatParser.number("max\n") == nil)
        #expect(CgroupStatParser.limit("max\n") == .some(nil))
        #expect(CgroupStatParser.limit("100\n") == .some(100))
        #expect(CgroupStatParser.limit("x") == nil)
        #expect(CgroupStatParser.numbers("10 20 30 \n") == [10, 20, 30])
    }

    @Test func memoryStatV1AndV2() {
        let v1 = CgroupStatParser.keyedValues("cache 8192\nrss 4096\ntotal_inactive_file 1024\nbogus\n")
        #expect(v1 == ["cache": 8192, "rss": 4096, "total_inactive_file": 1024])
        let v2 = CgroupStatParser.keyedValues("anon 12288\nfile 4096\ninactive_file 2048\n")
        #expect(v2["anon"] == 12288 && v2["file"] == 4096 && v2["inactive_file"] == 2048)
        let cpuStat = CgroupStatParser.keyedValues("usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 4\n")
        #expect(cpuStat["usage_usec"] == 1500 && cpuStat["nr_periods"] == 4)
    }

    @Test func blkioV1() {
        let text = "8:0 Read 4096\n8:0 Write 8192\n8:0 Sync 0\n8:0 Async 12288\n8:0 Discard 0\n8:0 Total 12288\n253:1 Read 1\nTotal 12289\n"
        let entries = CgroupStatParser.blkioEntries(text)
        #expect(entries.count == 7)
        #expect(entries[0] == CgroupBlkioEntry(major: 8, minor: 0, op: "Read", value: 4096))
        #expect(entries[6] == CgroupBlkioEntry(major: 253, minor: 1, op: "Read", value: 1))
        #expect(CgroupStatParser.blkioEntries("Total 0\n").isEmpty)
    }

    @Test func ioStatV2() {
        let entries = CgroupStatParser.ioStat("8:16 rbytes=1459200 wbytes=314773504 rios=192 wios=353 dbytes=0 dios=0\n259:0 rbytes=7\n")
        #expect(entries.count == 2)
        #expect(entries[0].major == 8 && entries[0].minor == 16)
        #expect(entries[0].counters["rbytes"] == 1_459_200 && entries[0].counters["wios"] == 353)
        #expect(entries[1].counters == ["rbytes": 7])
    }

    @Test func systemCPUUsageAsDockerd() {
        let text = "cpu  100 1 50 1000 10 0 5 7 0 0\ncpu0 50 0 25 500 5 0 2 3 0 0\nintr 1\n"
        // 100+1+50+1000+10+0+5 = 1166 ticks (steal 7 left out) at 100 Hz → 11.66 s.
        #expect(CgroupStatParser.systemCPUUsage(procStat: text, clockTicks: 100) == 11_660_000_000)
        #expect(CgroupStatParser.systemCPUUsage(procStat: "cpu0 1 2 3 4 5 6 7\n", clockTicks: 100) == nil)
        #expect(CgroupStatParser.systemCPUUsage(procStat: text, clockTicks: 0) == nil)
    }

    @Test func freezerStates() {
        #expect(CgroupFreezer.isFrozen(version: .v1, text: "FROZEN\n"))
        #expect(!CgroupFreezer.isFrozen(version: .v1, text: "FREEZING\n"))
        #expect(CgroupFreezer.isFrozen(version: .v2, text: "populated 1\nfrozen 1\n"))
        #expect(!CgroupFreezer.isFrozen(version: .v2, text: "populated 1\nfrozen 0\n"))
    }
}
