// SPDX-License-Identifier: Apache-2.0
// The `GET /version` response (spec `SystemVersion`, moby `types.Version`).

/// The `GET /version` response body.
public struct SystemVersion: Codable, Sendable, Equatable {
    /// The product name, e.g. `{"Name":"Docker Engine - Community"}`.
    public struct ServerPlatform: Codable, Sendable, Equatable {
        /// The platform's display name.
        public var name: String

        /// Creates a platform with `name`.
        public init(name: String) {
            self.name = name
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
        }
    }

    /// One system component and its version (moby `ComponentVersion`), e.g. `Engine`, `containerd`, `runc`.
    public struct ComponentVersion: Codable, Sendable, Equatable {
        /// The component name.
        public var name: String
        /// The component version.
        public var version: String
        /// Informational key/value pairs (`GitCommit`, `ApiVersion`, …); omitted when nil.
        public var details: [String: String]?

        /// Creates a component entry.
        public init(name: String, version: String, details: [String: String]? = nil) {
            self.name = name
            self.version = version
            self.details = details
        }

        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case version = "Version"
            case details = "Details"
        }
    }

    /// The product platform (always present in dockerd's output).
    public var platform: ServerPlatform
    /// System components; omitted when nil.
    public var components: [ComponentVersion]?
    /// The daemon version.
    public var version: String
    /// The default (and highest) API version supported, e.g. `1.50`.
    public var apiVersion: String
    /// The lowest API version supported, e.g. `1.24`; omitted when nil.
    public var minAPIVersion: String?
    /// The source commit the daemon was built from.
    public var gitCommit: String
    /// The toolchain version (Go's `runtime.Version()` for dockerd).
    public var goVersion: String
    /// The operating system, Go `GOOS` spelling (`linux`).
    public var os: String
    /// The architecture, Go `GOARCH` spelling (`amd64`, `arm64`).
    public var arch: String
    /// `uname -r`; omitted when nil.
    public var kernelVersion: String?
    /// True when experimental features are on; dockerd omits it when false.
    public var experimental: Bool?
    /// The build date and time; omitted when nil.
    public var buildTime: String?

    /// Creates a version response.
    public init(
        platform: ServerPlatform = ServerPlatform(name: ""),
        components: [ComponentVersion]? = nil,
        version: String = "",
        apiVersion: String = "",
        minAPIVersion: String? = nil,
        gitCommit: String = "",
        goVersion: String = "",
        os: String = "linux",
        arch: String = "",
        kernelVersion: String? = nil,
        experimental: Bool? = nil,
        buildTime: String? = nil
    ) {
        self.platform = platform
        self.components = components
        self.version = version
        self.apiVersion = apiVersion
        self.minAPIVersion = minAPIVersion
        self.gitCommit = gitCommit
        self.goVersion = goVersion
        self.os = os
        self.arch = arch
        self.kernelVersion = kernelVersion
        self.experimental = experimental
        self.buildTime = buildTime
    }

    enum CodingKeys: String, CodingKey {
        case platform = "Platform"
        case components = "Components"
        case version = "Version"
        case apiVersion = "ApiVersion"
        case minAPIVersion = "MinAPIVersion"
        case gitCommit = "GitCommit"
        case goVersion = "GoVersion"
        case os = "Os"
        case arch = "Arch"
        case kernelVersion = "KernelVersion"
        case experimental = "Experimental"
        case buildTime = "BuildTime"
    }
}
