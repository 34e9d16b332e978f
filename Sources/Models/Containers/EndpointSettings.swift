// SPDX-License-Identifier: Apache-2.0
// A container's attachment to one network (spec `EndpointSettings`; moby `network.EndpointSettings`), in create's
// `NetworkingConfig` and inspect's `NetworkSettings.Networks`.

/// The configuration and state of a container on one network; Go writes every key.
public struct EndpointSettings: Codable, Sendable, Equatable {
    /// Static addresses requested; `null` when nil.
    public var ipamConfig: EndpointIPAMConfig?
    /// Legacy links; `null` when nil.
    public var links: [String]?
    /// MAC address on this network.
    public var macAddress: String
    /// Network-scoped aliases; `null` when nil.
    public var aliases: [String]?
    /// Driver options for the endpoint; `null` when nil.
    public var driverOpts: [String: String]?
    /// Gateway priority; the highest wins the default route (API 1.48).
    public var gwPriority: Int
    /// Network ID.
    public var networkID: String
    /// Endpoint ID.
    public var endpointID: String
    /// IPv4 gateway.
    public var gateway: String
    /// IPv4 address.
    public var ipAddress: String
    /// IPv4 prefix length.
    public var ipPrefixLen: Int
    /// IPv6 gateway.
    public var ipv6Gateway: String
    /// Global IPv6 address.
    public var globalIPv6Address: String
    /// Global IPv6 prefix length.
    public var globalIPv6PrefixLen: Int
    /// Names this endpoint resolves as (API 1.44); `null` when nil.
    public var dnsNames: [String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        ipamConfig: EndpointIPAMConfig? = nil,
        links: [String]? = nil,
        macAddress: String = "",
        aliases: [String]? = nil,
        driverOpts: [String: String]? = nil,
        gwPriority: Int = 0,
        networkID: String = "",
        endpointID: String = "",
        gateway: String = "",
        ipAddress: String = "",
        ipPrefixLen: Int = 0,
        ipv6Gateway: String = "",
        globalIPv6Address: String = "",
        globalIPv6PrefixLen: Int = 0,
        dnsNames: [String]? = nil
    ) {
        self.ipamConfig = ipamConfig
        self.links = links
        self.macAddress = macAddress
        self.aliases = aliases
        self.driverOpts = driverOpts
        self.gwPriority = gwPriority
        self.networkID = networkID
        self.endpointID = endpointID
        self.gateway = gateway
        self.ipAddress = ipAddress
        self.ipPrefixLen = ipPrefixLen
        self.ipv6Gateway = ipv6Gateway
        self.globalIPv6Address = globalIPv6Address
        self.globalIPv6PrefixLen = globalIPv6PrefixLen
        self.dnsNames = dnsNames
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ipamConfig = try container.decodeIfPresent(EndpointIPAMConfig.self, forKey: .ipamConfig)
        links = try container.decodeIfPresent([String].self, forKey: .links)
        macAddress = try container.decodeIfPresent(String.self, forKey: .macAddress) ?? ""
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases)
        driverOpts = try container.decodeIfPresent([String: String].self, forKey: .driverOpts)
        gwPriority = try container.decodeIfPresent(Int.self, forKey: .gwPriority) ?? 0
        networkID = try container.decodeIfPresent(String.self, forKey: .networkID) ?? ""
        endpointID = try container.decodeIfPresent(String.self, forKey: .endpointID) ?? ""
        gateway = try container.decodeIfPresent(String.self, forKey: .gateway) ?? ""
        ipAddress = try container.decodeIfPresent(String.self, forKey: .ipAddress) ?? ""
        ipPrefixLen = try container.decodeIfPresent(Int.self, forKey: .ipPrefixLen) ?? 0
        ipv6Gateway = try container.decodeIfPresent(String.self, forKey: .ipv6Gateway) ?? ""
        globalIPv6Address = try container.decodeIfPresent(String.self, forKey: .globalIPv6Address) ?? ""
        globalIPv6PrefixLen = try container.decodeIfPresent(Int.self, forKey: .globalIPv6PrefixLen) ?? 0
        dnsNames = try container.decodeIfPresent([String].self, forKey: .dnsNames)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ipamConfig, forKey: .ipamConfig)
        try container.encode(links, forKey: .links)
        try container.encode(macAddress, forKey: .macAddress)
        try container.encode(aliases, forKey: .aliases)
        try container.encode(driverOpts, forKey: .driverOpts)
        try container.encode(gwPriority, forKey: .gwPriority)
        try container.encode(networkID, forKey: .networkID)
        try container.encode(endpointID, forKey: .endpointID)
        try container.encode(gateway, forKey: .gateway)
        try container.encode(ipAddress, forKey: .ipAddress)
        try container.encode(ipPrefixLen, forKey: .ipPrefixLen)
        try container.encode(ipv6Gateway, forKey: .ipv6Gateway)
        try container.encode(globalIPv6Address, forKey: .globalIPv6Address)
        try container.encode(globalIPv6PrefixLen, forKey: .globalIPv6PrefixLen)
        try container.encode(dnsNames, forKey: .dnsNames)
    }

    enum CodingKeys: String, CodingKey {
        case ipamConfig = "IPAMConfig"
        case links = "Links"
        case macAddress = "MacAddress"
        case aliases = "Aliases"
        case driverOpts = "DriverOpts"
        case gwPriority = "GwPriority"
        case networkID = "NetworkID"
        case endpointID = "EndpointID"
        case gateway = "Gateway"
        case ipAddress = "IPAddress"
        case ipPrefixLen = "IPPrefixLen"
        case ipv6Gateway = "IPv6Gateway"
        case globalIPv6Address = "GlobalIPv6Address"
        case globalIPv6PrefixLen = "GlobalIPv6PrefixLen"
        case dnsNames = "DNSNames"
    }
}

/// Addresses requested for an endpoint (spec `EndpointIPAMConfig`); omitted when nil.
public struct EndpointIPAMConfig: Codable, Sendable, Equatable {
    /// IPv4 address.
    public var ipv4Address: String?
    /// IPv6 address.
    public var ipv6Address: String?
    /// Link-local addresses.
    public var linkLocalIPs: [String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(ipv4Address: String? = nil, ipv6Address: String? = nil, linkLocalIPs: [String]? = nil) {
        self.ipv4Address = ipv4Address
        self.ipv6Address = ipv6Address
        self.linkLocalIPs = linkLocalIPs
    }

    enum CodingKeys: String, CodingKey {
        case ipv4Address = "IPv4Address"
        case ipv6Address = "IPv6Address"
        case linkLocalIPs = "LinkLocalIPs"
    }
}
