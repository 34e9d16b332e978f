// SPDX-License-Identifier: Apache-2.0
// ContainerStatsCollector against fixture cgroup trees (v1 and v2 layouts in a temp dir), plus the shared
// live fixture: a real `/berth/test-<random>` cgroup holding one `sleep` (root + BERTH_INTEGRATION=1).

import Foundation
import Glibc
import Models
import Platform
import Synchronization
import Testing

@testable import Engine

/// A temp dir laid out like /sys/fs/cgroup for one container, removed on deinit.
final class CgroupFixture {
    let root: String
    let layout: CgroupLayout
    let paths: CgroupPaths
    static let id = "c0ffee"

    init(_ version: CgroupLayout.Version) throws {
        root = NSTemporaryDirectory() + "cgroup-fixture-\(UUID().uuidString)"
        switch version {
        case .v1:
            var mounts: [String: String] = [:]
            for controller in ["memory", "cpu", "cpuacct", "cpuset", "pids", "blkio"] { mounts[controller] = "\(root)/\(controller)" }
            layout = CgroupLayout(version: .v1, controllerMounts: mounts, unifiedMount: nil)
        case .v2:
            layout = CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: root)
        }
        paths = try ContainerCgroup.paths(id: Self.id, layout: layout)
        for directory in paths.directories {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try write("cpu  100 0 50 1000 0 0 0 7 0 0\ncpu0 100 0 50 1000 0 0 0 7 0 0\n", to: "\(root)/proc-stat")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    var procStat: String { "\(root)/proc-stat" }

    /// Writes `text` into `file` of `controller`'s directory.
    func set(_ controller: String, _ file: String, _ text: String) throws {
        try write(text, to: "\(paths.directory(for: controller) ?? root)/\(file)")
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func read(_ controller: String, _ file: String) throws -> String {
        try String(contentsOfFile: "\(paths.directory(for: controller) ?? root)/\(file)", encoding: .utf8)
    }

    /// A v1 container using 1 MiB, unlimited, with cpu, pids and throttle-blkio counters.
    static func v1() throws -> CgroupFixture {
        let fixture = try CgroupFixture(.v1)
        try fixture.set("memory", "memory.usage_in_bytes", "1048576\n")
        try fixture.set("memory", "memory.limit_in_bytes", "9223372036854771712\n")
        try fixture.set("memory", "memory.max_usage_in_bytes", "2097152\n")
        try fixture.set("memory", "memory.failcnt", "0\n")
        try fixture.set("memory", "memory.stat", "cache 4096\nrss 8192\nshmem 0\ntotal_cache 4096\ntotal_inactive_file 12288\n")
        try fixture.set("cpuacct", "cpuacct.usage", "300\n")
        try fixture.set("cpuacct", "cpuacct.usage_percpu", "100 200 \n")
        try fixture.set("cpuacct", "cpuacct.stat", "user 5\nsystem 3\n")
        try fixture.set("cpu", "cpu.stat", "nr_periods 10\nnr_throttled 2\nthrottled_time 5000\n")
        try fixture.set("pids", "pids.current", "1\n")
        try fixture.set("pids", "pids.max", "max\n")
        try fixture.set("blkio", "blkio.throttle.io_service_bytes_recursive", "8:0 Read 4096\n8:0 Write 512\nTotal 4608\n")
        try fixture.set("blkio", "blkio.throttle.io_serviced_recursive", "8:0 Read 1\n8:0 Write 1\nTotal 2\n")
        return fixture
    }

    /// A v2 container using 2 MiB under `memory.max` = max, with 2 OOM events and 3 of 100 pids.
    static func v2() throws -> CgroupFixture {
        let fixture = try CgroupFixture(.v2)
        try fixture.set("memory", "memory.current", "2097152\n")
        try fixture.set("memory", "memory.max", "max\n")
        try fixture.set("memory", "memory.stat", "anon 1024\nfile 2048\ninactive_file 512\nzswap 0\n")
        try fixture.set("memory", "memory.events", "low 0\nhigh 0\nmax 4\noom 2\noom_kill 1\n")
        try fixture.set("cpu", "cpu.stat", "usage_usec 7\nuser_usec 4\nsystem_usec 3\nnr_periods 9\nnr_throttled 1\nthrottled_usec 6\n")
        try fixture.set("pids", "pids.current", "3\n")
        try fixture.set("pids", "pids.max", "100\n")
        try fixture.set("io", "io.stat", "8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n")
        return fixture
    }

    func collector(hostMemory: UInt64 = 8 << 30, processID: @escaping ContainerStatsCollector.ProcessLookup = { 42 })
        -> ContainerStatsCollector
    {
        ContainerStatsCollector(
            id: Self.id, name: "web", paths: paths, hostMemory: hostMemory, procStatPath: procStat, clockTicks: 100,
            processID: processID)
    }
}

/// JSON text of a sample, keys sorted.
func json(_ stats: ContainerStats) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(stats), as: UTF8.self)
}

