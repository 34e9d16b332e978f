// SPDX-License-Identifier: Apache-2.0
// The create body's `NetworkingConfig` (spec `NetworkingConfig`).

/// The networks a new container joins, by network name or ID.
public struct NetworkingConfig: Codable, Sendable, Equatable {
    /// Endpoint settings per network; `null` when nil.
    public var endpointsConfig: [String: EndpointSettings]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(endpointsConfig: [String: EndpointSettings]? = nil) {
        self.endpointsConfig = endpointsConfig
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        endpointsConfig = try container.decodeIfPresent([String: EndpointSettings].self, forKey: .endpointsConfig)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(endpointsConfig, forKey: .endpointsConfig)
    }

    enum CodingKeys: String, CodingKey {
        case endpointsConfig = "EndpointsConfig"
    }
}
