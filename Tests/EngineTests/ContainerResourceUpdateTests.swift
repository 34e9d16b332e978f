// SPDX-License-Identifier: Apache-2.0
// `docker update`: dockerd's validation and merge messages, the cgroup values written (fixture v1/v2 trees), and
// a live run against a real cgroup holding a `sleep` (root + BERTH_INTEGRATION=1).

import Foundation
import Models
import Platform
import Testing

@testable import Engine

@Suite struct ContainerResourceUpdateTests {
    static let everything = CgroupHostSupport(
        features: CgroupFeatures(
            memoryLimit: true, swapLimit: true, kernelMemoryTCP: true, oomKillDisable: true, cpuShares: true, cpuCfsPeriod: true,
            cpuCfsQuota: true, cpuSet: true, pidsLimit: true),
        blkioWeight: true, cpus: "0-1", mems: "0", onlineCPUs: 2)
    static let updater = ContainerResourceUpdate(support: everything)
    static let mib: Int64 = 1 << 20

    func update(_ body: Resources, current: Resources = Resources(), support: CgroupHostSupport = everything) throws
        -> ContainerResourceUpdateResult
    {
        try ContainerResourceUpdate(support: support).update(containerID: "abc", current: current, with: body, runningIn: nil)
    }

    @Test func bodyChecksUseDockerdsMessages() {
        let cases: [(Resources, String)] = [
            (Resources(memory: 4 * Self.mib), "Minimum memory limit allowed is 6MB"),
            (
                Resources(memory: 64 * Self.mib, memorySwap: 32 * Self.mib),
                "Minimum memoryswap limit should be larger than memory limit, see usage"
            ),
            (Resources(cpuPeriod: 50_000, nanoCpus: 1_000_000_000), "Conflicting options: Nano CPUs and CPU Period cannot both be set"),
            (Resources(cpuQuota: 50_000, nanoCpus: 1_000_000_000), "Conflicting options: Nano CPUs and CPU Quota cannot both be set"),
            (Resources(nanoCpus: 3_000_000_000), "Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available"),
            (Resources(cpuPeriod: 500), "CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)"),
            (Resources(cpuQuota: 999), "CPU cfs quota can not be less than 1ms (i.e. 1000)"),
            (Resources(cpusetCpus: "0-7"), "Requested CPUs are not available - requested 0-7, available: 0-1"),
            (Resources(cpusetCpus: "1-x"), "Invalid value 1-x for cpuset cpus: invalid format: 1-x"),
            (Resources(cpusetMems: "1"), "Requested memory nodes are not available - requested 1, available: 0"),
            (
                Resources(memory: 8 * Self.mib, memoryReservation: 16 * Self.mib, memorySwap: -1),
                "Minimum memory limit can not be less than memory reservation limit, see usage"
            ),
            (Resources(memoryReservation: 1 * Self.mib), "Minimum memory reservation allowed is 6MB"),
            (Resources(blkioWeight: 5), "Range of blkio weight is from 10 to 1000"),
            (Resources(memorySwappiness: 101), "Invalid value: 101, valid memory swappiness range is 0-100"),
        ]
        for (body, message) in cases {
            #expect(throws: EngineError.invalidParameter(message)) { try update(body) }
        }
    }

