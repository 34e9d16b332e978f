// SPDX-License-Identifier: Apache-2.0
// A container's network state in inspect (spec `NetworkSettings`; moby `container.NetworkSettings`).

/// The network state of a container, as `NetworkSettings` in inspect.
///
/// The top-level address fields are the default network's, deprecated in API 1.44 and dropped in 1.52; they are
/// optional here and omitted when nil so the API layer can fill them for old versions.
public struct NetworkSettings: Codable, Sendable, Equatable {
    /// An address and prefix length (spec `Address`).
    public struct Address: Codable, Sendable, Equatable {
        /// IP address.
        public var addr: String
        /// Prefix length.
        public var prefixLen: Int

        /// Creates a value; every field defaults to its zero value or nil.
        public init(addr: String = "", prefixLen: Int = 0) {
            self.addr = addr
            self.prefixLen = prefixLen
        }

        /// Decodes, taking absent keys and `null` as the zero value as Go does.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            addr = try container.decodeIfPresent(String.self, forKey: .addr) ?? ""
            prefixLen = try container.decodeIfPresent(Int.self, forKey: .prefixLen) ?? 0
        }

        /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(addr, forKey: .addr)
            try container.encode(prefixLen, forKey: .prefixLen)
        }

        enum CodingKeys: String, CodingKey {
            case addr = "Addr"
            case prefixLen = "PrefixLen"
        }
    }

    /// Bridge name (deprecated, empty).
    public var bridge: String
    /// ID of the network sandbox.
    public var sandboxID: String
    /// Path of the network namespace, e.g. `/var/run/docker/netns/…`.
    public var sandboxKey: String
    /// Exposed ports and their bindings; `null` values for unpublished ports.
    public var ports: PortMap
    /// Deprecated; omitted when nil.
    public var hairpinMode: Bool?
    /// Deprecated; omitted when nil.
    public var linkLocalIPv6Address: String?
    /// Deprecated; omitted when nil.
    public var linkLocalIPv6PrefixLen: Int?
    /// Deprecated; omitted when nil.
    public var secondaryIPAddresses: [Address]?
    /// Deprecated; omitted when nil.
    public var secondaryIPv6Addresses: [Address]?
    /// Deprecated: default network's endpoint ID; omitted when nil.
    public var endpointID: String?
    /// Deprecated: default network's gateway; omitted when nil.
    public var gateway: String?
    /// Deprecated: default network's IPv6 address; omitted when nil.
    public var globalIPv6Address: String?
    /// Deprecated: default network's IPv6 prefix length; omitted when nil.
    public var globalIPv6PrefixLen: Int?
    /// Deprecated: default network's IPv4 address; omitted when nil.
    public var ipAddress: String?
    /// Deprecated: default network's IPv4 prefix length; omitted when nil.
    public var ipPrefixLen: Int?
    /// Deprecated: default network's IPv6 gateway; omitted when nil.
    public var ipv6Gateway: String?
    /// Deprecated: default network's MAC address; omitted when nil.
    public var macAddress: String?
    /// Endpoint per network name.
    public var networks: [String: EndpointSettings]

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        bridge: String = "",
        sandboxID: String = "",
        sandboxKey: String = "",
        ports: PortMap = [:],
        hairpinMode: Bool? = nil,
        linkLocalIPv6Address: String? = nil,
        linkLocalIPv6PrefixLen: Int? = nil,
        secondaryIPAddresses: [Address]? = nil,
        secondaryIPv6Addresses: [Address]? = nil,
        endpointID: String? = nil,
        gateway: String? = nil,
        globalIPv6Address: String? = nil,
        globalIPv6PrefixLen: Int? = nil,
        ipAddress: String? = nil,
        ipPrefixLen: Int? = nil,
        ipv6Gateway: String? = nil,
        macAddress: String? = nil,
        networks: [String: EndpointSettings] = [:]
    ) {
        self.bridge = bridge
        self.sandboxID = sandboxID
        self.sandboxKey = sandboxKey
        self.ports = ports
        self.hairpinMode = hairpinMode
        self.linkLocalIPv6Address = linkLocalIPv6Address
        self.linkLocalIPv6PrefixLen = linkLocalIPv6PrefixLen
        self.secondaryIPAddresses = secondaryIPAddresses
        self.secondaryIPv6Addresses = secondaryIPv6Addresses
        self.endpointID = endpointID
        self.gateway = gateway
        self.globalIPv6Address = globalIPv6Address
        self.globalIPv6PrefixLen = globalIPv6PrefixLen
        self.ipAddress = ipAddress
        self.ipPrefixLen = ipPrefixLen
        self.ipv6Gateway = ipv6Gateway
        self.macAddress = macAddress
        self.networks = networks
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bridge = try container.decodeIfPresent(String.self, forKey: .bridge) ?? ""
        sandboxID = try container.decodeIfPresent(String.self, forKey: .sandboxID) ?? ""
        sandboxKey = try container.decodeIfPresent(String.self, forKey: .sandboxKey) ?? ""
        ports = try container.decodeIfPresent(PortMap.self, forKey: .ports) ?? [:]
        hairpinMode = try container.decodeIfPresent(Bool.self, forKey: .hairpinMode)
        linkLocalIPv6Address = try container.decodeIfPresent(String.self, forKey: .linkLocalIPv6Address)
        linkLocalIPv6PrefixLen = try container.decodeIfPresent(Int.self, forKey: .linkLocalIPv6PrefixLen)
        secondaryIPAddresses = try container.decodeIfPresent([Address].self, forKey: .secondaryIPAddresses)
        secondaryIPv6Addresses = try container.decodeIfPresent([Address].self, forKey: .secondaryIPv6Addresses)
        endpointID = try container.decodeIfPresent(String.self, forKey: .endpointID)
        gateway = try container.decodeIfPresent(String.self, forKey: .gateway)
        globalIPv6Address = try container.decodeIfPresent(String.self, forKey: .globalIPv6Address)
        globalIPv6PrefixLen = try container.decodeIfPresent(Int.self, forKey: .globalIPv6PrefixLen)
        ipAddress = try container.decodeIfPresent(String.self, forKey: .ipAddress)
        ipPrefixLen = try container.decodeIfPresent(Int.self, forKey: .ipPrefixLen)
        ipv6Gateway = try container.decodeIfPresent(String.self, forKey: .ipv6Gateway)
        macAddress = try container.decodeIfPresent(String.self, forKey: .macAddress)
        networks = try container.decodeIfPresent([String: EndpointSettings].self, forKey: .networks) ?? [:]
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(bridge, forKey: .bridge)
        try container.encode(sandboxID, forKey: .sandboxID)
        try container.encode(sandboxKey, forKey: .sandboxKey)
        try container.encode(ports, forKey: .ports)
        try container.encodeIfPresent(hairpinMode, forKey: .hairpinMode)
        try container.encodeIfPresent(linkLocalIPv6Address, forKey: .linkLocalIPv6Address)
        try container.encodeIfPresent(linkLocalIPv6PrefixLen, forKey: .linkLocalIPv6PrefixLen)
        try container.encodeIfPresent(secondaryIPAddresses, forKey: .secondaryIPAddresses)
        try container.encodeIfPresent(secondaryIPv6Addresses, forKey: .secondaryIPv6Addresses)
        try container.encodeIfPresent(endpointID, forKey: .endpointID)
        try container.encodeIfPresent(gateway, forKey: .gateway)
        try container.encodeIfPresent(globalIPv6Address, forKey: .globalIPv6Address)
        try container.encodeIfPresent(globalIPv6PrefixLen, forKey: .globalIPv6PrefixLen)
        try container.encodeIfPresent(ipAddress, forKey: .ipAddress)
        try container.encodeIfPresent(ipPrefixLen, forKey: .ipPrefixLen)
        try container.encodeIfPresent(ipv6Gateway, forKey: .ipv6Gateway)
        try container.encodeIfPresent(macAddress, forKey: .macAddress)
        try container.encode(networks, forKey: .networks)
    }

    enum CodingKeys: String, CodingKey {
        case bridge = "Bridge"
        case sandboxID = "SandboxID"
        case sandboxKey = "SandboxKey"
        case ports = "Ports"
        case hairpinMode = "HairpinMode"
        case linkLocalIPv6Address = "LinkLocalIPv6Address"
        case linkLocalIPv6PrefixLen = "LinkLocalIPv6PrefixLen"
        case secondaryIPAddresses = "SecondaryIPAddresses"
        case secondaryIPv6Addresses = "SecondaryIPv6Addresses"
        case endpointID = "EndpointID"
        case gateway = "Gateway"
        case globalIPv6Address = "GlobalIPv6Address"
        case globalIPv6PrefixLen = "GlobalIPv6PrefixLen"
        case ipAddress = "IPAddress"
        case ipPrefixLen = "IPPrefixLen"
        case ipv6Gateway = "IPv6Gateway"
        case macAddress = "MacAddress"
        case networks = "Networks"
    }
}
