// SPDX-License-Identifier: Apache-2.0
// Registry settings in `GET /info` (spec `RegistryServiceConfig` and `IndexInfo`).

/// The daemon's registry configuration: insecure ranges, per-registry settings, mirrors.
public struct RegistryServiceConfig: Codable, Sendable, Equatable {
    /// Insecure registry ranges in CIDR form, e.g. `127.0.0.0/8`.
    public var insecureRegistryCIDRs: [String]
    /// Per-registry settings keyed by registry name, e.g. `docker.io`.
    public var indexConfigs: [String: IndexInfo]
    /// Mirrors of the official registry.
    public var mirrors: [String]

    /// Creates a registry configuration.
    public init(insecureRegistryCIDRs: [String] = [], indexConfigs: [String: IndexInfo] = [:], mirrors: [String] = []) {
        self.insecureRegistryCIDRs = insecureRegistryCIDRs
        self.indexConfigs = indexConfigs
        self.mirrors = mirrors
    }

    enum CodingKeys: String, CodingKey {
        case insecureRegistryCIDRs = "InsecureRegistryCIDRs"
        case indexConfigs = "IndexConfigs"
        case mirrors = "Mirrors"
    }
}

/// Settings of one registry (spec `IndexInfo`).
public struct IndexInfo: Codable, Sendable, Equatable {
    /// Registry name, e.g. `docker.io`.
    public var name: String
    /// Mirror URLs.
    public var mirrors: [String]
    /// False when the registry is insecure (plain HTTP or unknown CA allowed).
    public var secure: Bool
    /// True for the official registry (Docker Hub).
    public var official: Bool

    /// Creates a registry entry.
    public init(name: String, mirrors: [String] = [], secure: Bool = true, official: Bool = false) {
        self.name = name
        self.mirrors = mirrors
        self.secure = secure
        self.official = official
    }

    enum CodingKeys: String, CodingKey {
        case name = "Name"
        case mirrors = "Mirrors"
        case secure = "Secure"
        case official = "Official"
    }
}
