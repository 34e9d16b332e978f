// SPDX-License-Identifier: Apache-2.0
// Plugin names per type in `GET /info` (spec `PluginsInfo`).

/// Available (v1, unmanaged) plugins per type; the docker CLI prints each list joined by spaces.
public struct PluginsInfo: Codable, Sendable, Equatable {
    /// Volume drivers, e.g. `local`.
    public var volume: [String]
    /// Network drivers, e.g. `bridge`, `host`, `null`.
    public var network: [String]
    /// Authorization plugins.
    public var authorization: [String]
    /// Logging drivers, e.g. `json-file`, `local`.
    public var log: [String]

    /// Creates a plugins list.
    public init(volume: [String] = [], network: [String] = [], authorization: [String] = [], log: [String] = []) {
        self.volume = volume
        self.network = network
        self.authorization = authorization
        self.log = log
    }

    enum CodingKeys: String, CodingKey {
        case volume = "Volume"
        case network = "Network"
        case authorization = "Authorization"
        case log = "Log"
    }
}
