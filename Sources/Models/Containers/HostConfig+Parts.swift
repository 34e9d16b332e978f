// SPDX-License-Identifier: Apache-2.0
// The small values `HostConfig` holds: log configuration, restart policy, port bindings.

/// Published ports of a container: `"<port>/<proto>"` to its host bindings; a `null` value means exposed but not
/// published (inspect's `NetworkSettings.Ports`), as moby's `nat.PortMap`.
public typealias PortMap = [String: [PortBinding]?]

/// The log driver of a container and its options (spec `HostConfig.LogConfig`).
public struct LogConfig: Codable, Sendable, Equatable {
    /// Driver name: `json-file`, `local`, `none`, …; empty means the daemon default.
    public var type: String
    /// Driver options, e.g. `max-size`; `null` when nil.
    public var config: [String: String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(type: String = "", config: [String: String]? = nil) {
        self.type = type
        self.config = config
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decodeIfPresent(String.self, forKey: .type) ?? ""
        config = try container.decodeIfPresent([String: String].self, forKey: .config)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(config, forKey: .config)
    }

    enum CodingKeys: String, CodingKey {
        case type = "Type"
        case config = "Config"
    }
}

/// When to restart a container after it exits (spec `RestartPolicy`).
public struct RestartPolicy: Codable, Sendable, Equatable {
    /// `""` or `no`, `always`, `unless-stopped`, `on-failure`.
    public var name: String
    /// Attempts before giving up, for `on-failure` only.
    public var maximumRetryCount: Int

    /// Creates a value; every field defaults to its zero value or nil.
    public init(name: String = "", maximumRetryCount: Int = 0) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        maximumRetryCount = try container.decodeIfPresent(Int.self, forKey: .maximumRetryCount) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(maximumRetryCount, forKey: .maximumRetryCount)
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case maximumRetryCount = "MaximumRetryCount"
    }
}

/// One host address and port a container port is published on (spec `PortBinding`).
public struct PortBinding: Codable, Sendable, Equatable {
    /// Host IP address; empty means all addresses.
    public var hostIP: String
    /// Host port as a string; empty means an ephemeral port.
    public var hostPort: String

    /// Creates a value; every field defaults to its zero value or nil.
    public init(hostIP: String = "", hostPort: String = "") {
        self.hostIP = hostIP
        self.hostPort = hostPort
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostIP = try container.decodeIfPresent(String.self, forKey: .hostIP) ?? ""
        hostPort = try container.decodeIfPresent(String.self, forKey: .hostPort) ?? ""
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hostIP, forKey: .hostIP)
        try container.encode(hostPort, forKey: .hostPort)
    }

    enum CodingKeys: String, CodingKey {
        case hostIP = "HostIp"
        case hostPort = "HostPort"
    }
}
