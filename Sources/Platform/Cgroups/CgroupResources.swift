// SPDX-License-Identifier: Apache-2.0
// The resource limits `docker run`/`docker update` set, as plain values (nil = leave unchanged).

/// Limits to write into a cgroup. Every field is optional: nil leaves the current value alone, so `docker update`
/// can change one limit live. Byte and count values use Docker's conventions: -1 = unlimited, 0 = not set.
public struct CgroupResources: Sendable, Equatable {
    /// Memory limit in bytes (`--memory`); -1 = unlimited.
    public var memory: Int64?
    /// Memory soft limit in bytes (`--memory-reservation`): v1 `memory.soft_limit_in_bytes`, v2 `memory.low`.
    public var memoryReservation: Int64?
    /// Memory + swap in bytes (`--memory-swap`); -1 = unlimited swap.
    public var memorySwap: Int64?
    /// CPU shares (`--cpu-shares`, 2…262144); 0 = not set.
    public var cpuShares: UInt64?
    /// CFS quota in µs (`--cpu-quota`, `--cpus` × period); -1 or 0 = unlimited.
    public var cpuQuota: Int64?
    /// CFS period in µs (`--cpu-period`).
    public var cpuPeriod: UInt64?
    /// CPUs allowed (`--cpuset-cpus`, e.g. `0-1`).
    public var cpusetCpus: String?
    /// Memory nodes allowed (`--cpuset-mems`).
    public var cpusetMems: String?
    /// Process limit (`--pids-limit`); 0 or -1 = unlimited.
    public var pidsLimit: Int64?
    /// Block I/O weight (`--blkio-weight`, 10…1000); 0 = not set.
    public var blkioWeight: UInt16?
    /// Disables the OOM killer (`--oom-kill-disable`); v1 only, ignored on v2.
    public var oomKillDisable: Bool?

    /// Creates a value; every limit defaults to "leave unchanged".
    public init(
        memory: Int64? = nil, memoryReservation: Int64? = nil, memorySwap: Int64? = nil, cpuShares: UInt64? = nil,
        cpuQuota: Int64? = nil, cpuPeriod: UInt64? = nil, cpusetCpus: String? = nil, cpusetMems: String? = nil,
        pidsLimit: Int64? = nil, blkioWeight: UInt16? = nil, oomKillDisable: Bool? = nil
    ) {
        self.memory = memory
        self.memoryReservation = memoryReservation
        self.memorySwap = memorySwap
        self.cpuShares = cpuShares
        self.cpuQuota = cpuQuota
        self.cpuPeriod = cpuPeriod
        self.cpusetCpus = cpusetCpus
        self.cpusetMems = cpusetMems
        self.pidsLimit = pidsLimit
        self.blkioWeight = blkioWeight
        self.oomKillDisable = oomKillDisable
    }
}

/// One control-file write: `value` into `file` under the directory of `controller`.
public struct CgroupWrite: Sendable, Equatable, CustomStringConvertible {
    /// The controller whose directory holds the file (v1); ignored on v2 (one directory).
    public var controller: String
    /// The control file's name, e.g. `memory.limit_in_bytes`.
    public var file: String
    /// The text written.
    public var value: String

    /// Creates a write.
    public init(_ controller: String, _ file: String, _ value: String) {
        self.controller = controller
        self.file = file
        self.value = value
    }

    /// `file=value`, for test output.
    public var description: String { "\(file)=\(value)" }
}