@Suite struct ContainerStatsTests {
    static let zeroTime = "0001-01-01T00:00:00Z"

    @Test func cgroupPathIsWhatSpecBuilderWrites() throws {
        for parent in ["", "custom", "/a/b"] {
            var host = HostConfig()
            host.resources.cgroupParent = parent
            let spec = try SpecBuilder.build(
                SpecInput(
                    id: "abc123", config: ContainerConfig(), host: host, image: ImageConfig(cmd: ["sh"]), hostname: "abc123",
                    hostnamePath: nil, hostsPath: nil, resolvConfPath: nil))
            #expect(spec.linux?.cgroupsPath == ContainerCgroup.path(id: "abc123", cgroupParent: parent))
        }
        #expect(ContainerCgroup.path(id: "abc") == "/berth/abc")
        #expect(ContainerCgroup.path(id: "abc", cgroupParent: "x") == "/x/abc")
    }

    @Test func v1SampleIsFilledAsDockerdDoes() async throws {
        let fixture = try CgroupFixture.v1()
        let stats = try await fixture.collector().sample()
        #expect(stats.name == "/web" && stats.id == CgroupFixture.id)
        #expect(stats.read != Self.zeroTime && stats.read.hasSuffix("Z"))
        #expect(Timestamps.unixSeconds(rfc3339: stats.read).map { abs($0 - Int64(Date().timeIntervalSince1970)) < 60 } == true)
        #expect(stats.preread == Self.zeroTime)
        #expect(stats.precpuStats == CPUStats())
        let cpu = stats.cpuStats
        #expect(cpu.cpuUsage.totalUsage == 300)
        #expect(cpu.cpuUsage.percpuUsage == [100, 200])
        #expect(cpu.cpuUsage.usageInUsermode == 50_000_000)  // 5 ticks at 100 Hz
        #expect(cpu.cpuUsage.usageInKernelmode == 30_000_000)
        #expect(cpu.systemCPUUsage == 11_500_000_000)  // (100+0+50+1000+0+0+0) ticks, steal (7) left out
        #expect((cpu.onlineCPUs ?? 0) >= 1)
        #expect(cpu.throttlingData == ThrottlingData(periods: 10, throttledPeriods: 2, throttledTime: 5000))
        let memory = stats.memoryStats
        #expect(memory.usage == 1_048_576 && memory.maxUsage == 2_097_152)
        #expect(memory.limit == 8 << 30)  // unlimited → host memory
        #expect(memory.failcnt == nil)
        #expect(memory.stats?.count == 32)
        #expect(memory.stats?["total_inactive_file"] == 12288 && memory.stats?["cache"] == 4096)
        #expect(memory.stats?["total_dirty"] == 0 && memory.stats?["shmem"] == nil)
        #expect(stats.pidsStats == PidsStats(current: 1, limit: nil))
        #expect(stats.blkioStats.ioServiceBytesRecursive?.map(\.op) == ["Read", "Write"])
        #expect(stats.blkioStats.ioServiceBytesRecursive?.map(\.value) == [4096, 512])
        #expect(stats.blkioStats.ioServicedRecursive?.count == 2)
        #expect(stats.networks == nil && stats.numProcs == 0)
        let text = try json(stats)
        #expect(text.contains("\"io_queue_recursive\":[]") && text.contains("\"sectors_recursive\":[]"))
        #expect(!text.contains("networks") && !text.contains("failcnt"))
    }

