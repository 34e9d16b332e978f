// SPDX-License-Identifier: Apache-2.0
// The run defaults of an image: the `config` object of the image JSON and `Config` of `GET /images/{name}/json`.

/// Defaults for containers made from an image (spec `ImageConfig`; OCI config.md `config` plus Docker's
/// `Healthcheck`, `OnBuild`, `Shell`). Every field is omitted when nil, as moby's `omitempty` does.
public struct ImageConfig: Codable, Sendable, Equatable {
    /// User (and group) commands run as, e.g. `web:web`.
    public var user: String?
    /// Ports to expose, `{"80/tcp": {}}`.
    public var exposedPorts: [String: EmptyObject]?
    /// Environment, `["PATH=/usr/bin", …]`.
    public var env: [String]?
    /// Entrypoint argv.
    public var entrypoint: [String]?
    /// Default command (arguments to the entrypoint).
    public var cmd: [String]?
    /// Anonymous volume paths, `{"/data": {}}`.
    public var volumes: [String: EmptyObject]?
    /// Working directory.
    public var workingDir: String?
    /// Image labels.
    public var labels: [String: String]?
    /// Stop signal, e.g. `SIGTERM`.
    public var stopSignal: String?
    /// Windows-only: command already escaped.
    public var argsEscaped: Bool?
    /// Health check (Docker extension).
    public var healthcheck: HealthConfig?
    /// `ONBUILD` triggers (Docker extension).
    public var onBuild: [String]?
    /// Shell for shell-form instructions (Docker extension).
    public var shell: [String]?

    /// Creates an image config.
    public init(
        user: String? = nil,
        exposedPorts: [String: EmptyObject]? = nil,
        env: [String]? = nil,
        entrypoint: [String]? = nil,
        cmd: [String]? = nil,
        volumes: [String: EmptyObject]? = nil,
        workingDir: String? = nil,
        labels: [String: String]? = nil,
        stopSignal: String? = nil,
        argsEscaped: Bool? = nil,
        healthcheck: HealthConfig? = nil,
        onBuild: [String]? = nil,
        shell: [String]? = nil
    ) {
        self.user = user
        self.exposedPorts = exposedPorts
        self.env = env
        self.entrypoint = entrypoint
        self.cmd = cmd
        self.volumes = volumes
        self.workingDir = workingDir
        self.labels = labels
        self.stopSignal = stopSignal
        self.argsEscaped = argsEscaped
        self.healthcheck = healthcheck
        self.onBuild = onBuild
        self.shell = shell
    }

    enum CodingKeys: String, CodingKey {
        case user = "User"
        case exposedPorts = "ExposedPorts"
        case env = "Env"
        case entrypoint = "Entrypoint"
        case cmd = "Cmd"
        case volumes = "Volumes"
        case workingDir = "WorkingDir"
        case labels = "Labels"
        case stopSignal = "StopSignal"
        case argsEscaped = "ArgsEscaped"
        case healthcheck = "Healthcheck"
        case onBuild = "OnBuild"
        case shell = "Shell"
    }
}
