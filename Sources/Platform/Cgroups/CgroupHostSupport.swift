// SPDX-License-Identifier: Apache-2.0
// What a resource update may use on this host: `CgroupFeatures` plus blkio weight and the cpusets on offer.

/// The host facts dockerd's resource validation reads (moby `pkg/sysinfo`): supported limits, whether block
/// I/O weights work, and the CPUs and memory nodes a container may be pinned to.
public struct CgroupHostSupport: Sendable, Equatable {
    /// Limit support as `GET /info` reports it.
    public var features: CgroupFeatures
    /// `BlkioWeight`: v1 `blkio.weight` or `blkio.bfq.weight`, v2 the `io` controller.
    public var blkioWeight: Bool
    /// CPUs available to containers, cpuset list syntax (`0-1`).
    public var cpus: String
    /// Memory nodes available to containers (`0`).
    public var mems: String
    /// Online CPUs (dockerd's `sysinfo.NumCPU`), the upper bound of `NanoCpus`.
    public var onlineCPUs: Int

    /// Creates a value from known facts.
    public init(features: CgroupFeatures, blkioWeight: Bool, cpus: String, mems: String, onlineCPUs: Int) {
        self.features = features
        self.blkioWeight = blkioWeight
        self.cpus = cpus
        self.mems = mems
        self.onlineCPUs = onlineCPUs
    }

    /// Probes the running host: v1 reads the root files of the blkio and cpuset hierarchies, v2 the root's
    /// `cgroup.controllers` and `cpuset.{cpus,mems}.effective`.
    public static func current(layout: CgroupLayout) -> CgroupHostSupport {
        let features = CgroupFeatures.current(layout: layout)
        var support = CgroupHostSupport(features: features, blkioWeight: false, cpus: "", mems: "", onlineCPUs: HostFacts.onlineCPUCount())
        switch layout.version {
        case .v1:
            if let blkio = layout.mountPoint(of: "blkio") {
                support.blkioWeight = SystemFile.exists("\(blkio)/blkio.weight") || SystemFile.exists("\(blkio)/blkio.bfq.weight")
            }
            if let cpuset = layout.mountPoint(of: "cpuset") {
                support.cpus = SystemFile.readIfPresent("\(cpuset)/cpuset.cpus").map(SystemFile.trimmed) ?? ""
                support.mems = SystemFile.readIfPresent("\(cpuset)/cpuset.mems").map(SystemFile.trimmed) ?? ""
            }
        case .v2:
            let root = layout.unifiedMount ?? CgroupLayout.defaultRoot
            let controllers = CgroupFeatures.parseControllers(SystemFile.readIfPresent("\(root)/cgroup.controllers") ?? "")
            support.blkioWeight = controllers.contains("io")
            support.cpus = SystemFile.readIfPresent("\(root)/cpuset.cpus.effective").map(SystemFile.trimmed) ?? ""
            support.mems = SystemFile.readIfPresent("\(root)/cpuset.mems.effective").map(SystemFile.trimmed) ?? ""
        }
        return support
    }
}