    @Test func mergeConflictsNameTheContainer() {
        let prefix = "Cannot update container abc: "
        #expect(
            throws: EngineError.invalidParameter(
                prefix + "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time")
        ) { try update(Resources(memory: 64 * Self.mib)) }
        #expect(
            throws: EngineError.invalidParameter(
                prefix + "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set")
        ) { try update(Resources(nanoCpus: 500_000_000), current: Resources(cpuPeriod: 100_000)) }
        #expect(
            throws: EngineError.invalidParameter(
                prefix + "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set")
        ) { try update(Resources(cpuQuota: 20_000), current: Resources(nanoCpus: 500_000_000)) }
        #expect(
            throws: EngineError.invalidParameter(
                prefix + "Restart policy cannot be updated because AutoRemove is enabled for the container")
        ) {
            try Self.updater.update(
                containerID: "abc", current: Resources(), with: Resources(), restartPolicy: RestartPolicy(name: "always"),
                autoRemove: true, runningIn: nil)
        }
    }

    @Test func mergeKeepsUnsetFieldsAndTakesNewOnes() throws {
        let current = Resources(cpuShares: 512, memory: 64 * Self.mib, memorySwap: 128 * Self.mib, pidsLimit: 50)
        let result = try update(Resources(memory: 96 * Self.mib, cpusetCpus: "1", pidsLimit: -1), current: current)
        #expect(result.resources.memory == 96 * Self.mib && result.resources.memorySwap == 128 * Self.mib)
        #expect(result.resources.cpuShares == 512 && result.resources.cpusetCpus == "1")
        #expect(result.resources.pidsLimit == 0)  // 0 and -1 both mean unlimited; stored as 0
        #expect(result.warnings.isEmpty && result.restartPolicy == nil)
        // Raising memory past the stored swap works when swap changes with it.
        let raised = try update(Resources(memory: 256 * Self.mib, memorySwap: -1), current: current)
        #expect(raised.resources.memory == 256 * Self.mib && raised.resources.memorySwap == -1)
    }

    @Test func unsupportedLimitsAreDroppedWithWarnings() throws {
        var support = Self.everything
        support.features.swapLimit = false
        support.blkioWeight = false
        support.features.pidsLimit = false
        let result = try update(Resources(memory: 64 * Self.mib, blkioWeight: 300, pidsLimit: 10), support: support)
        #expect(
            result.warnings == [
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.",
                "Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.",
                "Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.",
            ])
        #expect(result.resources.memorySwap == -1 && result.resources.blkioWeight == 0 && result.resources.pidsLimit == nil)
    }

    @Test func restartPolicyIsValidatedAndHandedBack() throws {
        #expect(throws: EngineError.invalidParameter("maximum retry count cannot be used with restart policy 'always'")) {
            try ContainerResourceUpdate.validate(restartPolicy: RestartPolicy(name: "always", maximumRetryCount: 3))
        }
        #expect(throws: EngineError.invalidParameter("invalid restart policy 'sometimes'")) {
            try ContainerResourceUpdate.validate(restartPolicy: RestartPolicy(name: "sometimes"))
        }
        let result = try Self.updater.update(
            containerID: "abc", current: Resources(), with: Resources(),
            restartPolicy: RestartPolicy(name: "on-failure", maximumRetryCount: 2),
            runningIn: nil)
        #expect(result.restartPolicy == RestartPolicy(name: "on-failure", maximumRetryCount: 2))
    }

    @Test func nanoCpusBecomeAQuotaOverA100msPeriod() {
        let cgroup = ContainerResourceUpdate.cgroupResources(Resources(nanoCpus: 1_500_000_000, pidsLimit: 0))
        #expect(cgroup.cpuPeriod == 100_000 && cgroup.cpuQuota == 150_000)
        #expect(cgroup.pidsLimit == -1 && cgroup.memory == nil && cgroup.cpusetCpus == nil)
    }

    @Test func cpusetLists() {
        #expect(CpusetList.parse("0-2,5") == [0, 1, 2, 5])
        #expect(CpusetList.parse("") == [])
        #expect(CpusetList.parse("2-1") == nil && CpusetList.parse("1,,2") == nil && CpusetList.parse("-1") == nil)
        #expect(CpusetList.isAvailable("1", in: "0-1") == true && CpusetList.isAvailable("0,2", in: "0-1") == false)
        #expect(CpusetList.isAvailable("9000", in: "0-1") == nil)
    }

    @Test func runningContainerGetsTheMergedLimitsWrittenV1() throws {
        let fixture = try CgroupFixture(.v1)
        for (controller, file, value) in [
            ("memory", "memory.limit_in_bytes", "9223372036854771712"), ("memory", "memory.memsw.limit_in_bytes", "9223372036854771712"),
            ("memory", "memory.soft_limit_in_bytes", "0"), ("cpu", "cpu.shares", "1024"), ("cpu", "cpu.cfs_period_us", "100000"),
            ("cpu", "cpu.cfs_quota_us", "-1"), ("pids", "pids.max", "max"), ("cpuset", "cpuset.cpus", "0-1"),
        ] {
            try fixture.set(controller, file, value)
        }
        let result = try Self.updater.update(
            containerID: "abc", current: Resources(cpuShares: 256),
            with: Resources(memory: 64 * Self.mib, cpusetCpus: "1", memorySwap: 128 * Self.mib, nanoCpus: 500_000_000, pidsLimit: 20),
            runningIn: fixture.paths)
        #expect(result.resources.nanoCpus == 500_000_000)
        #expect(try fixture.read("memory", "memory.limit_in_bytes") == "\(64 * Self.mib)")
        #expect(try fixture.read("memory", "memory.memsw.limit_in_bytes") == "\(128 * Self.mib)")
        #expect(try fixture.read("cpu", "cpu.shares") == "256")
        #expect(try fixture.read("cpu", "cpu.cfs_period_us") == "100000")
        #expect(try fixture.read("cpu", "cpu.cfs_quota_us") == "50000")
        #expect(try fixture.read("pids", "pids.max") == "20")
        #expect(try fixture.read("cpuset", "cpuset.cpus") == "1")
        #expect(try fixture.read("memory", "memory.soft_limit_in_bytes") == "0")  // never set: left alone
    }

    @Test func runningContainerGetsTheMergedLimitsWrittenV2() throws {
        let fixture = try CgroupFixture(.v2)
        for file in ["memory.max", "memory.swap.max", "cpu.max", "pids.max"] { try fixture.set("memory", file, "max") }
        _ = try Self.updater.update(
            containerID: "abc", current: Resources(),
            with: Resources(memory: 64 * Self.mib, memorySwap: 96 * Self.mib, nanoCpus: 250_000_000, pidsLimit: 7),
            runningIn: fixture.paths)
        #expect(try fixture.read("memory", "memory.max") == "\(64 * Self.mib)")
        #expect(try fixture.read("memory", "memory.swap.max") == "\(32 * Self.mib)")
        #expect(try fixture.read("cpu", "cpu.max") == "25000 100000")
        #expect(try fixture.read("pids", "pids.max") == "7")
    }

    @Test func aMissingControlFileIsASystemError() {
        let fixture = try? CgroupFixture(.v1)
        #expect {
            try Self.updater.update(
                containerID: "abc", current: Resources(), with: Resources(pidsLimit: 5), runningIn: fixture?.paths)
        } throws: { error in
            guard case .system(let message) = error as? EngineError else { return false }
            return message.hasPrefix("Cannot update container abc: open ") && message.contains("pids.max")
        }
    }
}

