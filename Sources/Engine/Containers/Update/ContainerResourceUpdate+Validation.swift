// SPDX-License-Identifier: Apache-2.0
// dockerd's checks of an update body (moby `verifyPlatformContainerResources` with update=true), same order and text.

import Models
import Platform

extension ContainerResourceUpdate {
    /// 6 MiB, dockerd's `linuxMinMemory`.
    public static let minimumMemory: Int64 = 6 * 1024 * 1024

    /// Checks `resources` (the update body) against the host: limits the host cannot enforce are dropped with a
    /// warning, bad values throw `.invalidParameter` with dockerd's message. Returns the warnings.
    func verify(_ r: inout Resources) throws(EngineError) -> [String] {
        var warnings = try verifyMemory(&r)
        warnings += try verifyCPU(&r)
        warnings += try verifyCpuset(&r)
        if r.blkioWeight > 0 && !support.blkioWeight {
            warnings.append("Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.")
            r.blkioWeight = 0
        }
        if r.blkioWeight > 0 && (r.blkioWeight < 10 || r.blkioWeight > 1000) {
            throw .invalidParameter("Range of blkio weight is from 10 to 1000")
        }
        return warnings
    }

    /// Memory, swap, swappiness, reservation and pids.
    func verifyMemory(_ r: inout Resources) throws(EngineError) -> [String] {
        let features = support.features
        var warnings: [String] = []
        if r.memory != 0 && r.memory < Self.minimumMemory {
            throw .invalidParameter("Minimum memory limit allowed is 6MB")
        }
        if r.memory > 0 && !features.memoryLimit {
            warnings.append("Your kernel does not support memory limit capabilities or the cgroup is not mounted. Limitation discarded.")
            r.memory = 0
            r.memorySwap = -1
        }
        if r.memory > 0 && r.memorySwap != -1 && !features.swapLimit {
            warnings.append(
                "Your kernel does not support swap limit capabilities or the cgroup is not mounted. Memory limited without swap.")
            r.memorySwap = -1
        }
        if r.memory > 0 && r.memorySwap > 0 && r.memorySwap < r.memory {
            throw .invalidParameter("Minimum memoryswap limit should be larger than memory limit, see usage")
        }
        // "You should always set the Memory limit when using Memoryswap limit" is a create-only check.
        // -1 is "not set" (the docker CLI sends it by default), as in moby's check.
        if let swappiness = r.memorySwappiness, swappiness < -1 || swappiness > 100 {
            throw .invalidParameter("Invalid value: \(swappiness), valid memory swappiness range is 0-100")
        }
        if r.memoryReservation > 0 && !features.memoryLimit {
            warnings.append(
                "Your kernel does not support memory soft limit capabilities or the cgroup is not mounted. Limitation discarded.")
            r.memoryReservation = 0
        }
        if r.memoryReservation > 0 && r.memoryReservation < Self.minimumMemory {
            throw .invalidParameter("Minimum memory reservation allowed is 6MB")
        }
        if r.memory > 0 && r.memoryReservation > 0 && r.memory < r.memoryReservation {
            throw .invalidParameter("Minimum memory limit can not be less than memory reservation limit, see usage")
        }
        if r.pidsLimit != nil && !features.pidsLimit {
            warnings.append("Your kernel does not support PIDs limit capabilities or the cgroup is not mounted. PIDs limit discarded.")
            r.pidsLimit = nil
        }
        return warnings
    }

    /// NanoCpus, shares, CFS period and quota, CPU percent.
    func verifyCPU(_ r: inout Resources) throws(EngineError) -> [String] {
        let features = support.features
        var warnings: [String] = []
        if r.nanoCpus > 0 && r.cpuPeriod > 0 {
            throw .invalidParameter("Conflicting options: Nano CPUs and CPU Period cannot both be set")
        }
        if r.nanoCpus > 0 && r.cpuQuota > 0 {
            throw .invalidParameter("Conflicting options: Nano CPUs and CPU Quota cannot both be set")
        }
        if r.nanoCpus > 0 && !(features.cpuCfsPeriod && features.cpuCfsQuota) {
            throw .invalidParameter(
                "NanoCPUs can not be set, as your kernel does not support CPU CFS scheduler or the cgroup is not mounted")
        }
        let cpus = support.onlineCPUs
        if r.nanoCpus < 0 || r.nanoCpus > Int64(cpus) * 1_000_000_000 {
            throw .invalidParameter("Range of CPUs is from 0.01 to \(cpus).00, as there are only \(cpus) CPUs available")
        }
        if r.cpuShares > 0 && !features.cpuShares {
            warnings.append("Your kernel does not support CPU shares or the cgroup is not mounted. Shares discarded.")
            r.cpuShares = 0
        }
        if r.cpuPeriod != 0 && !features.cpuCfsPeriod {
            warnings.append("Your kernel does not support CPU cfs period or the cgroup is not mounted. Period discarded.")
            r.cpuPeriod = 0
        }
        if r.cpuQuota != 0 && !features.cpuCfsQuota {
            warnings.append("Your kernel does not support CPU cfs quota or the cgroup is not mounted. Quota discarded.")
            r.cpuQuota = 0
        }
        if r.cpuPeriod != 0 && (r.cpuPeriod < 1000 || r.cpuPeriod > 1_000_000) {
            throw .invalidParameter("CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1s (i.e. 1000000)")
        }
        if r.cpuQuota > 0 && r.cpuQuota < 1000 {
            throw .invalidParameter("CPU cfs quota can not be less than 1ms (i.e. 1000)")
        }
        if r.cpuPercent > 0 {
            warnings.append("linux does not support CPU percent. Percent discarded.")
            r.cpuPercent = 0
        }
        return warnings
    }

    /// `cpuset.cpus`/`cpuset.mems`: parseable and within what the host offers.
    func verifyCpuset(_ r: inout Resources) throws(EngineError) -> [String] {
        if (!r.cpusetCpus.isEmpty || !r.cpusetMems.isEmpty) && !support.features.cpuSet {
            r.cpusetCpus = ""
            r.cpusetMems = ""
            return ["Your kernel does not support cpuset or the cgroup is not mounted. Cpuset discarded."]
        }
        guard let cpusAvailable = CpusetList.isAvailable(r.cpusetCpus, in: support.cpus) else {
            throw .invalidParameter("Invalid value \(r.cpusetCpus) for cpuset cpus: invalid format: \(r.cpusetCpus)")
        }
        if !cpusAvailable {
            throw .invalidParameter("Requested CPUs are not available - requested \(r.cpusetCpus), available: \(support.cpus)")
        }
        guard let memsAvailable = CpusetList.isAvailable(r.cpusetMems, in: support.mems) else {
            throw .invalidParameter("Invalid value \(r.cpusetMems) for cpuset mems: invalid format: \(r.cpusetMems)")
        }
        if !memsAvailable {
            throw .invalidParameter(
                "Requested memory nodes are not available - requested \(r.cpusetMems), available: \(support.mems)")
        }
        return []
    }
}
