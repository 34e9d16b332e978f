// SPDX-License-Identifier: Apache-2.0
// Memory and CPU cgroup settings of the runtime spec (config-linux.md "Memory", "CPU").

extension OCIRuntimeSpec {
    /// Memory limits in bytes (`resources.memory`).
    public struct Memory: Codable, Sendable, Hashable {
        /// Hard limit (`limit`).
        public var limit: Int64?
        /// Soft limit (`reservation`).
        public var reservation: Int64?
        /// Memory+swap limit (`swap`).
        public var swap: Int64?
        /// Kernel memory limit, deprecated (`kernel`).
        public var kernel: Int64?
        /// Kernel TCP buffer limit (`kernelTCP`).
        public var kernelTCP: Int64?
        /// vm.swappiness for the cgroup (`swappiness`).
        public var swappiness: UInt64?
        /// Disables the OOM killer (`disableOOMKiller`).
        public var disableOOMKiller: Bool?

        /// Creates memory limits.
        public init(
            limit: Int64? = nil, reservation: Int64? = nil, swap: Int64? = nil, kernel: Int64? = nil,
            kernelTCP: Int64? = nil, swappiness: UInt64? = nil, disableOOMKiller: Bool? = nil
        ) {
            self.limit = limit
            self.reservation = reservation
            self.swap = swap
            self.kernel = kernel
            self.kernelTCP = kernelTCP
            self.swappiness = swappiness
            self.disableOOMKiller = disableOOMKiller
        }
    }

    /// CPU limits (`resources.cpu`).
    public struct CPU: Codable, Sendable, Hashable {
        /// Relative weight (`shares`).
        public var shares: UInt64?
        /// CFS quota in µs per period (`quota`).
        public var quota: Int64?
        /// CFS period in µs (`period`).
        public var period: UInt64?
        /// Realtime runtime in µs (`realtimeRuntime`).
        public var realtimeRuntime: Int64?
        /// Realtime period in µs (`realtimePeriod`).
        public var realtimePeriod: UInt64?
        /// cpuset CPUs, e.g. `0-1` (`cpus`).
        public var cpus: String?
        /// cpuset memory nodes (`mems`).
        public var mems: String?

        /// Creates CPU limits.
        public init(
            shares: UInt64? = nil, quota: Int64? = nil, period: UInt64? = nil, realtimeRuntime: Int64? = nil,
            realtimePeriod: UInt64? = nil, cpus: String? = nil, mems: String? = nil
        ) {
            self.shares = shares
            self.quota = quota
            self.period = period
            self.realtimeRuntime = realtimeRuntime
            self.realtimePeriod = realtimePeriod
            self.cpus = cpus
            self.mems = mems
        }
    }
}
