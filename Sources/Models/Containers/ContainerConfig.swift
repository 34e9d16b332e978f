// SPDX-License-Identifier: Apache-2.0
// The portable part of a container's configuration (spec `ContainerConfig`; moby `container.Config`): the create
// body's top-level keys and `Config` in inspect.

/// A container's portable configuration, as the create body carries it and inspect shows it.
///
/// Fields Go writes without `omitempty` are non-optional (zero when absent) or, for slices and maps, optional and
/// written as `null` when nil; `Cmd`, `Entrypoint` and `Shell` accept a string as well as an array (Go `strslice`).
public struct ContainerConfig: Codable, Sendable, Equatable {
    /// Hostname inside the container; empty means the short container ID.
    public var hostname: String
    /// Domain name inside the container.
    public var domainname: String
    /// `user[:group]` the process runs as.
    public var user: String
    /// Attach standard input.
    public var attachStdin: Bool
    /// Attach standard output.
    public var attachStdout: Bool
    /// Attach standard error.
    public var attachStderr: Bool
    /// Exposed ports, `{"80/tcp": {}}`; omitted when nil.
    public var exposedPorts: [String: EmptyObject]?
    /// Allocate a pseudo-terminal.
    public var tty: Bool
    /// Keep standard input open.
    public var openStdin: Bool
    /// Close standard input after the first attach disconnects.
    public var stdinOnce: Bool
    /// Environment, `["A=1", …]`; `null` when nil.
    public var env: [String]?
    /// Command (arguments to the entrypoint); `null` when nil.
    public var cmd: [String]?
    /// Health check; omitted when nil.
    public var healthcheck: HealthConfig?
    /// Windows-only: the command is already escaped; omitted when nil.
    public var argsEscaped: Bool?
    /// Image as the user gave it (create) or its ID (inspect).
    public var image: String
    /// Anonymous volume paths, `{"/data": {}}`; `null` when nil.
    public var volumes: [String: EmptyObject]?
    /// Working directory.
    public var workingDir: String
    /// Entrypoint argv; `null` when nil.
    public var entrypoint: [String]?
    /// Disable networking; omitted when nil.
    public var networkDisabled: Bool?
    /// Deprecated since API 1.44 (use `EndpointSettings.macAddress`); omitted when nil.
    public var macAddress: String?
    /// `ONBUILD` triggers; `null` when nil.
    public var onBuild: [String]?
    /// Labels; `null` when nil.
    public var labels: [String: String]?
    /// Stop signal, e.g. `SIGTERM`; omitted when nil.
    public var stopSignal: String?
    /// Seconds to wait before killing on stop; omitted when nil.
    public var stopTimeout: Int?
    /// Shell for shell-form commands; omitted when nil.
    public var shell: [String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        hostname: String = "",
        domainname: String = "",
        user: String = "",
        attachStdin: Bool = false,
        attachStdout: Bool = false,
        attachStderr: Bool = false,
        exposedPorts: [String: EmptyObject]? = nil,
        tty: Bool = false,
        openStdin: Bool = false,
        stdinOnce: Bool = false,
        env: [String]? = nil,
        cmd: [String]? = nil,
        healthcheck: HealthConfig? = nil,
        argsEscaped: Bool? = nil,
        image: String = "",
        volumes: [String: EmptyObject]? = nil,
        workingDir: String = "",
        entrypoint: [String]? = nil,
        networkDisabled: Bool? = nil,
        macAddress: String? = nil,
        onBuild: [String]? = nil,
        labels: [String: String]? = nil,
        stopSignal: String? = nil,
        stopTimeout: Int? = nil,
        shell: [String]? = nil
    ) {
        self.hostname = hostname
        self.domainname = domainname
        self.user = user
        self.attachStdin = attachStdin
        self.attachStdout = attachStdout
        self.attachStderr = attachStderr
        self.exposedPorts = exposedPorts
        self.tty = tty
        self.openStdin = openStdin
        self.stdinOnce = stdinOnce
        self.env = env
        self.cmd = cmd
        self.healthcheck = healthcheck
        self.argsEscaped = argsEscaped
        self.image = image
        self.volumes = volumes
        self.workingDir = workingDir
        self.entrypoint = entrypoint
        self.networkDisabled = networkDisabled
        self.macAddress = macAddress
        self.onBuild = onBuild
        self.labels = labels
        self.stopSignal = stopSignal
        self.stopTimeout = stopTimeout
        self.shell = shell
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hostname = try container.decodeIfPresent(String.self, forKey: .hostname) ?? ""
        domainname = try container.decodeIfPresent(String.self, forKey: .domainname) ?? ""
        user = try container.decodeIfPresent(String.self, forKey: .user) ?? ""
        attachStdin = try container.decodeIfPresent(Bool.self, forKey: .attachStdin) ?? false
        attachStdout = try container.decodeIfPresent(Bool.self, forKey: .attachStdout) ?? false
        attachStderr = try container.decodeIfPresent(Bool.self, forKey: .attachStderr) ?? false
        exposedPorts = try container.decodeIfPresent([String: EmptyObject].self, forKey: .exposedPorts)
        tty = try container.decodeIfPresent(Bool.self, forKey: .tty) ?? false
        openStdin = try container.decodeIfPresent(Bool.self, forKey: .openStdin) ?? false
        stdinOnce = try container.decodeIfPresent(Bool.self, forKey: .stdinOnce) ?? false
        env = try container.decodeIfPresent([String].self, forKey: .env)
        cmd = try container.decodeStringSlice(forKey: .cmd)
        healthcheck = try container.decodeIfPresent(HealthConfig.self, forKey: .healthcheck)
        argsEscaped = try container.decodeIfPresent(Bool.self, forKey: .argsEscaped)
        image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
        volumes = try container.decodeIfPresent([String: EmptyObject].self, forKey: .volumes)
        workingDir = try container.decodeIfPresent(String.self, forKey: .workingDir) ?? ""
        entrypoint = try container.decodeStringSlice(forKey: .entrypoint)
        networkDisabled = try container.decodeIfPresent(Bool.self, forKey: .networkDisabled)
        macAddress = try container.decodeIfPresent(String.self, forKey: .macAddress)
        onBuild = try container.decodeIfPresent([String].self, forKey: .onBuild)
        labels = try container.decodeIfPresent([String: String].self, forKey: .labels)
        stopSignal = try container.decodeIfPresent(String.self, forKey: .stopSignal)
        stopTimeout = try container.decodeIfPresent(Int.self, forKey: .stopTimeout)
        shell = try container.decodeStringSlice(forKey: .shell)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(hostname, forKey: .hostname)
        try container.encode(domainname, forKey: .domainname)
        try container.encode(user, forKey: .user)
        try container.encode(attachStdin, forKey: .attachStdin)
        try container.encode(attachStdout, forKey: .attachStdout)
        try container.encode(attachStderr, forKey: .attachStderr)
        try container.encodeIfPresent(exposedPorts, forKey: .exposedPorts)
        try container.encode(tty, forKey: .tty)
        try container.encode(openStdin, forKey: .openStdin)
        try container.encode(stdinOnce, forKey: .stdinOnce)
        try container.encode(env, forKey: .env)
        try container.encode(cmd, forKey: .cmd)
        try container.encodeIfPresent(healthcheck, forKey: .healthcheck)
        try container.encodeIfPresent(argsEscaped, forKey: .argsEscaped)
        try container.encode(image, forKey: .image)
        try container.encode(volumes, forKey: .volumes)
        try container.encode(workingDir, forKey: .workingDir)
        try container.encode(entrypoint, forKey: .entrypoint)
        try container.encodeIfPresent(networkDisabled, forKey: .networkDisabled)
        try container.encodeIfPresent(macAddress, forKey: .macAddress)
        try container.encode(onBuild, forKey: .onBuild)
        try container.encode(labels, forKey: .labels)
        try container.encodeIfPresent(stopSignal, forKey: .stopSignal)
        try container.encodeIfPresent(stopTimeout, forKey: .stopTimeout)
        try container.encodeIfPresent(shell, forKey: .shell)
    }

    enum CodingKeys: String, CodingKey {
        case hostname = "Hostname"
        case domainname = "Domainname"
        case user = "User"
        case attachStdin = "AttachStdin"
        case attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr"
        case exposedPorts = "ExposedPorts"
        case tty = "Tty"
        case openStdin = "OpenStdin"
        case stdinOnce = "StdinOnce"
        case env = "Env"
        case cmd = "Cmd"
        case healthcheck = "Healthcheck"
        case argsEscaped = "ArgsEscaped"
        case image = "Image"
        case volumes = "Volumes"
        case workingDir = "WorkingDir"
        case entrypoint = "Entrypoint"
        case networkDisabled = "NetworkDisabled"
        case macAddress = "MacAddress"
        case onBuild = "OnBuild"
        case labels = "Labels"
        case stopSignal = "StopSignal"
        case stopTimeout = "StopTimeout"
        case shell = "Shell"
    }
}
