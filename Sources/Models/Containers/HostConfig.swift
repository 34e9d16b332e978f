// SPDX-License-Identifier: Apache-2.0
// The non-portable part of a container's configuration (spec `HostConfig`; moby `container.HostConfig`): the create
// body's `HostConfig` and inspect's. Go embeds `Resources`, so its keys sit flat in the same JSON object.

/// How a container uses the host: binds, ports, restart policy, security options and, flat in the same JSON
/// object, its `Resources` (kept as one nested value so `docker update` can reuse it).
///
/// Fields Go writes without `omitempty` are non-optional (zero when absent) or, for slices and maps, optional and
/// written as `null` when nil; `CapAdd` and `CapDrop` accept a string as well as an array (Go `strslice`).
public struct HostConfig: Codable, Sendable, Equatable {
    /// Resource limits, encoded flat beside the other keys.
    public var resources: Resources
    /// Bind mounts, `host:container[:options]`; `null` when nil.
    public var binds: [String]?
    /// File the client writes the container ID to (client-side only).
    public var containerIDFile: String
    /// Log driver and its options.
    public var logConfig: LogConfig
    /// `bridge`, `host`, `none`, `container:<id>` or a network name.
    public var networkMode: String
    /// Published ports, `{"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}`; `null` when nil.
    public var portBindings: PortMap?
    /// Restart policy.
    public var restartPolicy: RestartPolicy
    /// Remove the container when it exits (`--rm`).
    public var autoRemove: Bool
    /// Volume driver for the container's volumes.
    public var volumeDriver: String
    /// Containers to take volumes from, `name[:ro
    public var volumesFrom: [String]?
    /// Mounts (`--mount`); omitted when nil.
    public var mounts: [Mount]?
    /// Initial TTY size, `[height, width]`.
    public var consoleSize: [Int]
    /// OCI annotations for the runtime; omitted when nil.
    public var annotations: [String: String]?
    /// Capabilities to add; `null` when nil.
    public var capAdd: [String]?
    /// Capabilities to drop; `null` when nil.
    public var capDrop: [String]?
    /// Cgroup namespace mode, `private` or `host`; empty means the daemon default.
    public var cgroupnsMode: String
    /// DNS servers; `null` when nil.
    public var dns: [String]?
    /// DNS options; `null` when nil.
    public var dnsOptions: [String]?
    /// DNS search domains; `null` when nil.
    public var dnsSearch: [String]?
    /// Extra `/etc/hosts` lines, `host:ip`; `null` when nil.
    public var extraHosts: [String]?
    /// Additional groups for the process; `null` when nil.
    public var groupAdd: [String]?
    /// IPC namespace mode: `private`, `shareable`, `host`, `none` or `container:<id>`.
    public var ipcMode: String
    /// Cgroup to use for the container.
    public var cgroup: String
    /// Legacy links, `name:alias`; `null` when nil.
    public var links: [String]?
    /// OOM score adjustment, -1000 to 1000.
    public var oomScoreAdj: Int
    /// PID namespace mode: empty, `host` or `container:<id>`.
    public var pidMode: String
    /// Give extended privileges.
    public var privileged: Bool
    /// Publish every exposed port on a random host port (`-P`).
    public var publishAllPorts: Bool
    /// Mount the root filesystem read-only.
    public var readonlyRootfs: Bool
    /// Security options, e.g. `seccomp=unconfined`, `no-new-privileges`; `null` when nil.
    public var securityOpt: [String]?
    /// Storage driver options; omitted when nil.
    public var storageOpt: [String: String]?
    /// Tmpfs mounts, path to options; omitted when nil.
    public var tmpfs: [String: String]?
    /// UTS namespace mode: empty or `host`.
    public var utsMode: String
    /// User namespace mode: empty or `host`.
    public var usernsMode: String
    /// Size of `/dev/shm` in bytes; 0 means 64 MiB.
    public var shmSize: Int64
    /// Namespaced kernel parameters; omitted when nil.
    public var sysctls: [String: String]?
    /// OCI runtime name, e.g. `runc`; omitted when nil.
    public var runtime: String?
    /// Windows-only isolation technology; empty on Linux.
    public var isolation: String
    /// Paths masked inside the container; `null` when nil (the defaults apply).
    public var maskedPaths: [String]?
    /// Paths made read-only inside the container; `null` when nil (the defaults apply).
    public var readonlyPaths: [String]?
    /// Run an init process as PID 1 (`--init`); omitted when nil.
    public var initProcess: Bool?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        resources: Resources = Resources(),
        binds: [String]? = nil,
        containerIDFile: String = "",
        logConfig: LogConfig = LogConfig(),
        networkMode: String = "",
        portBindings: PortMap? = nil,
        restartPolicy: RestartPolicy = RestartPolicy(),
        autoRemove: Bool = false,
        volumeDriver: String = "",
        volumesFrom: [String]? = nil,
        mounts: [Mount]? = nil,
        consoleSize: [Int] = [0, 0],
        annotations: [String: String]? = nil,
        capAdd: [String]? = nil,
        capDrop: [String]? = nil,
        cgroupnsMode: String = "",
        dns: [String]? = nil,
        dnsOptions: [String]? = nil,
        dnsSearch: [String]? = nil,
        extraHosts: [String]? = nil,
        groupAdd: [String]? = nil,
        ipcMode: String = "",
        cgroup: String = "",
        links: [String]? = nil,
        oomScoreAdj: Int = 0,
        pidMode: String = "",
        privileged: Bool = false,
        publishAllPorts: Bool = false,
        readonlyRootfs: Bool = false,
        securityOpt: [String]? = nil,
        storageOpt: [String: String]? = nil,
        tmpfs: [String: String]? = nil,
        utsMode: String = "",
        usernsMode: String = "",
        shmSize: Int64 = 0,
        sysctls: [String: String]? = nil,
        runtime: String? = nil,
        isolation: String = "",
        maskedPaths: [String]? = nil,
        readonlyPaths: [String]? = nil,
        initProcess: Bool? = nil
    ) {
        self.resources = resources
        self.binds = binds
        self.containerIDFile = containerIDFile
        self.logConfig = logConfig
        self.networkMode = networkMode
        self.portBindings = portBindings
        self.restartPolicy = restartPolicy
        self.autoRemove = autoRemove
        self.volumeDriver = volumeDriver
        self.volumesFrom = volumesFrom
        self.mounts = mounts
        self.consoleSize = consoleSize
        self.annotations = annotations
        self.capAdd = capAdd
        self.capDrop = capDrop
        self.cgroupnsMode = cgroupnsMode
        self.dns = dns
        self.dnsOptions = dnsOptions
        self.dnsSearch = dnsSearch
        self.extraHosts = extraHosts
        self.groupAdd = groupAdd
        self.ipcMode = ipcMode
        self.cgroup = cgroup
        self.links = links
        self.oomScoreAdj = oomScoreAdj
        self.pidMode = pidMode
        self.privileged = privileged
        self.publishAllPorts = publishAllPorts
        self.readonlyRootfs = readonlyRootfs
        self.securityOpt = securityOpt
        self.storageOpt = storageOpt
        self.tmpfs = tmpfs
        self.utsMode = utsMode
        self.usernsMode = usernsMode
        self.shmSize = shmSize
        self.sysctls = sysctls
        self.runtime = runtime
        self.isolation = isolation
        self.maskedPaths = maskedPaths
        self.readonlyPaths = readonlyPaths
        self.initProcess = initProcess
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        resources = try Resources(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        binds = try container.decodeIfPresent([String].self, forKey: .binds)
        containerIDFile = try container.decodeIfPresent(String.self, forKey: .containerIDFile) ?? ""
        logConfig = try container.decodeIfPresent(LogConfig.self, forKey: .logConfig) ?? LogConfig()
        networkMode = try container.decodeIfPresent(String.self, forKey: .networkMode) ?? ""
        portBindings = try container.decodeIfPresent(PortMap.self, forKey: .portBindings)
        restartPolicy = try container.decodeIfPresent(RestartPolicy.self, forKey: .restartPolicy) ?? RestartPolicy()
        autoRemove = try container.decodeIfPresent(Bool.self, forKey: .autoRemove) ?? false
        volumeDriver = try container.decodeIfPresent(String.self, forKey: .volumeDriver) ?? ""
        volumesFrom = try container.decodeIfPresent([String].self, forKey: .volumesFrom)
        mounts = try container.decodeIfPresent([Mount].self, forKey: .mounts)
        consoleSize = try container.decodeIfPresent([Int].self, forKey: .consoleSize) ?? [0, 0]
        annotations = try container.decodeIfPresent([String: String].self, forKey: .annotations)
        capAdd = try container.decodeStringSlice(forKey: .capAdd)
        capDrop = try container.decodeStringSlice(forKey: .capDrop)
        cgroupnsMode = try container.decodeIfPresent(String.self, forKey: .cgroupnsMode) ?? ""
        dns = try container.decodeIfPresent([String].self, forKey: .dns)
        dnsOptions = try container.decodeIfPresent([String].self, forKey: .dnsOptions)
        dnsSearch = try container.decodeIfPresent([String].self, forKey: .dnsSearch)
        extraHosts = try container.decodeIfPresent([String].self, forKey: .extraHosts)
        groupAdd = try container.decodeIfPresent([String].self, forKey: .groupAdd)
        ipcMode = try container.decodeIfPresent(String.self, forKey: .ipcMode) ?? ""
        cgroup = try container.decodeIfPresent(String.self, forKey: .cgroup) ?? ""
        links = try container.decodeIfPresent([String].self, forKey: .links)
        oomScoreAdj = try container.decodeIfPresent(Int.self, forKey: .oomScoreAdj) ?? 0
        pidMode = try container.decodeIfPresent(String.self, forKey: .pidMode) ?? ""
        privileged = try container.decodeIfPresent(Bool.self, forKey: .privileged) ?? false
        publishAllPorts = try container.decodeIfPresent(Bool.self, forKey: .publishAllPorts) ?? false
        readonlyRootfs = try container.decodeIfPresent(Bool.self, forKey: .readonlyRootfs) ?? false
        securityOpt = try container.decodeIfPresent([String].self, forKey: .securityOpt)
        storageOpt = try container.decodeIfPresent([String: String].self, forKey: .storageOpt)
        tmpfs = try container.decodeIfPresent([String: String].self, forKey: .tmpfs)
        utsMode = try container.decodeIfPresent(String.self, forKey: .utsMode) ?? ""
        usernsMode = try container.decodeIfPresent(String.self, forKey: .usernsMode) ?? ""
        shmSize = try container.decodeIfPresent(Int64.self, forKey: .shmSize) ?? 0
        sysctls = try container.decodeIfPresent([String: String].self, forKey: .sysctls)
        runtime = try container.decodeIfPresent(String.self, forKey: .runtime)
        isolation = try container.decodeIfPresent(String.self, forKey: .isolation) ?? ""
        maskedPaths = try container.decodeIfPresent([String].self, forKey: .maskedPaths)
        readonlyPaths = try container.decodeIfPresent([String].self, forKey: .readonlyPaths)
        initProcess = try container.decodeIfPresent(Bool.self, forKey: .initProcess)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        try resources.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(binds, forKey: .binds)
        try container.encode(containerIDFile, forKey: .containerIDFile)
        try container.encode(logConfig, forKey: .logConfig)
        try container.encode(networkMode, forKey: .networkMode)
        try container.encode(portBindings, forKey: .portBindings)
        try container.encode(restartPolicy, forKey: .restartPolicy)
        try container.encode(autoRemove, forKey: .autoRemove)
        try container.encode(volumeDriver, forKey: .volumeDriver)
        try container.encode(volumesFrom, forKey: .volumesFrom)
        try container.encodeIfPresent(mounts, forKey: .mounts)
        try container.encode(consoleSize, forKey: .consoleSize)
        try container.encodeIfPresent(annotations, forKey: .annotations)
        try container.encode(capAdd, forKey: .capAdd)
        try container.encode(capDrop, forKey: .capDrop)
        try container.encode(cgroupnsMode, forKey: .cgroupnsMode)
        try container.encode(dns, forKey: .dns)
        try container.encode(dnsOptions, forKey: .dnsOptions)
        try container.encode(dnsSearch, forKey: .dnsSearch)
        try container.encode(extraHosts, forKey: .extraHosts)
        try container.encode(groupAdd, forKey: .groupAdd)
        try container.encode(ipcMode, forKey: .ipcMode)
        try container.encode(cgroup, forKey: .cgroup)
        try container.encode(links, forKey: .links)
        try container.encode(oomScoreAdj, forKey: .oomScoreAdj)
        try container.encode(pidMode, forKey: .pidMode)
        try container.encode(privileged, forKey: .privileged)
        try container.encode(publishAllPorts, forKey: .publishAllPorts)
        try container.encode(readonlyRootfs, forKey: .readonlyRootfs)
        try container.encode(securityOpt, forKey: .securityOpt)
        try container.encodeIfPresent(storageOpt, forKey: .storageOpt)
        try container.encodeIfPresent(tmpfs, forKey: .tmpfs)
        try container.encode(utsMode, forKey: .utsMode)
        try container.encode(usernsMode, forKey: .usernsMode)
        try container.encode(shmSize, forKey: .shmSize)
        try container.encodeIfPresent(sysctls, forKey: .sysctls)
        try container.encodeIfPresent(runtime, forKey: .runtime)
        try container.encode(isolation, forKey: .isolation)
        try container.encode(maskedPaths, forKey: .maskedPaths)
        try container.encode(readonlyPaths, forKey: .readonlyPaths)
        try container.encodeIfPresent(initProcess, forKey: .initProcess)
    }

    enum CodingKeys: String, CodingKey {
        case binds = "Binds"
        case containerIDFile = "ContainerIDFile"
        case logConfig = "LogConfig"
        case networkMode = "NetworkMode"
        case portBindings = "PortBindings"
        case restartPolicy = "RestartPolicy"
        case autoRemove = "AutoRemove"
        case volumeDriver = "VolumeDriver"
        case volumesFrom = "VolumesFrom"
        case mounts = "Mounts"
        case consoleSize = "ConsoleSize"
        case annotations = "Annotations"
        case capAdd = "CapAdd"
        case capDrop = "CapDrop"
        case cgroupnsMode = "CgroupnsMode"
        case dns = "Dns"
        case dnsOptions = "DnsOptions"
        case dnsSearch = "DnsSearch"
        case extraHosts = "ExtraHosts"
        case groupAdd = "GroupAdd"
        case ipcMode = "IpcMode"
        case cgroup = "Cgroup"
        case links = "Links"
        case oomScoreAdj = "OomScoreAdj"
        case pidMode = "PidMode"
        case privileged = "Privileged"
        case publishAllPorts = "PublishAllPorts"
        case readonlyRootfs = "ReadonlyRootfs"
        case securityOpt = "SecurityOpt"
        case storageOpt = "StorageOpt"
        case tmpfs = "Tmpfs"
        case utsMode = "UTSMode"
        case usernsMode = "UsernsMode"
        case shmSize = "ShmSize"
        case sysctls = "Sysctls"
        case runtime = "Runtime"
        case isolation = "Isolation"
        case maskedPaths = "MaskedPaths"
        case readonlyPaths = "ReadonlyPaths"
        case initProcess = "Init"
    }
}
