// SPDX-License-Identifier: Apache-2.0
// A volume in `GET /volumes`, `GET /volumes/{name}` and `GET /system/df` (spec `Volume`).

/// A named volume.
///
/// Not modelled yet: `Status` (driver-defined free-form object; the local driver sets none) and `ClusterVolume`
/// (swarm only); dockerd omits both when empty.
public struct Volume: Codable, Sendable, Equatable {
    /// Disk usage of a volume, filled by `GET /system/df` (spec `Volume.UsageData`).
    public struct UsageData: Codable, Sendable, Equatable {
        /// Bytes used; -1 when not computed.
        public var size: Int64
        /// Containers referencing the volume; -1 when not computed.
        public var refCount: Int64

        /// Creates usage data.
        public init(size: Int64 = -1, refCount: Int64 = -1) {
            self.size = size
            self.refCount = refCount
        }

        enum CodingKeys: String, CodingKey {
            case size = "Size"
            case refCount = "RefCount"
        }
    }

    /// Volume name.
    public var name: String
    /// Volume driver, e.g. `local`.
    public var driver: String
    /// Host path of the volume's data.
    public var mountpoint: String
    /// Creation time, RFC 3339; omitted when nil.
    public var createdAt: String?
    /// Volume labels.
    public var labels: [String: String]
    /// `local` or `global`.
    public var scope: String
    /// Driver options.
    public var options: [String: String]
    /// Usage data; omitted when nil (only `GET /system/df` fills it).
    public var usageData: UsageData?

    /// Creates a volume entry.
    public init(
        name: String,
        driver: String = "local",
        mountpoint: String,
        createdAt: String? = nil,
        labels: [String: String] = [:],
        scope: String = "local",
        options: [String: String] = [:],
        usageData: UsageData? = nil
    ) {
        self.name = name
        self.driver = driver
        self.mountpoint = mountpoint
        self.createdAt = createdAt
        self.labels = labels
        self.scope = scope
        self.options = options
        self.usageData = usageData
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case driver = "Driver"
        case mountpoint = "Mountpoint"
        case createdAt = "CreatedAt"
        case labels = "Labels"
        case scope = "Scope"
        case options = "Options"
        case usageData = "UsageData"
    }
}
