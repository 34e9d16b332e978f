// SPDX-License-Identifier: Apache-2.0
// Host facts that do not change while the daemon runs, read once at start.

import Platform

/// Kernel, OS, memory, cgroup and security facts of this host.
struct HostSnapshot: Sendable {
    var kernel = ""
    var hostname = ""
    var operatingSystem = ""
    var osVersion = ""
    var architecture = ""
    var goArch = ""
    var memTotal: Int64 = 0
    var cgroupDriver = "cgroupfs"
    var cgroupVersion = "1"
    var cgroupFeatures = CgroupFeatures(
        memoryLimit: false, swapLimit: false, kernelMemoryTCP: false, oomKillDisable: false, cpuShares: false, cpuCfsPeriod: false,
        cpuCfsQuota: false, cpuSet: false, pidsLimit: false)
    var securityOptions: [String] = []
    var backingFilesystem = "extfs"
    var warnings: [String] = []

    static func read() -> HostSnapshot {
        var snapshot = HostSnapshot()
        if let uname = try? Uname.current() {
            snapshot.kernel = uname.release
            snapshot.architecture = uname.machine
            snapshot.goArch = HostFacts.goArch(forMachine: uname.machine)
        }
        snapshot.hostname = (try? HostFacts.hostname()) ?? ""
        if let release = OSRelease.load() {
            snapshot.operatingSystem = release.operatingSystem
            snapshot.osVersion = release.versionID ?? ""
        }
        snapshot.memTotal = (try? MemInfo.current().memTotal) ?? 0
        if let layout = try? CgroupLayout.current() {
            snapshot.cgroupDriver = layout.driver
            snapshot.cgroupVersion = layout.version.rawValue
            snapshot.cgroupFeatures = CgroupFeatures.current(layout: layout)
            snapshot.warnings = snapshot.cgroupFeatures.warnings(version: layout.version)
        }
        snapshot.securityOptions = SecurityFeatures.current().securityOptions()
        return snapshot
    }
}
