// SPDX-License-Identifier: Apache-2.0
// One snapshot of a cgroup's resource counters as plain values (no Docker JSON; the engine maps them).

/// Memory counters. v1: `memory.usage_in_bytes`, `memory.limit_in_bytes`, `memory.max_usage_in_bytes`,
/// `memory.failcnt`; v2: `memory.current`, `memory.max` (no max usage or failcnt).
public struct CgroupMemoryStats: Sendable, Equatable {
    /// Current usage in bytes.
    public var usage: UInt64 = 0
    /// The limit in bytes; nil when unlimited (v2 `max`). v1 reports unlimited as a huge number, kept as is.
    public var limit: UInt64?
    /// Peak usage in bytes (v1 only).
    public var maxUsage: UInt64?
    /// How often usage hit the limit (v1 only).
    public var failcnt: UInt64?
    /// `memory.stat` as read: v1 `cache`, `rss`, `total_inactive_file`, …; v2 `anon`, `file`, `inactive_file`, ….
    public var stat: [String: UInt64] = [:]

    /// Creates empty counters.
    public init() {}
}

/// CPU counters, all in nanoseconds except the period counts.
public struct CgroupCPUStats: Sendable, Equatable {
    /// Total CPU time consumed (v1 `cpuacct.usage`; v2 `usage_usec` × 1000).
    public var totalUsage: UInt64 = 0
    /// Time in user mode (v1 `cpuacct.stat` user ticks → ns; v2 `user_usec` × 1000).
    public var userUsage: UInt64 = 0
    /// Time in kernel mode (v1 `cpuacct.stat` system ticks → ns; v2 `system_usec` × 1000).
    public var kernelUsage: UInt64 = 0
    /// Per-CPU totals (v1 `cpuacct.usage_percpu`); empty on v2.
    public var perCPUUsage: [UInt64] = []
    /// CFS periods elapsed (`nr_periods`).
    public var periods: UInt64 = 0
    /// Periods in which the group was throttled (`nr_throttled`).
    public var throttledPeriods: UInt64 = 0
    /// Total throttled time (v1 `throttled_time`; v2 `throttled_usec` × 1000).
    public var throttledTime: UInt64 = 0

    /// Creates zeroed counters.
    public init() {}
}

/// Process-count counters (`pids.current`, `pids.max`).
public struct CgroupPidsStats: Sendable, Equatable {
    /// Tasks in the group.
    public var current: UInt64 = 0
    /// The limit; nil when `max` (unlimited).
    public var limit: UInt64?

    /// Creates zeroed counters.
    public init() {}
}

/// One v1 blkio line: `8:0 Read 4096` (the `Total` line is dropped).
public struct CgroupBlkioEntry: Sendable, Equatable {
    /// Device major number.
    public var major: UInt64
    /// Device minor number.
    public var minor: UInt64
    /// Operation as the kernel spells it: `Read`, `Write`, `Sync`, `Async`, `Discard`, `Total`.
    public var op: String
    /// The counter.
    public var value: UInt64

    /// Creates an entry.
    public init(major: UInt64, minor: UInt64, op: String, value: UInt64) {
        self.major = major
        self.minor = minor
        self.op = op
        self.value = value
    }
}

/// One v2 `io.stat` line: `8:0 rbytes=4096 wbytes=0 rios=1 wios=0 dbytes=0 dios=0`.
public struct CgroupIOStatEntry: Sendable, Equatable {
    /// Device major number.
    public var major: UInt64
    /// Device minor number.
    public var minor: UInt64
    /// The counters by key (`rbytes`, `wbytes`, `rios`, `wios`, `dbytes`, `dios`).
    public var counters: [String: UInt64]

    /// Creates an entry.
    public init(major: UInt64, minor: UInt64, counters: [String: UInt64]) {
        self.major = major
        self.minor = minor
        self.counters = counters
    }
}

/// Block I/O counters: v1 fills the two entry lists, v2 fills `ioStat`.
public struct CgroupBlkioStats: Sendable, Equatable {
    /// v1 `blkio[.bfq|.throttle].io_service_bytes_recursive`.
    public var serviceBytes: [CgroupBlkioEntry] = []
    /// v1 `blkio[.bfq|.throttle].io_serviced_recursive`.
    public var serviced: [CgroupBlkioEntry] = []
    /// v2 `io.stat`.
    public var ioStat: [CgroupIOStatEntry] = []

    /// Creates empty counters.
    public init() {}
}

/// A snapshot of one cgroup plus the host figures the CLI computes percentages from.
public struct CgroupStats: Sendable, Equatable {
    /// Memory counters; nil when the controller is absent.
    public var memory: CgroupMemoryStats?
    /// CPU counters; nil when the controllers are absent.
    public var cpu: CgroupCPUStats?
    /// Pids counters; nil when the controller is absent.
    public var pids: CgroupPidsStats?
    /// Block I/O counters; nil when the controller is absent.
    public var blkio: CgroupBlkioStats?
    /// Host CPU time since boot in ns, as dockerd computes it from /proc/stat.
    public var systemCPUUsage: UInt64 = 0
    /// Online CPUs on the host.
    public var onlineCPUs: Int = 0

    /// Creates an empty snapshot.
    public init() {}
}
