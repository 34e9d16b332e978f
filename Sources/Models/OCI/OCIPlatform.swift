// SPDX-License-Identifier: Apache-2.0
// The platform of an image (OCI image-index.md `platform`; spec `OCIPlatform`).

/// The platform an image runs on, e.g. `linux/arm64/v8`.
public struct OCIPlatform: Codable, Sendable, Hashable {
    /// CPU architecture as Go's `GOARCH`, e.g. `amd64`, `arm64`.
    public var architecture: String
    /// Operating system as Go's `GOOS`, e.g. `linux`.
    public var os: String
    /// OS version (Windows builds); omitted when nil.
    public var osVersion: String?
    /// Required OS features; omitted when nil.
    public var osFeatures: [String]?
    /// CPU variant, e.g. `v7`, `v8`; omitted when nil.
    public var variant: String?

    /// Creates a platform.
    public init(architecture: String, os: String, osVersion: String? = nil, osFeatures: [String]? = nil, variant: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.osVersion = osVersion
        self.osFeatures = osFeatures
        self.variant = variant
    }

    enum CodingKeys: String, CodingKey {
        case architecture
        case os
        case osVersion = "os.version"
        case osFeatures = "os.features"
        case variant
    }
}
