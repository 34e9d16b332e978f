// SPDX-License-Identifier: Apache-2.0
// One sample of `GET /containers/{id}/stats` (spec `ContainerStatsResponse`; moby `container.StatsResponse`), the JSON
// the docker CLI computes `docker stats` from. Keys are lower snake case, unlike the rest of the API.

/// One stats sample; `precpu_stats` holds the previous sample's CPU figures so clients can compute a rate.
public struct ContainerStats: Codable, Sendable, Equatable {
    /// Container name with a leading `/`; omitted when nil.
    public var name: String?
    /// Container ID; omitted when nil.
    public var id: String?
    /// Time of this sample, RFC 3339 with nanoseconds.
    public var read: String
    /// Time of the previous sample; Go's zero time for the first.
    public var preread: String
    /// Process counts.
    public var pidsStats: PidsStats
    /// Block IO counters.
    public var blkioStats: BlkioStats
    /// Windows-only: number of processors; 0 on Linux.
    public var numProcs: UInt32
    /// Windows-only storage counters; `{}` on Linux.
    public var storageStats: StorageStats
    /// CPU counters of this sample.
    public var cpuStats: CPUStats
    /// CPU counters of the previous sample.
    public var precpuStats: CPUStats
    /// Memory counters.
    public var memoryStats: MemoryStats
    /// Counters per interface, e.g. `eth0`; omitted when nil (no network).
    public var networks: [String: NetworkStats]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        name: String? = nil,
        id: String? = nil,
        read: String = "0001-01-01T00:00:00Z",
        preread: String = "0001-01-01T00:00:00Z",
        pidsStats: PidsStats = PidsStats(),
        blkioStats: BlkioStats = BlkioStats(),
        numProcs: UInt32 = 0,
        storageStats: StorageStats = StorageStats(),
        cpuStats: CPUStats = CPUStats(),
        precpuStats: CPUStats = CPUStats(),
        memoryStats: MemoryStats = MemoryStats(),
        networks: [String: NetworkStats]? = nil
    ) {
        self.name = name
        self.id = id
        self.read = read
        self.preread = preread
        self.pidsStats = pidsStats
        self.blkioStats = blkioStats
        self.numProcs = numProcs
        self.storageStats = storageStats
        self.cpuStats = cpuStats
        self.precpuStats = precpuStats
        self.memoryStats = memoryStats
        self.networks = networks
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        id = try container.decodeIfPresent(String.self, forKey: .id)
        read = try container.decodeIfPresent(String.self, forKey: .read) ?? "0001-01-01T00:00:00Z"
        preread = try container.decodeIfPresent(String.self, forKey: .preread) ?? "0001-01-01T00:00:00Z"
        pidsStats = try container.decodeIfPresent(PidsStats.self, forKey: .pidsStats) ?? PidsStats()
        blkioStats = try container.decodeIfPresent(BlkioStats.self, forKey: .blkioStats) ?? BlkioStats()
        numProcs = try container.decodeIfPresent(UInt32.self, forKey: .numProcs) ?? 0
        storageStats = try container.decodeIfPresent(StorageStats.self, forKey: .storageStats) ?? StorageStats()
        cpuStats = try container.decodeIfPresent(CPUStats.self, forKey: .cpuStats) ?? CPUStats()
        precpuStats = try container.decodeIfPresent(CPUStats.self, forKey: .precpuStats) ?? CPUStats()
        memoryStats = try container.decodeIfPresent(MemoryStats.self, forKey: .memoryStats) ?? MemoryStats()
        networks = try container.decodeIfPresent([String: NetworkStats].self, forKey: .networks)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encode(read, forKey: .read)
        try container.encode(preread, forKey: .preread)
        try container.encode(pidsStats, forKey: .pidsStats)
        try container.encode(blkioStats, forKey: .blkioStats)
        try container.encode(numProcs, forKey: .numProcs)
        try container.encode(storageStats, forKey: .storageStats)
        try container.encode(cpuStats, forKey: .cpuStats)
        try container.encode(precpuStats, forKey: .precpuStats)
        try container.encode(memoryStats, forKey: .memoryStats)
        try container.encodeIfPresent(networks, forKey: .networks)
    }

    enum CodingKeys: String, CodingKey {
        case name
        case id
        case read
        case preread
        case pidsStats = "pids_stats"
        case blkioStats = "blkio_stats"
        case numProcs = "num_procs"
        case storageStats = "storage_stats"
        case cpuStats = "cpu_stats"
        case precpuStats = "precpu_stats"
        case memoryStats = "memory_stats"
        case networks
    }
}
