// SPDX-License-Identifier: Apache-2.0
// The small value types `Resources` lists: device weights and throttles, device mappings and requests, ulimits.

/// A block IO weight for one device (moby `blkiodev.WeightDevice`).
public struct WeightDevice: Codable, Sendable, Equatable {
    /// Device path, e.g. `/dev/sda`.
    public var path: String
    /// Weight, 10 to 1000.
    public var weight: Int

    /// Creates a value; every field defaults to its zero value or nil.
    public init(path: String = "", weight: Int = 0) {
        self.path = path
        self.weight = weight
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? ""
        weight = try container.decodeIfPresent(Int.self, forKey: .weight) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(weight, forKey: .weight)
    }

    enum CodingKeys: String, CodingKey {
        case path = "Path"
        case weight = "Weight"
    }
}

/// A block IO rate limit for one device (spec `ThrottleDevice`).
public struct ThrottleDevice: Codable, Sendable, Equatable {
    /// Device path, e.g. `/dev/sda`.
    public var path: String
    /// Rate, bytes or IO operations per second.
    public var rate: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(path: String = "", rate: UInt64 = 0) {
        self.path = path
        self.rate = rate
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? ""
        rate = try container.decodeIfPresent(UInt64.self, forKey: .rate) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(rate, forKey: .rate)
    }

    enum CodingKeys: String, CodingKey {
        case path = "Path"
        case rate = "Rate"
    }
}

/// A host device made available in a container (spec `DeviceMapping`).
public struct DeviceMapping: Codable, Sendable, Equatable {
    /// Device path on the host.
    public var pathOnHost: String
    /// Device path inside the container.
    public var pathInContainer: String
    /// Permissions, e.g. `rwm`.
    public var cgroupPermissions: String

    /// Creates a value; every field defaults to its zero value or nil.
    public init(pathOnHost: String = "", pathInContainer: String = "", cgroupPermissions: String = "") {
        self.pathOnHost = pathOnHost
        self.pathInContainer = pathInContainer
        self.cgroupPermissions = cgroupPermissions
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        pathOnHost = try container.decodeIfPresent(String.self, forKey: .pathOnHost) ?? ""
        pathInContainer = try container.decodeIfPresent(String.self, forKey: .pathInContainer) ?? ""
        cgroupPermissions = try container.decodeIfPresent(String.self, forKey: .cgroupPermissions) ?? ""
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pathOnHost, forKey: .pathOnHost)
        try container.encode(pathInContainer, forKey: .pathInContainer)
        try container.encode(cgroupPermissions, forKey: .cgroupPermissions)
    }

    enum CodingKeys: String, CodingKey {
        case pathOnHost = "PathOnHost"
        case pathInContainer = "PathInContainer"
        case cgroupPermissions = "CgroupPermissions"
    }
}

/// A request for devices from a device driver, e.g. GPUs (spec `DeviceRequest`).
public struct DeviceRequest: Codable, Sendable, Equatable {
    /// Driver name, e.g. `nvidia`.
    public var driver: String
    /// Number of devices; -1 means all.
    public var count: Int
    /// Device IDs; `null` when nil.
    public var deviceIDs: [String]?
    /// Alternative sets of capabilities; `null` when nil.
    public var capabilities: [[String]]?
    /// Driver options; `null` when nil.
    public var options: [String: String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        driver: String = "",
        count: Int = 0,
        deviceIDs: [String]? = nil,
        capabilities: [[String]]? = nil,
        options: [String: String]? = nil
    ) {
        self.driver = driver
        self.count = count
        self.deviceIDs = deviceIDs
        self.capabilities = capabilities
        self.options = options
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        driver = try container.decodeIfPresent(String.self, forKey: .driver) ?? ""
        count = try container.decodeIfPresent(Int.self, forKey: .count) ?? 0
        deviceIDs = try container.decodeIfPresent([String].self, forKey: .deviceIDs)
        capabilities = try container.decodeIfPresent([[String]].self, forKey: .capabilities)
        options = try container.decodeIfPresent([String: String].self, forKey: .options)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(driver, forKey: .driver)
        try container.encode(count, forKey: .count)
        try container.encode(deviceIDs, forKey: .deviceIDs)
        try container.encode(capabilities, forKey: .capabilities)
        try container.encode(options, forKey: .options)
    }

    enum CodingKeys: String, CodingKey {
        case driver = "Driver"
        case count = "Count"
        case deviceIDs = "DeviceIDs"
        case capabilities = "Capabilities"
        case options = "Options"
    }
}

/// A resource limit (spec `Resources.Ulimits`; go-units `Ulimit`).
public struct Ulimit: Codable, Sendable, Equatable {
    /// Limit name without `RLIMIT_`, e.g. `nofile`.
    public var name: String
    /// Hard limit.
    public var hard: Int64
    /// Soft limit.
    public var soft: Int64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(name: String = "", hard: Int64 = 0, soft: Int64 = 0) {
        self.name = name
        self.hard = hard
        self.soft = soft
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        hard = try container.decodeIfPresent(Int64.self, forKey: .hard) ?? 0
        soft = try container.decodeIfPresent(Int64.self, forKey: .soft) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(hard, forKey: .hard)
        try container.encode(soft, forKey: .soft)
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case hard = "Hard"
        case soft = "Soft"
    }
}