@Suite(.serialized, .enabled(if: Env.integration)) struct ContainerResourceUpdateLiveSerialTests {
    static func text(_ paths: CgroupPaths, _ controller: String, _ file: String) throws -> String {
        try String(contentsOfFile: "\(paths.directory(for: controller) ?? "")/\(file)", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func limitsChangeLiveAndReadBack() async throws {
        try await withLiveContainerCgroup { id, paths, pid in
            let layout = try CgroupLayout.current()
            let updater = ContainerResourceUpdate(support: CgroupHostSupport.current(layout: layout))
            let mib: Int64 = 1 << 20
            let first = try updater.update(
                containerID: id, current: Resources(),
                with: Resources(cpuShares: 512, memory: 64 * mib, memorySwap: 128 * mib, nanoCpus: 500_000_000, pidsLimit: 10),
                runningIn: paths)
            let v1 = paths.version == .v1
            #expect(try Self.text(paths, "memory", v1 ? "memory.limit_in_bytes" : "memory.max") == "\(64 * mib)")
            #expect(try Self.text(paths, "pids", "pids.max") == "10")
            if v1 {
                #expect(try Self.text(paths, "memory", "memory.memsw.limit_in_bytes") == "\(128 * mib)")
                #expect(try Self.text(paths, "cpu", "cpu.shares") == "512")
                #expect(try Self.text(paths, "cpu", "cpu.cfs_quota_us") == "50000")
                #expect(try Self.text(paths, "cpu", "cpu.cfs_period_us") == "100000")
            } else {
                #expect(try Self.text(paths, "cpu", "cpu.max") == "50000 100000")
            }
            // Raising memory above the old memory+swap: swap must be raised first (runc's order), or the kernel refuses.
            let second = try updater.update(
                containerID: id, current: first.resources, with: Resources(memory: 256 * mib, memorySwap: -1, pidsLimit: -1),
                runningIn: paths)
            #expect(second.resources.memory == 256 * mib && second.resources.pidsLimit == 0)
            #expect(try Self.text(paths, "memory", v1 ? "memory.limit_in_bytes" : "memory.max") == "\(256 * mib)")
            #expect(try Self.text(paths, "pids", "pids.max") == "max")
            let stats = try await ContainerStatsCollector(id: id, name: id, paths: paths, processID: { pid }).sample()
            #expect(stats.memoryStats.limit == UInt64(256 * mib) && stats.pidsStats.limit == nil)
            // dockerd refuses memory above the stored swap without a new swap value; nothing is written then.
            #expect(throws: EngineError.self) {
                try updater.update(containerID: id, current: first.resources, with: Resources(memory: 512 * mib), runningIn: paths)
            }
            #expect(try Self.text(paths, "memory", v1 ? "memory.limit_in_bytes" : "memory.max") == "\(256 * mib)")
        }
    }
}