    @Test func v2SampleIsFilledAsDockerdDoes() async throws {
        let fixture = try CgroupFixture.v2()
        let stats = try await fixture.collector(hostMemory: 4 << 30).sample()
        #expect(stats.cpuStats.cpuUsage == CPUUsage(totalUsage: 7000, percpuUsage: nil, usageInKernelmode: 3000, usageInUsermode: 4000))
        #expect(stats.cpuStats.throttlingData == ThrottlingData(periods: 9, throttledPeriods: 1, throttledTime: 6000))
        #expect(stats.memoryStats.usage == 2_097_152 && stats.memoryStats.maxUsage == nil)
        #expect(stats.memoryStats.limit == 4 << 30)
        #expect(stats.memoryStats.failcnt == 2)  // memory.events oom
        #expect(stats.memoryStats.stats?.count == 31)
        #expect(stats.memoryStats.stats?["inactive_file"] == 512 && stats.memoryStats.stats?["zswap"] == nil)
        #expect(stats.pidsStats == PidsStats(current: 3, limit: 100))
        #expect(
            stats.blkioStats.ioServiceBytesRecursive == [
                BlkioStatEntry(major: 8, minor: 0, op: "read", value: 4096), BlkioStatEntry(major: 8, minor: 0, op: "write", value: 8192),
            ])
        #expect(stats.blkioStats.ioServicedRecursive == nil)
        #expect(try json(stats).contains("\"io_serviced_recursive\":null"))
    }

    @Test func v2LimitBelowHostMemoryIsKept() async throws {
        let fixture = try CgroupFixture.v2()
        try fixture.set("memory", "memory.max", "67108864\n")
        #expect(try await fixture.collector().sample().memoryStats.limit == 64 << 20)
    }

    @Test func stoppedContainerGivesDockerdsZeroSample() async throws {
        let fixture = try CgroupFixture.v1()
        let stats = try await fixture.collector(processID: { nil }).sample()
        #expect(stats == ContainerStats(name: "/web", id: CgroupFixture.id))
        let text = try json(stats)
        #expect(text.contains("\"read\":\"0001-01-01T00:00:00Z\"") && text.contains("\"preread\":\"0001-01-01T00:00:00Z\""))
        #expect(text.contains("\"memory_stats\":{}") && text.contains("\"pids_stats\":{}"))
        #expect(text.contains("\"io_service_bytes_recursive\":null"))
        #expect(text.contains("\"cpu_usage\":{\"total_usage\":0,\"usage_in_kernelmode\":0,\"usage_in_usermode\":0}"))
        // stream=false on a stopped container answers at once, even without one-shot.
        #expect(try await fixture.collector(processID: { nil }).snapshot(oneShot: false, interval: .seconds(30)) == stats)
    }

    @Test func cgroupGoneWhileStoppingReadsAsStopped() async throws {
        let fixture = try CgroupFixture.v1()
        try FileManager.default.removeItem(atPath: fixture.root + "/memory")
        let calls = Mutex(0)
        let stopping = fixture.collector(processID: {
            calls.withLock {
                $0 += 1; return $0 == 1 ? 42 : nil
            }
        })
        #expect(try await stopping.sample().read == Self.zeroTime)
        // Still running but unreadable: a real fault, reported.
        await #expect(throws: EngineError.self) { try await fixture.collector().sample() }
    }

    @Test func snapshotPrimesPreviousCPUUnlessOneShot() async throws {
        let fixture = try CgroupFixture.v1()
        let collector = fixture.collector()
        let one = try await collector.snapshot(oneShot: true)
        #expect(one.precpuStats == CPUStats() && one.preread == Self.zeroTime)
        let primed = try await collector.snapshot(oneShot: false, interval: .milliseconds(20))
        #expect(primed.precpuStats.systemCPUUsage == 11_500_000_000 && primed.precpuStats.cpuUsage.totalUsage == 300)
        #expect(primed.preread != Self.zeroTime && primed.preread <= primed.read)
    }

    @Test func streamCarriesEachSampleIntoTheNext() async throws {
        let fixture = try CgroupFixture.v1()
        var samples: [ContainerStats] = []
        for try await sample in fixture.collector().stream(interval: .milliseconds(10)) {
            samples.append(sample)
            try fixture.set("cpuacct", "cpuacct.usage", "\(300 + samples.count)\n")
            if samples.count == 3 { break }
        }
        #expect(samples.map(\.cpuStats.cpuUsage.totalUsage) == [300, 301, 302])
        #expect(samples.map(\.precpuStats.cpuUsage.totalUsage) == [0, 300, 301])
        #expect(samples[1].preread == samples[0].read && samples[2].preread == samples[1].read)
    }

    @Test func networkReaderFillsNetworksAndEmptyMeansNone() async throws {
        let fixture = try CgroupFixture.v1()
        let withEth0 = ContainerStatsCollector(
            id: "x", name: "/x", paths: fixture.paths, procStatPath: fixture.procStat, processID: { 42 },
            networks: { pid in pid == 42 ? ["eth0": NetworkStats(rxBytes: 9)] : nil })
        #expect(try await withEth0.sample().networks?["eth0"]?.rxBytes == 9)
        let empty = ContainerStatsCollector(
            id: "x", name: "/x", paths: fixture.paths, procStatPath: fixture.procStat, processID: { 42 }, networks: { _ in [:] })
        #expect(try await empty.sample().networks == nil)
    }
}

