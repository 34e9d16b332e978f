// SPDX-License-Identifier: Apache-2.0
// The memory, process, block IO, storage and network parts of a stats sample (spec `ContainerMemoryStats`,
// `ContainerPidsStats`, `ContainerBlkioStats`, `ContainerStorageStats`, `ContainerNetworkStats`).

/// Memory counters; Go writes each only when non-zero, so they are optional here.
///
/// The docker CLI shows `usage` minus `stats["total_inactive_file"]` (cgroup v1) or `stats["inactive_file"]` (v2).
public struct MemoryStats: Codable, Sendable, Equatable {
    /// Current usage in bytes.
    public var usage: UInt64?
    /// Peak usage in bytes (cgroup v1 only).
    public var maxUsage: UInt64?
    /// The cgroup's `memory.stat` entries.
    public var stats: [String: UInt64]?
    /// Times the limit was hit (cgroup v1 only).
    public var failcnt: UInt64?
    /// Limit in bytes (the host's memory when unlimited).
    public var limit: UInt64?
    /// Windows-only: committed bytes.
    public var commitBytes: UInt64?
    /// Windows-only: peak committed bytes.
    public var commitPeakBytes: UInt64?
    /// Windows-only: private working set.
    public var privateWorkingSet: UInt64?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        usage: UInt64? = nil,
        maxUsage: UInt64? = nil,
        stats: [String: UInt64]? = nil,
        failcnt: UInt64? = nil,
        limit: UInt64? = nil,
        commitBytes: UInt64? = nil,
        commitPeakBytes: UInt64? = nil,
        privateWorkingSet: UInt64? = nil
    ) {
        self.usage = usage
        self.maxUsage = maxUsage
        self.stats = stats
        self.failcnt = failcnt
        self.limit = limit
        self.commitBytes = commitBytes
        self.commitPeakBytes = commitPeakBytes
        self.privateWorkingSet = privateWorkingSet
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        usage = try container.decodeIfPresent(UInt64.self, forKey: .usage)
        maxUsage = try container.decodeIfPresent(UInt64.self, forKey: .maxUsage)
        stats = try container.decodeIfPresent([String: UInt64].self, forKey: .stats)
        failcnt = try container.decodeIfPresent(UInt64.self, forKey: .failcnt)
        limit = try container.decodeIfPresent(UInt64.self, forKey: .limit)
        commitBytes = try container.decodeIfPresent(UInt64.self, forKey: .commitBytes)
        commitPeakBytes = try container.decodeIfPresent(UInt64.self, forKey: .commitPeakBytes)
        privateWorkingSet = try container.decodeIfPresent(UInt64.self, forKey: .privateWorkingSet)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(usage, forKey: .usage)
        try container.encodeIfPresent(maxUsage, forKey: .maxUsage)
        try container.encodeIfPresent(stats, forKey: .stats)
        try container.encodeIfPresent(failcnt, forKey: .failcnt)
        try container.encodeIfPresent(limit, forKey: .limit)
        try container.encodeIfPresent(commitBytes, forKey: .commitBytes)
        try container.encodeIfPresent(commitPeakBytes, forKey: .commitPeakBytes)
        try container.encodeIfPresent(privateWorkingSet, forKey: .privateWorkingSet)
    }

    enum CodingKeys: String, CodingKey {
        case usage
        case maxUsage = "max_usage"
        case stats
        case failcnt
        case limit
        case commitBytes = "commitbytes"
        case commitPeakBytes = "commitpeakbytes"
        case privateWorkingSet = "privateworkingset"
    }
}

/// Process counts of a container; omitted when nil, as Go's `omitempty`.
public struct PidsStats: Codable, Sendable, Equatable {
    /// Number of processes.
    public var current: UInt64?
    /// Process limit.
    public var limit: UInt64?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(current: UInt64? = nil, limit: UInt64? = nil) {
        self.current = current
        self.limit = limit
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        current = try container.decodeIfPresent(UInt64.self, forKey: .current)
        limit = try container.decodeIfPresent(UInt64.self, forKey: .limit)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(current, forKey: .current)
        try container.encodeIfPresent(limit, forKey: .limit)
    }

    enum CodingKeys: String, CodingKey {
        case current
        case limit
    }
}

