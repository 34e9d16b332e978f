// SPDX-License-Identifier: Apache-2.0
// Registry client settings: the daemon's insecure registries and mirrors, plus transfer tuning.

/// Settings of a `RegistryClient`.
public struct RegistryOptions: Sendable {
    /// `--insecure-registry` entries: `host`, `host:port` or a CIDR (`10.0.0.0/8`). Loopback is always insecure.
    public var insecureRegistries: [String]
    /// `registry-mirrors` URLs, tried in order before Docker Hub for pulls.
    public var mirrors: [String]
    /// Docker Hub's registry API origin.
    public var officialRegistry: String
    /// Docker Hub's search API origin (`GET /v1/search`).
    public var officialSearchIndex: String
    /// Blobs up to this size go in one `PUT`; larger ones in `PATCH` chunks of this size.
    public var chunkSize: Int
    /// Seconds to wait for a response head, and between two pieces of a body.
    public var requestTimeout: Double
    /// The `User-Agent` header.
    public var userAgent: String

    /// Settings with dockerd's defaults for anything not given.
    public init(
        insecureRegistries: [String] = [], mirrors: [String] = [], officialRegistry: String = "https://registry-1.docker.io",
        officialSearchIndex: String = "https://index.docker.io", chunkSize: Int = 4 << 20, requestTimeout: Double = 60,
        userAgent: String = "berth/\(Engine.version)"
    ) {
        self.insecureRegistries = insecureRegistries
        self.mirrors = mirrors
        self.officialRegistry = officialRegistry
        self.officialSearchIndex = officialSearchIndex
        self.chunkSize = max(1, chunkSize)
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
    }

    /// The registry settings of an engine configuration (`insecure-registries`, `registry-mirrors`).
    public init(configuration: EngineConfiguration) {
        self.init(insecureRegistries: configuration.insecureRegistries, mirrors: configuration.registryMirrors)
    }
}
