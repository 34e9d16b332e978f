// SPDX-License-Identifier: Apache-2.0
// Merging an update body into the stored limits (moby `container.UpdateContainer`): non-zero fields win.

import Models

extension ContainerResourceUpdate {
    /// `current` with every non-zero field of `update` taken over. NanoCpus and CFS period/quota exclude each
    /// other across the two (one sets the other), and a memory limit above the stored memory+swap needs a new
    /// swap value in the same update. A pids limit of 0 or less is stored as 0 (unlimited).
    public static func merge(_ update: Resources, into current: Resources, containerID: String) throws(EngineError) -> Resources {
        if update.nanoCpus > 0 && current.cpuPeriod > 0 {
            throw cannotUpdate(containerID, "Conflicting options: Nano CPUs cannot be updated as CPU Period has already been set")
        }
        if update.nanoCpus > 0 && current.cpuQuota > 0 {
            throw cannotUpdate(containerID, "Conflicting options: Nano CPUs cannot be updated as CPU Quota has already been set")
        }
        if update.cpuPeriod > 0 && current.nanoCpus > 0 {
            throw cannotUpdate(containerID, "Conflicting options: CPU Period cannot be updated as NanoCPUs has already been set")
        }
        if update.cpuQuota > 0 && current.nanoCpus > 0 {
            throw cannotUpdate(containerID, "Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set")
        }
        var merged = current
        if update.blkioWeight != 0 { merged.blkioWeight = update.blkioWeight }
        if update.cpuShares != 0 { merged.cpuShares = update.cpuShares }
        if update.nanoCpus != 0 { merged.nanoCpus = update.nanoCpus }
        if update.cpuPeriod != 0 { merged.cpuPeriod = update.cpuPeriod }
        if update.cpuQuota != 0 { merged.cpuQuota = update.cpuQuota }
        if !update.cpusetCpus.isEmpty { merged.cpusetCpus = update.cpusetCpus }
        if !update.cpusetMems.isEmpty { merged.cpusetMems = update.cpusetMems }
        if update.memory != 0 {
            // dockerd compares with the stored swap even when that is 0 or -1, so `--memory` alone fails on a
            // container created without limits: the CLI user must pass `--memory-swap` too.
            if update.memory > current.memorySwap && update.memorySwap == 0 {
                throw cannotUpdate(
                    containerID,
                    "Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time")
            }
            merged.memory = update.memory
        }
        if update.memorySwap != 0 { merged.memorySwap = update.memorySwap }
        if update.memoryReservation != 0 { merged.memoryReservation = update.memoryReservation }
        if update.cpuRealtimePeriod != 0 { merged.cpuRealtimePeriod = update.cpuRealtimePeriod }
        if update.cpuRealtimeRuntime != 0 { merged.cpuRealtimeRuntime = update.cpuRealtimeRuntime }
        // moby's router turns 0 and -1 (and any negative) into 0 = unlimited before the daemon sees it.
        if let pids = update.pidsLimit { merged.pidsLimit = max(pids, 0) }
        return merged
    }
}