/// Block IO counters (cgroup v1 names; on v2 dockerd fills only `io_service_bytes_recursive` and
/// `io_serviced_recursive`). Go writes each list, `null` when nil.
public struct BlkioStats: Codable, Sendable, Equatable {
    /// Bytes per device and operation.
    public var ioServiceBytesRecursive: [BlkioStatEntry]?
    /// Operations per device and operation.
    public var ioServicedRecursive: [BlkioStatEntry]?
    /// Queued operations (cgroup v1).
    public var ioQueueRecursive: [BlkioStatEntry]?
    /// Service time (cgroup v1).
    public var ioServiceTimeRecursive: [BlkioStatEntry]?
    /// Wait time (cgroup v1).
    public var ioWaitTimeRecursive: [BlkioStatEntry]?
    /// Merged operations (cgroup v1).
    public var ioMergedRecursive: [BlkioStatEntry]?
    /// Device time (cgroup v1).
    public var ioTimeRecursive: [BlkioStatEntry]?
    /// Sectors (cgroup v1).
    public var sectorsRecursive: [BlkioStatEntry]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        ioServiceBytesRecursive: [BlkioStatEntry]? = nil,
        ioServicedRecursive: [BlkioStatEntry]? = nil,
        ioQueueRecursive: [BlkioStatEntry]? = nil,
        ioServiceTimeRecursive: [BlkioStatEntry]? = nil,
        ioWaitTimeRecursive: [BlkioStatEntry]? = nil,
        ioMergedRecursive: [BlkioStatEntry]? = nil,
        ioTimeRecursive: [BlkioStatEntry]? = nil,
        sectorsRecursive: [BlkioStatEntry]? = nil
    ) {
        self.ioServiceBytesRecursive = ioServiceBytesRecursive
        self.ioServicedRecursive = ioServicedRecursive
        self.ioQueueRecursive = ioQueueRecursive
        self.ioServiceTimeRecursive = ioServiceTimeRecursive
        self.ioWaitTimeRecursive = ioWaitTimeRecursive
        self.ioMergedRecursive = ioMergedRecursive
        self.ioTimeRecursive = ioTimeRecursive
        self.sectorsRecursive = sectorsRecursive
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ioServiceBytesRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioServiceBytesRecursive)
        ioServicedRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioServicedRecursive)
        ioQueueRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioQueueRecursive)
        ioServiceTimeRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioServiceTimeRecursive)
        ioWaitTimeRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioWaitTimeRecursive)
        ioMergedRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioMergedRecursive)
        ioTimeRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .ioTimeRecursive)
        sectorsRecursive = try container.decodeIfPresent([BlkioStatEntry].self, forKey: .sectorsRecursive)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ioServiceBytesRecursive, forKey: .ioServiceBytesRecursive)
        try container.encode(ioServicedRecursive, forKey: .ioServicedRecursive)
        try container.encode(ioQueueRecursive, forKey: .ioQueueRecursive)
        try container.encode(ioServiceTimeRecursive, forKey: .ioServiceTimeRecursive)
        try container.encode(ioWaitTimeRecursive, forKey: .ioWaitTimeRecursive)
        try container.encode(ioMergedRecursive, forKey: .ioMergedRecursive)
        try container.encode(ioTimeRecursive, forKey: .ioTimeRecursive)
        try container.encode(sectorsRecursive, forKey: .sectorsRecursive)
    }

    enum CodingKeys: String, CodingKey {
        case ioServiceBytesRecursive = "io_service_bytes_recursive"
        case ioServicedRecursive = "io_serviced_recursive"
        case ioQueueRecursive = "io_queue_recursive"
        case ioServiceTimeRecursive = "io_service_time_recursive"
        case ioWaitTimeRecursive = "io_wait_time_recursive"
        case ioMergedRecursive = "io_merged_recursive"
        case ioTimeRecursive = "io_time_recursive"
        case sectorsRecursive = "sectors_recursive"
    }
}

/// One block IO counter (spec `ContainerBlkioStatEntry`).
public struct BlkioStatEntry: Codable, Sendable, Equatable {
    /// Device major number.
    public var major: UInt64
    /// Device minor number.
    public var minor: UInt64
    /// Operation, e.g. `read`, `write`, `Total`.
    public var op: String
    /// Counter value.
    public var value: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(major: UInt64 = 0, minor: UInt64 = 0, op: String = "", value: UInt64 = 0) {
        self.major = major
        self.minor = minor
        self.op = op
        self.value = value
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        major = try container.decodeIfPresent(UInt64.self, forKey: .major) ?? 0
        minor = try container.decodeIfPresent(UInt64.self, forKey: .minor) ?? 0
        op = try container.decodeIfPresent(String.self, forKey: .op) ?? ""
        value = try container.decodeIfPresent(UInt64.self, forKey: .value) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(major, forKey: .major)
        try container.encode(minor, forKey: .minor)
        try container.encode(op, forKey: .op)
        try container.encode(value, forKey: .value)
    }

    enum CodingKeys: String, CodingKey {
        case major
        case minor
        case op
        case value
    }
}

