// SPDX-License-Identifier: Apache-2.0
// Which resource limits the host's cgroups support, as `GET /info` reports them (moby pkg/sysinfo).

/// Resource-limit support derived from the cgroup layout: v1 probes control files under each controller's
/// mount point (moby `cgroup_v1.go`); v2 reads the enabled controllers of the daemon's own group (`cgroup_v2.go`).
public struct CgroupFeatures: Sendable, Equatable {
    /// `MemoryLimit`: memory controller available.
    public var memoryLimit: Bool
    /// `SwapLimit`: memory+swap limits (v1 `memory.memsw.limit_in_bytes`).
    public var swapLimit: Bool
    /// `KernelMemoryTCP`: v1 `memory.kmem.tcp.limit_in_bytes`; never on v2.
    public var kernelMemoryTCP: Bool
    /// `OomKillDisable`: v1 `memory.oom_control`; never on v2.
    public var oomKillDisable: Bool
    /// `CPUShares`: v1 `cpu.shares`, v2 `cpu` controller.
    public var cpuShares: Bool
    /// `CpuCfsPeriod`: v1 `cpu.cfs_period_us`, v2 `cpu` controller.
    public var cpuCfsPeriod: Bool
    /// `CpuCfsQuota`: v1 `cpu.cfs_quota_us`, v2 `cpu` controller.
    public var cpuCfsQuota: Bool
    /// `CPUSet`: v1 `cpuset.cpus`, v2 `cpuset` controller.
    public var cpuSet: Bool
    /// `PidsLimit`: `pids` controller.
    public var pidsLimit: Bool

    /// Creates a value from known flags; everything defaults to unsupported.
    public init(
        memoryLimit: Bool = false,
        swapLimit: Bool = false,
        kernelMemoryTCP: Bool = false,
        oomKillDisable: Bool = false,
        cpuShares: Bool = false,
        cpuCfsPeriod: Bool = false,
        cpuCfsQuota: Bool = false,
        cpuSet: Bool = false,
        pidsLimit: Bool = false
    ) {
        self.memoryLimit = memoryLimit
        self.swapLimit = swapLimit
        self.kernelMemoryTCP = kernelMemoryTCP
        self.oomKillDisable = oomKillDisable
        self.cpuShares = cpuShares
        self.cpuCfsPeriod = cpuCfsPeriod
        self.cpuCfsQuota = cpuCfsQuota
        self.cpuSet = cpuSet
        self.pidsLimit = pidsLimit
    }

    /// Probes the running host for `layout` (reads /proc/self/cgroup and control files).
    public static func current(layout: CgroupLayout) -> CgroupFeatures {
        switch layout.version {
        case .v1:
            return v1(layout: layout, fileExists: SystemFile.exists)
        case .v2:
            let root = layout.unifiedMount ?? CgroupLayout.defaultRoot
            let own = SystemFile.readIfPresent("/proc/self/cgroup").flatMap(unifiedGroupPath) ?? "/"
            let ownFile = own == "/" ? "\(root)/cgroup.controllers" : "\(root)\(own)/cgroup.controllers"
            let text = SystemFile.readIfPresent(ownFile) ?? SystemFile.readIfPresent("\(root)/cgroup.controllers") ?? ""
            return v2(controllers: parseControllers(text))
        }
    }

    /// v1 support from the control files present under each controller's mount point.
    public static func v1(layout: CgroupLayout, fileExists: (String) -> Bool) -> CgroupFeatures {
        var features = CgroupFeatures()
        if let memory = layout.mountPoint(of: "memory") {
            features.memoryLimit = true
            features.swapLimit = fileExists("\(memory)/memory.memsw.limit_in_bytes")
            features.kernelMemoryTCP = fileExists("\(memory)/memory.kmem.tcp.limit_in_bytes")
            features.oomKillDisable = fileExists("\(memory)/memory.oom_control")
        }
        if let cpu = layout.mountPoint(of: "cpu") {
            features.cpuShares = fileExists("\(cpu)/cpu.shares")
            features.cpuCfsPeriod = fileExists("\(cpu)/cpu.cfs_period_us")
            features.cpuCfsQuota = fileExists("\(cpu)/cpu.cfs_quota_us")
        }
        if let cpuset = layout.mountPoint(of: "cpuset") {
            features.cpuSet = fileExists("\(cpuset)/cpuset.cpus") && fileExists("\(cpuset)/cpuset.mems")
        }
        features.pidsLimit = layout.mountPoint(of: "pids") != nil
        return features
    }

    /// v2 support from the controllers enabled for the daemon's group (`cgroup.controllers`).
    public static func v2(controllers: Set<String>) -> CgroupFeatures {
        let cpu = controllers.contains("cpu")
        let memory = controllers.contains("memory")
        return CgroupFeatures(
            memoryLimit: memory,
            swapLimit: memory,
            cpuShares: cpu,
            cpuCfsPeriod: cpu,
            cpuCfsQuota: cpu,
            cpuSet: controllers.contains("cpuset"),
            pidsLimit: controllers.contains("pids"))
    }

    /// Parses a `cgroup.controllers` file: space-separated names, e.g. `cpuset cpu io memory pids`.
    public static func parseControllers(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// The unified-hierarchy path in /proc/self/cgroup text (the `0::/path` line); nil when there is none.
    public static func unifiedGroupPath(procSelfCgroup text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("0::") {
            return String(line.dropFirst(3))
        }
        return nil
    }

    /// dockerd's `GET /info` warnings for missing support (moby `daemon/info_unix.go`), in its order.
    public func warnings(version: CgroupLayout.Version) -> [String] {
        var warnings: [String] = []
        if !memoryLimit { warnings.append("WARNING: No memory limit support") }
        if !swapLimit { warnings.append("WARNING: No swap limit support") }
        if !kernelMemoryTCP && version == .v1 { warnings.append("WARNING: No kernel memory TCP limit support") }
        if !oomKillDisable && version == .v1 { warnings.append("WARNING: No oom kill disable support") }
        if !cpuCfsQuota { warnings.append("WARNING: No cpu cfs quota support") }
        if !cpuCfsPeriod { warnings.append("WARNING: No cpu cfs period support") }
        if !cpuShares { warnings.append("WARNING: No cpu shares support") }
        if !cpuSet { warnings.append("WARNING: No cpuset support") }
        return warnings
    }
}
