// SPDX-License-Identifier: Apache-2.0
// The cgroup limits of a container (spec `Resources`; moby `container.Resources`): flat inside `HostConfig`, and the
// body of `POST /containers/{id}/update`.

/// Resource limits; 0 or nil means unlimited or the default.
///
/// `MemorySwappiness`, `OomKillDisable` and `PidsLimit` are Go pointers and are written as `null` when nil. `Init`,
/// which the spec lists here, is modelled on `HostConfig` as in moby's Go types.
public struct Resources: Codable, Sendable, Equatable {
    /// Relative CPU weight.
    public var cpuShares: Int64
    /// Memory limit in bytes.
    public var memory: Int64
    /// Parent cgroup path.
    public var cgroupParent: String
    /// Block IO weight, 10 to 1000.
    public var blkioWeight: Int
    /// Per-device block IO weights; `null` when nil.
    public var blkioWeightDevice: [WeightDevice]?
    /// Per-device read limits in bytes per second; `null` when nil.
    public var blkioDeviceReadBps: [ThrottleDevice]?
    /// Per-device write limits in bytes per second; `null` when nil.
    public var blkioDeviceWriteBps: [ThrottleDevice]?
    /// Per-device read limits in IO per second; `null` when nil.
    public var blkioDeviceReadIOps: [ThrottleDevice]?
    /// Per-device write limits in IO per second; `null` when nil.
    public var blkioDeviceWriteIOps: [ThrottleDevice]?
    /// CFS period in microseconds.
    public var cpuPeriod: Int64
    /// CFS quota in microseconds.
    public var cpuQuota: Int64
    /// Real-time period in microseconds.
    public var cpuRealtimePeriod: Int64
    /// Real-time runtime in microseconds.
    public var cpuRealtimeRuntime: Int64
    /// CPUs allowed, e.g. `0-3` or `0,1`.
    public var cpusetCpus: String
    /// Memory nodes allowed.
    public var cpusetMems: String
    /// Host devices to add; `null` when nil.
    public var devices: [DeviceMapping]?
    /// Device cgroup rules, e.g. `c 13:* rwm`; `null` when nil.
    public var deviceCgroupRules: [String]?
    /// Device requests (GPUs); `null` when nil.
    public var deviceRequests: [DeviceRequest]?
    /// TCP buffer memory limit in bytes (cgroup v1); omitted when nil.
    public var kernelMemoryTCP: Int64?
    /// Soft memory limit in bytes.
    public var memoryReservation: Int64
    /// Memory plus swap limit; -1 means unlimited swap.
    public var memorySwap: Int64
    /// Swappiness 0 to 100; `null` when nil.
    public var memorySwappiness: Int64?
    /// CPU quota in units of 10⁻⁹ CPUs (`--cpus 0.5` is 500000000).
    public var nanoCpus: Int64
    /// Disable the OOM killer; `null` when nil.
    public var oomKillDisable: Bool?
    /// Process limit; 0 or -1 means unlimited; `null` when nil.
    public var pidsLimit: Int64?
    /// Resource limits; `null` when nil.
    public var ulimits: [Ulimit]?
    /// Windows-only: CPU count.
    public var cpuCount: Int64
    /// Windows-only: CPU percent.
    public var cpuPercent: Int64
    /// Windows-only: maximum IO per second.
    public var ioMaximumIOps: UInt64
    /// Windows-only: maximum IO bytes per second.
    public var ioMaximumBandwidth: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        cpuShares: Int64 = 0,
        memory: Int64 = 0,
        cgroupParent: String = "",
        blkioWeight: Int = 0,
        blkioWeightDevice: [WeightDevice]? = nil,
        blkioDeviceReadBps: [ThrottleDevice]? = nil,
        blkioDeviceWriteBps: [ThrottleDevice]? = nil,
        blkioDeviceReadIOps: [ThrottleDevice]? = nil,
        blkioDeviceWriteIOps: [ThrottleDevice]? = nil,
        cpuPeriod: Int64 = 0,
        cpuQuota: Int64 = 0,
        cpuRealtimePeriod: Int64 = 0,
        cpuRealtimeRuntime: Int64 = 0,
        cpusetCpus: String = "",
        cpusetMems: String = "",
        devices: [DeviceMapping]? = nil,
        deviceCgroupRules: [String]? = nil,
        deviceRequests: [DeviceRequest]? = nil,
        kernelMemoryTCP: Int64? = nil,
        memoryReservation: Int64 = 0,
        memorySwap: Int64 = 0,
        memorySwappiness: Int64? = nil,
        nanoCpus: Int64 = 0,
        oomKillDisable: Bool? = nil,
        pidsLimit: Int64? = nil,
        ulimits: [Ulimit]? = nil,
        cpuCount: Int64 = 0,
        cpuPercent: Int64 = 0,
        ioMaximumIOps: UInt64 = 0,
        ioMaximumBandwidth: UInt64 = 0
    ) {
        self.cpuShares = cpuShares
        self.memory = memory
        self.cgroupParent = cgroupParent
        self.blkioWeight = blkioWeight
        self.blkioWeightDevice = blkioWeightDevice
        self.blkioDeviceReadBps = blkioDeviceReadBps
        self.blkioDeviceWriteBps = blkioDeviceWriteBps
        self.blkioDeviceReadIOps = blkioDeviceReadIOps
        self.blkioDeviceWriteIOps = blkioDeviceWriteIOps
        self.cpuPeriod = cpuPeriod
        self.cpuQuota = cpuQuota
        self.cpuRealtimePeriod = cpuRealtimePeriod
        self.cpuRealtimeRuntime = cpuRealtimeRuntime
        self.cpusetCpus = cpusetCpus
        self.cpusetMems = cpusetMems
        self.devices = devices
        self.deviceCgroupRules = deviceCgroupRules
        self.deviceRequests = deviceRequests
        self.kernelMemoryTCP = kernelMemoryTCP
        self.memoryReservation = memoryReservation
        self.memorySwap = memorySwap
        self.memorySwappiness = memorySwappiness
        self.nanoCpus = nanoCpus
        self.oomKillDisable = oomKillDisable
        self.pidsLimit = pidsLimit
        self.ulimits = ulimits
        self.cpuCount = cpuCount
        self.cpuPercent = cpuPercent
        self.ioMaximumIOps = ioMaximumIOps
        self.ioMaximumBandwidth = ioMaximumBandwidth
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cpuShares = try container.decodeIfPresent(Int64.self, forKey: .cpuShares) ?? 0
        memory = try container.decodeIfPresent(Int64.self, forKey: .memory) ?? 0
        cgroupParent = try container.decodeIfPresent(String.self, forKey: .cgroupParent) ?? ""
        blkioWeight = try container.decodeIfPresent(Int.self, forKey: .blkioWeight) ?? 0
        blkioWeightDevice = try container.decodeIfPresent([WeightDevice].self, forKey: .blkioWeightDevice)
        blkioDeviceReadBps = try container.decodeIfPresent([ThrottleDevice].self, forKey: .blkioDeviceReadBps)
        blkioDeviceWriteBps = try container.decodeIfPresent([ThrottleDevice].self, forKey: .blkioDeviceWriteBps)
        blkioDeviceReadIOps = try container.decodeIfPresent([ThrottleDevice].self, forKey: .blkioDeviceReadIOps)
        blkioDeviceWriteIOps = try container.decodeIfPresent([ThrottleDevice].self, forKey: .blkioDeviceWriteIOps)
        cpuPeriod = try container.decodeIfPresent(Int64.self, forKey: .cpuPeriod) ?? 0
        cpuQuota = try container.decodeIfPresent(Int64.self, forKey: .cpuQuota) ?? 0
        cpuRealtimePeriod = try container.decodeIfPresent(Int64.self, forKey: .cpuRealtimePeriod) ?? 0
        cpuRealtimeRuntime = try container.decodeIfPresent(Int64.self, forKey: .cpuRealtimeRuntime) ?? 0
        cpusetCpus = try container.decodeIfPresent(String.self, forKey: .cpusetCpus) ?? ""
        cpusetMems = try container.decodeIfPresent(String.self, forKey: .cpusetMems) ?? ""
        devices = try container.decodeIfPresent([DeviceMapping].self, forKey: .devices)
        deviceCgroupRules = try container.decodeIfPresent([String].self, forKey: .deviceCgroupRules)
        deviceRequests = try container.decodeIfPresent([DeviceRequest].self, forKey: .deviceRequests)
        kernelMemoryTCP = try container.decodeIfPresent(Int64.self, forKey: .kernelMemoryTCP)
        memoryReservation = try container.decodeIfPresent(Int64.self, forKey: .memoryReservation) ?? 0
        memorySwap = try container.decodeIfPresent(Int64.self, forKey: .memorySwap) ?? 0
        memorySwappiness = try container.decodeIfPresent(Int64.self, forKey: .memorySwappiness)
        nanoCpus = try container.decodeIfPresent(Int64.self, forKey: .nanoCpus) ?? 0
        oomKillDisable = try container.decodeIfPresent(Bool.self, forKey: .oomKillDisable)
        pidsLimit = try container.decodeIfPresent(Int64.self, forKey: .pidsLimit)
        ulimits = try container.decodeIfPresent([Ulimit].self, forKey: .ulimits)
        cpuCount = try container.decodeIfPresent(Int64.self, forKey: .cpuCount) ?? 0
        cpuPercent = try container.decodeIfPresent(Int64.self, forKey: .cpuPercent) ?? 0
        ioMaximumIOps = try container.decodeIfPresent(UInt64.self, forKey: .ioMaximumIOps) ?? 0
        ioMaximumBandwidth = try container.decodeIfPresent(UInt64.self, forKey: .ioMaximumBandwidth) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cpuShares, forKey: .cpuShares)
        try container.encode(memory, forKey: .memory)
        try container.encode(cgroupParent, forKey: .cgroupParent)
        try container.encode(blkioWeight, forKey: .blkioWeight)
        try container.encode(blkioWeightDevice, forKey: .blkioWeightDevice)
        try container.encode(blkioDeviceReadBps, forKey: .blkioDeviceReadBps)
        try container.encode(blkioDeviceWriteBps, forKey: .blkioDeviceWriteBps)
        try container.encode(blkioDeviceReadIOps, forKey: .blkioDeviceReadIOps)
        try container.encode(blkioDeviceWriteIOps, forKey: .blkioDeviceWriteIOps)
        try container.encode(cpuPeriod, forKey: .cpuPeriod)
        try container.encode(cpuQuota, forKey: .cpuQuota)
        try container.encode(cpuRealtimePeriod, forKey: .cpuRealtimePeriod)
        try container.encode(cpuRealtimeRuntime, forKey: .cpuRealtimeRuntime)
        try container.encode(cpusetCpus, forKey: .cpusetCpus)
        try container.encode(cpusetMems, forKey: .cpusetMems)
        try container.encode(devices, forKey: .devices)
        try container.encode(deviceCgroupRules, forKey: .deviceCgroupRules)
        try container.encode(deviceRequests, forKey: .deviceRequests)
        try container.encodeIfPresent(kernelMemoryTCP, forKey: .kernelMemoryTCP)
        try container.encode(memoryReservation, forKey: .memoryReservation)
        try container.encode(memorySwap, forKey: .memorySwap)
        try container.encode(memorySwappiness, forKey: .memorySwappiness)
        try container.encode(nanoCpus, forKey: .nanoCpus)
        try container.encode(oomKillDisable, forKey: .oomKillDisable)
        try container.encode(pidsLimit, forKey: .pidsLimit)
        try container.encode(ulimits, forKey: .ulimits)
        try container.encode(cpuCount, forKey: .cpuCount)
        try container.encode(cpuPercent, forKey: .cpuPercent)
        try container.encode(ioMaximumIOps, forKey: .ioMaximumIOps)
        try container.encode(ioMaximumBandwidth, forKey: .ioMaximumBandwidth)
    }

    enum CodingKeys: String, CodingKey {
        case cpuShares = "CpuShares"
        case memory = "Memory"
        case cgroupParent = "CgroupParent"
        case blkioWeight = "BlkioWeight"
        case blkioWeightDevice = "BlkioWeightDevice"
        case blkioDeviceReadBps = "BlkioDeviceReadBps"
        case blkioDeviceWriteBps = "BlkioDeviceWriteBps"
        case blkioDeviceReadIOps = "BlkioDeviceReadIOps"
        case blkioDeviceWriteIOps = "BlkioDeviceWriteIOps"
        case cpuPeriod = "CpuPeriod"
        case cpuQuota = "CpuQuota"
        case cpuRealtimePeriod = "CpuRealtimePeriod"
        case cpuRealtimeRuntime = "CpuRealtimeRuntime"
        case cpusetCpus = "CpusetCpus"
        case cpusetMems = "CpusetMems"
        case devices = "Devices"
        case deviceCgroupRules = "DeviceCgroupRules"
        case deviceRequests = "DeviceRequests"
        case kernelMemoryTCP = "KernelMemoryTCP"
        case memoryReservation = "MemoryReservation"
        case memorySwap = "MemorySwap"
        case memorySwappiness = "MemorySwappiness"
        case nanoCpus = "NanoCpus"
        case oomKillDisable = "OomKillDisable"
        case pidsLimit = "PidsLimit"
        case ulimits = "Ulimits"
        case cpuCount = "CpuCount"
        case cpuPercent = "CpuPercent"
        case ioMaximumIOps = "IOMaximumIOps"
        case ioMaximumBandwidth = "IOMaximumBandwidth"
    }
}