/// A real container-like cgroup: `/berth/test-<random>` in every hierarchy (as `ContainerCgroup` names it),
/// holding one process that joins it, touches some memory and CPU by exec'ing `sleep 30`. Killed and removed after.
func withLiveContainerCgroup(_ body: (String, CgroupPaths, Int32) async throws -> Void) async throws {
    let id = "test-\(UInt32.random(in: 0...UInt32.max))"
    let paths = try ContainerCgroup.paths(id: id, layout: CgroupLayout.current())
    let flag = NSTemporaryDirectory() + "cgroup-go-\(id)"
    try paths.create()
    let sleeper = Process()
    sleeper.executableURL = URL(fileURLWithPath: "/bin/sh")
    // Waits until it is in the group, so the exec (page faults, CPU) is charged to it.
    sleeper.arguments = ["-c", "while [ ! -e \"$0\" ]; do :; done; exec /bin/sleep 30", flag]
    do {
        try sleeper.run()
    } catch {
        try paths.remove()
        throw error
    }
    let pid = sleeper.processIdentifier
    defer {
        kill(pid, SIGKILL)
        sleeper.waitUntilExit()
        unlink(flag)
        #expect(throws: Never.self) { try paths.remove() }
        for directory in paths.directories { #expect(access(directory, F_OK) != 0) }
    }
    try paths.add(pid: pid)
    _ = FileManager.default.createFile(atPath: flag, contents: nil)
    for _ in 0..<500 {
        if (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) == "sleep\n" { break }
        try await Task.sleep(for: .milliseconds(10))
    }
    try await body(id, paths, pid)
}

@Suite(.serialized, .enabled(if: Env.integration)) struct ContainerStatsLiveSerialTests {
    @Test func statsOfARealCgroup() async throws {
        try await withLiveContainerCgroup { id, paths, pid in
            let collector = ContainerStatsCollector(id: id, name: "live", paths: paths, processID: { pid })
            let stats = try await collector.snapshot(oneShot: false, interval: .milliseconds(100))
            #expect(stats.pidsStats.current == 1)
            #expect((stats.memoryStats.usage ?? 0) > 0)
            #expect(stats.memoryStats.limit == collector.hostMemory)
            #expect(stats.cpuStats.cpuUsage.totalUsage > 0)
            #expect((stats.cpuStats.systemCPUUsage ?? 0) > (stats.precpuStats.systemCPUUsage ?? 0))
            #expect(stats.precpuStats.cpuUsage.totalUsage > 0 && stats.preread != ContainerStatsTests.zeroTime)
            if paths.version == .v1 {
                #expect(stats.cpuStats.cpuUsage.percpuUsage?.count == Int(stats.cpuStats.onlineCPUs ?? 0))
                #expect(stats.memoryStats.stats?["total_rss"] != nil && stats.memoryStats.maxUsage != nil)
            }
            print("live stats: memory \(stats.memoryStats.usage ?? 0) B, cpu \(stats.cpuStats.cpuUsage.totalUsage) ns")
        }
    }
}
