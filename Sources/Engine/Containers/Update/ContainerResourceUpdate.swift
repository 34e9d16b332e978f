// SPDX-License-Identifier: Apache-2.0
// `POST /containers/{id}/update`: validates an update, merges it into the stored limits, applies them live.

import Models
import Platform

/// The result of an update: what the caller stores, and what it answers.
public struct ContainerResourceUpdateResult: Sendable, Equatable {
    /// The container's limits after the update (persist as `HostConfig`'s resources).
    public var resources: Resources
    /// The new restart policy when the body named one (the caller persists it and re-arms its monitor); nil
    /// when the body left it unchanged (`Name` empty).
    public var restartPolicy: RestartPolicy?
    /// `Warnings` of the response (limits the host cannot enforce, dropped).
    public var warnings: [String]
}

/// `docker update` as dockerd does it (moby `daemon/update.go`, `container.UpdateContainer`): check the body,
/// merge its non-zero fields into the stored limits, and, while the container runs, write the merged limits into
/// its cgroup. Persisting the result, the `update` event and the restart monitor are the caller's job.
public struct ContainerResourceUpdate: Sendable {
    /// What the host supports (decides warnings and the cpuset/NanoCpus bounds).
    public let support: CgroupHostSupport

    /// Creates an updater for a host with `support` (`CgroupHostSupport.current(layout:)`).
    public init(support: CgroupHostSupport) {
        self.support = support
    }

    /// Validates `update` (the body's resources) and `restartPolicy`, merges them into `current`, and applies the
    /// merged limits to `paths` when the container runs (`paths` nil = not running: stored, used at next start).
    /// Body errors are `.invalidParameter` with dockerd's text; merge conflicts are `.invalidParameter("Cannot
    /// update container <id>: …")`; a failed cgroup write is `.system("Cannot update container <id>: …")`.
    public func update(
        containerID: String, current: Resources, with update: Resources, restartPolicy: RestartPolicy = RestartPolicy(),
        autoRemove: Bool = false, runningIn paths: CgroupPaths?
    ) throws(EngineError) -> ContainerResourceUpdateResult {
        try Self.validate(restartPolicy: restartPolicy)
        var body = update
        let warnings = try verify(&body)
        let merged = try Self.merge(body, into: current, containerID: containerID)
        if !restartPolicy.name.isEmpty && autoRemove && restartPolicy.name != "no" {
            throw Self.cannotUpdate(containerID, "Restart policy cannot be updated because AutoRemove is enabled for the container")
        }
        if let paths { try Self.apply(merged, to: paths, containerID: containerID) }
        return ContainerResourceUpdateResult(
            resources: merged, restartPolicy: restartPolicy.name.isEmpty ? nil : restartPolicy, warnings: warnings)
    }

    /// dockerd's restart-policy check of any HostConfig (20.10 `verifyContainerSettings`).
    public static func validate(restartPolicy policy: RestartPolicy) throws(EngineError) {
        switch policy.name {
        case "always", "unless-stopped", "no":
            if policy.maximumRetryCount != 0 {
                throw .invalidParameter("maximum retry count cannot be used with restart policy '\(policy.name)'")
            }
        case "on-failure":
            if policy.maximumRetryCount < 0 { throw .invalidParameter("maximum retry count cannot be negative") }
        case "":
            break
        default:
            throw .invalidParameter("invalid restart policy '\(policy.name)'")
        }
    }

    /// Writes `resources` (the full merged set, as dockerd hands containerd) into the cgroup.
    public static func apply(_ resources: Resources, to paths: CgroupPaths, containerID: String) throws(EngineError) {
        do {
            try CgroupLimits.apply(cgroupResources(resources), to: paths)
        } catch {
            throw .system("Cannot update container \(containerID): \(error)")
        }
    }

    /// The cgroup writes for stored limits (moby `toContainerdResources`): zero fields left alone, NanoCpus as a
    /// 100 ms period, a pids limit of 0 or less as unlimited.
    public static func cgroupResources(_ r: Resources) -> CgroupResources {
        var result = CgroupResources()
        if r.memory != 0 { result.memory = r.memory }
        if r.memorySwap != 0 { result.memorySwap = r.memorySwap }
        if r.memoryReservation != 0 { result.memoryReservation = r.memoryReservation }
        if r.cpuShares > 0 { result.cpuShares = UInt64(r.cpuShares) }
        if r.nanoCpus > 0 {
            result.cpuPeriod = 100_000
            result.cpuQuota = r.nanoCpus * 100_000 / 1_000_000_000
        } else {
            if r.cpuPeriod > 0 { result.cpuPeriod = UInt64(r.cpuPeriod) }
            if r.cpuQuota != 0 { result.cpuQuota = r.cpuQuota }
        }
        if !r.cpusetCpus.isEmpty { result.cpusetCpus = r.cpusetCpus }
        if !r.cpusetMems.isEmpty { result.cpusetMems = r.cpusetMems }
        if let pids = r.pidsLimit { result.pidsLimit = pids > 0 ? pids : -1 }
        if r.blkioWeight > 0 { result.blkioWeight = UInt16(clamping: r.blkioWeight) }
        return result
    }

    /// `Cannot update container <id>: <reason>` as a 400.
    static func cannotUpdate(_ containerID: String, _ reason: String) -> EngineError {
        .invalidParameter("Cannot update container \(containerID): \(reason)")
    }
}
