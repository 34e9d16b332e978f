// SPDX-License-Identifier: Apache-2.0
// The CPU part of a stats sample (spec `ContainerCPUStats`, `ContainerCPUUsage`, `ContainerThrottlingData`).

/// CPU counters of a container and of the whole system.
public struct CPUStats: Codable, Sendable, Equatable {
    /// The container's CPU time.
    public var cpuUsage: CPUUsage
    /// Host CPU time in nanoseconds (all CPUs); omitted when nil.
    public var systemCPUUsage: UInt64?
    /// Number of online CPUs; omitted when nil.
    public var onlineCPUs: UInt32?
    /// CFS throttling counters.
    public var throttlingData: ThrottlingData

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        cpuUsage: CPUUsage = CPUUsage(),
        systemCPUUsage: UInt64? = nil,
        onlineCPUs: UInt32? = nil,
        throttlingData: ThrottlingData = ThrottlingData()
    ) {
        self.cpuUsage = cpuUsage
        self.systemCPUUsage = systemCPUUsage
        self.onlineCPUs = onlineCPUs
        self.throttlingData = throttlingData
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cpuUsage = try container.decodeIfPresent(CPUUsage.self, forKey: .cpuUsage) ?? CPUUsage()
        systemCPUUsage = try container.decodeIfPresent(UInt64.self, forKey: .systemCPUUsage)
        onlineCPUs = try container.decodeIfPresent(UInt32.self, forKey: .onlineCPUs)
        throttlingData = try container.decodeIfPresent(ThrottlingData.self, forKey: .throttlingData) ?? ThrottlingData()
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cpuUsage, forKey: .cpuUsage)
        try container.encodeIfPresent(systemCPUUsage, forKey: .systemCPUUsage)
        try container.encodeIfPresent(onlineCPUs, forKey: .onlineCPUs)
        try container.encode(throttlingData, forKey: .throttlingData)
    }

    enum CodingKeys: String, CodingKey {
        case cpuUsage = "cpu_usage"
        case systemCPUUsage = "system_cpu_usage"
        case onlineCPUs = "online_cpus"
        case throttlingData = "throttling_data"
    }
}

/// CPU time used by a container, in nanoseconds.
public struct CPUUsage: Codable, Sendable, Equatable {
    /// Total CPU time.
    public var totalUsage: UInt64
    /// Per-CPU time (cgroup v1 only); omitted when nil.
    public var percpuUsage: [UInt64]?
    /// Time in kernel mode.
    public var usageInKernelmode: UInt64
    /// Time in user mode.
    public var usageInUsermode: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(totalUsage: UInt64 = 0, percpuUsage: [UInt64]? = nil, usageInKernelmode: UInt64 = 0, usageInUsermode: UInt64 = 0) {
        self.totalUsage = totalUsage
        self.percpuUsage = percpuUsage
        self.usageInKernelmode = usageInKernelmode
        self.usageInUsermode = usageInUsermode
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        totalUsage = try container.decodeIfPresent(UInt64.self, forKey: .totalUsage) ?? 0
        percpuUsage = try container.decodeIfPresent([UInt64].self, forKey: .percpuUsage)
        usageInKernelmode = try container.decodeIfPresent(UInt64.self, forKey: .usageInKernelmode) ?? 0
        usageInUsermode = try container.decodeIfPresent(UInt64.self, forKey: .usageInUsermode) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(totalUsage, forKey: .totalUsage)
        try container.encodeIfPresent(percpuUsage, forKey: .percpuUsage)
        try container.encode(usageInKernelmode, forKey: .usageInKernelmode)
        try container.encode(usageInUsermode, forKey: .usageInUsermode)
    }

    enum CodingKeys: String, CodingKey {
        case totalUsage = "total_usage"
        case percpuUsage = "percpu_usage"
        case usageInKernelmode = "usage_in_kernelmode"
        case usageInUsermode = "usage_in_usermode"
    }
}

/// CFS bandwidth throttling counters of a container.
public struct ThrottlingData: Codable, Sendable, Equatable {
    /// Enforcement periods elapsed.
    public var periods: UInt64
    /// Periods in which the container was throttled.
    public var throttledPeriods: UInt64
    /// Total time throttled, nanoseconds.
    public var throttledTime: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(periods: UInt64 = 0, throttledPeriods: UInt64 = 0, throttledTime: UInt64 = 0) {
        self.periods = periods
        self.throttledPeriods = throttledPeriods
        self.throttledTime = throttledTime
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        periods = try container.decodeIfPresent(UInt64.self, forKey: .periods) ?? 0
        throttledPeriods = try container.decodeIfPresent(UInt64.self, forKey: .throttledPeriods) ?? 0
        throttledTime = try container.decodeIfPresent(UInt64.self, forKey: .throttledTime) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(periods, forKey: .periods)
        try container.encode(throttledPeriods, forKey: .throttledPeriods)
        try container.encode(throttledTime, forKey: .throttledTime)
    }

    enum CodingKeys: String, CodingKey {
        case periods
        case throttledPeriods = "throttled_periods"
        case throttledTime = "throttled_time"
    }
}
