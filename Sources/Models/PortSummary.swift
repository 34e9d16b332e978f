// SPDX-License-Identifier: Apache-2.0
// One port of a listed container (spec `Port`; moby renamed the Go type `PortSummary` in API v1.52).

/// An exposed port and, when published, its host binding.
public struct PortSummary: Codable, Sendable, Equatable {
    /// Host IP the port is published on; omitted when nil.
    public var ip: String?
    /// Port inside the container.
    public var privatePort: UInt16
    /// Port on the host; omitted when nil (not published).
    public var publicPort: UInt16?
    /// Protocol: `tcp`, `udp` or `sctp`.
    public var type: String

    /// Creates a port entry.
    public init(ip: String? = nil, privatePort: UInt16, publicPort: UInt16? = nil, type: String = "tcp") {
        self.ip = ip
        self.privatePort = privatePort
        self.publicPort = publicPort
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case ip = "IP"
        case privatePort = "PrivatePort"
        case publicPort = "PublicPort"
        case type = "Type"
    }
}
