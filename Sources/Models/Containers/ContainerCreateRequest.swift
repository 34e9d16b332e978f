// SPDX-License-Identifier: Apache-2.0
// The body of `POST /containers/create` (spec `ContainerCreateRequest`; moby `container.CreateRequest`).

/// A create body: the `ContainerConfig` keys flat at the top level, plus `HostConfig` and `NetworkingConfig`.
///
/// Clients send sparse bodies (`{"Image":"busybox","Cmd":["sh"],"HostConfig":{"AutoRemove":true}}`): every
/// absent key decodes as its zero value or nil, and unknown keys are ignored as Go's encoding/json does.
/// The platform is a query parameter (`platform=linux/amd64`), not part of the body.
public struct ContainerCreateRequest: Codable, Sendable, Equatable {
    /// The portable configuration (the body's top-level keys).
    public var config: ContainerConfig
    /// Host configuration; omitted when nil.
    public var hostConfig: HostConfig?
    /// Networks to join; omitted when nil.
    public var networkingConfig: NetworkingConfig?

    /// Creates a create body.
    public init(config: ContainerConfig = ContainerConfig(), hostConfig: HostConfig? = nil, networkingConfig: NetworkingConfig? = nil) {
        self.config = config
        self.hostConfig = hostConfig
        self.networkingConfig = networkingConfig
    }

    /// Decodes the config keys and the two nested objects from the same JSON object.
    public init(from decoder: any Decoder) throws {
        config = try ContainerConfig(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostConfig = try container.decodeIfPresent(HostConfig.self, forKey: .hostConfig)
        networkingConfig = try container.decodeIfPresent(NetworkingConfig.self, forKey: .networkingConfig)
    }

    /// Encodes the config keys and the two nested objects into one JSON object.
    public func encode(to encoder: any Encoder) throws {
        try config.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(hostConfig, forKey: .hostConfig)
        try container.encodeIfPresent(networkingConfig, forKey: .networkingConfig)
    }

    enum CodingKeys: String, CodingKey {
        case hostConfig = "HostConfig"
        case networkingConfig = "NetworkingConfig"
    }
}
