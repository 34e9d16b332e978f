// SPDX-License-Identifier: Apache-2.0
// Resource checks of a create request (moby `verifyPlatformContainerResources` with update=false, and the
// defaults of `adaptContainerSettings`): the update checks plus the create-only ones, and dockerd's warnings.

import Models
import Platform

extension ContainerCreateRules {
    /// `--ulimit` names (go-units `ulimitNameMapping`); runc refuses any other `RLIMIT_` at start.
    static let ulimitNames: Set<String> = [
        "as", "core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime",
        "sigpending", "stack",
    ]

    /// Validates `host.resources` against `support`, drops what the host cannot enforce, fills dockerd's defaults
    /// (swap twice the memory limit when swap is limitable, 64 MiB /dev/shm) and returns the warnings for the reply.
    public static func verifyResources(_ host: inout HostConfig, support: CgroupHostSupport) throws(EngineError) -> [String] {
        var resources = host.resources
        // A swap limit needs a memory limit; `docker update` may set one alone (the stored memory applies).
        if resources.memory == 0 && resources.memorySwap > 0 {
            throw .invalidParameter("You should always set the Memory limit when using Memoryswap limit, see usage")
        }
        var warnings = try ContainerResourceUpdate(support: support).verify(&resources)
        if resources.oomKillDisable == true {
            if !support.features.oomKillDisable {
                warnings.append("Your kernel does not support OomKillDisable. OomKillDisable discarded.")
                resources.oomKillDisable = false
            } else if resources.memory == 0 {
                warnings.append(
                    "OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources."
                )
            }
        }
        for limit in resources.ulimits ?? [] {
            guard ulimitNames.contains(limit.name) else { throw .invalidParameter("invalid ulimit type: \(limit.name)") }
            guard limit.soft <= limit.hard || limit.hard < 0 else {
                throw .invalidParameter("ulimit soft limit must be less than or equal to hard limit: \(limit.soft) > \(limit.hard)")
            }
        }
        if resources.memory > 0 && resources.memorySwap == 0 && support.features.swapLimit {
            resources.memorySwap = resources.memory * 2
        }
        host.resources = resources
        if host.shmSize < 0 { throw .invalidParameter("SHM size can not be less than 0") }
        if host.shmSize == 0 { host.shmSize = SpecBuilder.defaultShmSize }
        return warnings
    }
}