/// Windows-only storage counters; every field is omitted when nil.
public struct StorageStats: Codable, Sendable, Equatable {
    /// Reads.
    public var readCountNormalized: UInt64?
    /// Bytes read.
    public var readSizeBytes: UInt64?
    /// Writes.
    public var writeCountNormalized: UInt64?
    /// Bytes written.
    public var writeSizeBytes: UInt64?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        readCountNormalized: UInt64? = nil,
        readSizeBytes: UInt64? = nil,
        writeCountNormalized: UInt64? = nil,
        writeSizeBytes: UInt64? = nil
    ) {
        self.readCountNormalized = readCountNormalized
        self.readSizeBytes = readSizeBytes
        self.writeCountNormalized = writeCountNormalized
        self.writeSizeBytes = writeSizeBytes
    }

    enum CodingKeys: String, CodingKey {
        case readCountNormalized = "read_count_normalized"
        case readSizeBytes = "read_size_bytes"
        case writeCountNormalized = "write_count_normalized"
        case writeSizeBytes = "write_size_bytes"
    }
}

/// Counters of one network interface.
public struct NetworkStats: Codable, Sendable, Equatable {
    /// Bytes received.
    public var rxBytes: UInt64
    /// Packets received.
    public var rxPackets: UInt64
    /// Receive errors.
    public var rxErrors: UInt64
    /// Incoming packets dropped.
    public var rxDropped: UInt64
    /// Bytes sent.
    public var txBytes: UInt64
    /// Packets sent.
    public var txPackets: UInt64
    /// Send errors.
    public var txErrors: UInt64
    /// Outgoing packets dropped.
    public var txDropped: UInt64
    /// Windows-only: endpoint ID; omitted when nil.
    public var endpointID: String?
    /// Windows-only: instance ID; omitted when nil.
    public var instanceID: String?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        rxBytes: UInt64 = 0,
        rxPackets: UInt64 = 0,
        rxErrors: UInt64 = 0,
        rxDropped: UInt64 = 0,
        txBytes: UInt64 = 0,
        txPackets: UInt64 = 0,
        txErrors: UInt64 = 0,
        txDropped: UInt64 = 0,
        endpointID: String? = nil,
        instanceID: String? = nil
    ) {
        self.rxBytes = rxBytes
        self.rxPackets = rxPackets
        self.rxErrors = rxErrors
        self.rxDropped = rxDropped
        self.txBytes = txBytes
        self.txPackets = txPackets
        self.txErrors = txErrors
        self.txDropped = txDropped
        self.endpointID = endpointID
        self.instanceID = instanceID
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rxBytes = try container.decodeIfPresent(UInt64.self, forKey: .rxBytes) ?? 0
        rxPackets = try container.decodeIfPresent(UInt64.self, forKey: .rxPackets) ?? 0
        rxErrors = try container.decodeIfPresent(UInt64.self, forKey: .rxErrors) ?? 0
        rxDropped = try container.decodeIfPresent(UInt64.self, forKey: .rxDropped) ?? 0
        txBytes = try container.decodeIfPresent(UInt64.self, forKey: .txBytes) ?? 0
        txPackets = try container.decodeIfPresent(UInt64.self, forKey: .txPackets) ?? 0
        txErrors = try container.decodeIfPresent(UInt64.self, forKey: .txErrors) ?? 0
        txDropped = try container.decodeIfPresent(UInt64.self, forKey: .txDropped) ?? 0
        endpointID = try container.decodeIfPresent(String.self, forKey: .endpointID)
        instanceID = try container.decodeIfPresent(String.self, forKey: .instanceID)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rxBytes, forKey: .rxBytes)
        try container.encode(rxPackets, forKey: .rxPackets)
        try container.encode(rxErrors, forKey: .rxErrors)
        try container.encode(rxDropped, forKey: .rxDropped)
        try container.encode(txBytes, forKey: .txBytes)
        try container.encode(txPackets, forKey: .txPackets)
        try container.encode(txErrors, forKey: .txErrors)
        try container.encode(txDropped, forKey: .txDropped)
        try container.encodeIfPresent(endpointID, forKey: .endpointID)
        try container.encodeIfPresent(instanceID, forKey: .instanceID)
    }

    enum CodingKeys: String, CodingKey {
        case rxBytes = "rx_bytes"
        case rxPackets = "rx_packets"
        case rxErrors = "rx_errors"
        case rxDropped = "rx_dropped"
        case txBytes = "tx_bytes"
        case txPackets = "tx_packets"
        case txErrors = "tx_errors"
        case txDropped = "tx_dropped"
        case endpointID = "endpoint_id"
        case instanceID = "instance_id"
    }
}
