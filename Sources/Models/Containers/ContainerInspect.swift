// SPDX-License-Identifier: Apache-2.0
// `GET /containers/{id}/json` (spec `ContainerInspectResponse`, v1.50; moby `container.InspectResponse`).

/// Everything about one container.
///
/// `State`, `Config`, `HostConfig` and `NetworkSettings` are Go pointers, written as `null` when nil; `SizeRw` and
/// `SizeRootFs` appear only with `size=1`, `ImageManifestDescriptor` only when known (API 1.48).
public struct ContainerInspect: Codable, Sendable, Equatable {
    /// Container ID (64 hex digits).
    public var id: String
    /// Creation time, RFC 3339 with nanoseconds.
    public var created: String
    /// Path of the command run.
    public var path: String
    /// Arguments of the command run.
    public var args: [String]
    /// Run state; `null` when nil.
    public var state: ContainerState?
    /// Image ID, `sha256:…`.
    public var image: String
    /// Host path of the container's `/etc/resolv.conf`.
    public var resolvConfPath: String
    /// Host path of the container's `/etc/hostname`.
    public var hostnamePath: String
    /// Host path of the container's `/etc/hosts`.
    public var hostsPath: String
    /// Host path of the log file, empty for drivers without one.
    public var logPath: String
    /// Name with a leading `/`.
    public var name: String
    /// Restarts by the restart policy since the last start by a user.
    public var restartCount: Int
    /// Storage driver, e.g. `overlay2`.
    public var driver: String
    /// Operating system, e.g. `linux`.
    public var platform: String
    /// Manifest the container was created from (API 1.48); omitted when nil.
    public var imageManifestDescriptor: OCIDescriptor?
    /// SELinux mount label.
    public var mountLabel: String
    /// SELinux process label.
    public var processLabel: String
    /// AppArmor profile.
    public var appArmorProfile: String
    /// IDs of the container's exec instances; `null` when none.
    public var execIDs: [String]?
    /// Host configuration; `null` when nil.
    public var hostConfig: HostConfig?
    /// Storage driver data.
    public var graphDriver: DriverData
    /// Bytes in the writable layer; omitted when nil.
    public var sizeRw: Int64?
    /// Total bytes of all layers; omitted when nil.
    public var sizeRootFs: Int64?
    /// Mounts.
    public var mounts: [MountPoint]
    /// Portable configuration; `null` when nil.
    public var config: ContainerConfig?
    /// Network state; `null` when nil.
    public var networkSettings: NetworkSettings?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        id: String = "",
        created: String = "",
        path: String = "",
        args: [String] = [],
        state: ContainerState? = nil,
        image: String = "",
        resolvConfPath: String = "",
        hostnamePath: String = "",
        hostsPath: String = "",
        logPath: String = "",
        name: String = "",
        restartCount: Int = 0,
        driver: String = "",
        platform: String = "",
        imageManifestDescriptor: OCIDescriptor? = nil,
        mountLabel: String = "",
        processLabel: String = "",
        appArmorProfile: String = "",
        execIDs: [String]? = nil,
        hostConfig: HostConfig? = nil,
        graphDriver: DriverData = DriverData(name: ""),
        sizeRw: Int64? = nil,
        sizeRootFs: Int64? = nil,
        mounts: [MountPoint] = [],
        config: ContainerConfig? = nil,
        networkSettings: NetworkSettings? = nil
    ) {
        self.id = id
        self.created = created
        self.path = path
        self.args = args
        self.state = state
        self.image = image
        self.resolvConfPath = resolvConfPath
        self.hostnamePath = hostnamePath
        self.hostsPath = hostsPath
        self.logPath = logPath
        self.name = name
        self.restartCount = restartCount
        self.driver = driver
        self.platform = platform
        self.imageManifestDescriptor = imageManifestDescriptor
        self.mountLabel = mountLabel
        self.processLabel = processLabel
        self.appArmorProfile = appArmorProfile
        self.execIDs = execIDs
        self.hostConfig = hostConfig
        self.graphDriver = graphDriver
        self.sizeRw = sizeRw
        self.sizeRootFs = sizeRootFs
        self.mounts = mounts
        self.config = config
        self.networkSettings = networkSettings
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        created = try container.decodeIfPresent(String.self, forKey: .created) ?? ""
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? ""
        args = try container.decodeIfPresent([String].self, forKey: .args) ?? []
        state = try container.decodeIfPresent(ContainerState.self, forKey: .state)
        image = try container.decodeIfPresent(String.self, forKey: .image) ?? ""
        resolvConfPath = try container.decodeIfPresent(String.self, forKey: .resolvConfPath) ?? ""
        hostnamePath = try container.decodeIfPresent(String.self, forKey: .hostnamePath) ?? ""
        hostsPath = try container.decodeIfPresent(String.self, forKey: .hostsPath) ?? ""
        logPath = try container.decodeIfPresent(String.self, forKey: .logPath) ?? ""
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? ""
        restartCount = try container.decodeIfPresent(Int.self, forKey: .restartCount) ?? 0
        driver = try container.decodeIfPresent(String.self, forKey: .driver) ?? ""
        platform = try container.decodeIfPresent(String.self, forKey: .platform) ?? ""
        imageManifestDescriptor = try container.decodeIfPresent(OCIDescriptor.self, forKey: .imageManifestDescriptor)
        mountLabel = try container.decodeIfPresent(String.self, forKey: .mountLabel) ?? ""
        processLabel = try container.decodeIfPresent(String.self, forKey: .processLabel) ?? ""
        appArmorProfile = try container.decodeIfPresent(String.self, forKey: .appArmorProfile) ?? ""
        execIDs = try container.decodeIfPresent([String].self, forKey: .execIDs)
        hostConfig = try container.decodeIfPresent(HostConfig.self, forKey: .hostConfig)
        graphDriver = try container.decodeIfPresent(DriverData.self, forKey: .graphDriver) ?? DriverData(name: "")
        sizeRw = try container.decodeIfPresent(Int64.self, forKey: .sizeRw)
        sizeRootFs = try container.decodeIfPresent(Int64.self, forKey: .sizeRootFs)
        mounts = try container.decodeIfPresent([MountPoint].self, forKey: .mounts) ?? []
        config = try container.decodeIfPresent(ContainerConfig.self, forKey: .config)
        networkSettings = try container.decodeIfPresent(NetworkSettings.self, forKey: .networkSettings)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(created, forKey: .created)
        try container.encode(path, forKey: .path)
        try container.encode(args, forKey: .args)
        try container.encode(state, forKey: .state)
        try container.encode(image, forKey: .image)
        try container.encode(resolvConfPath, forKey: .resolvConfPath)
        try container.encode(hostnamePath, forKey: .hostnamePath)
        try container.encode(hostsPath, forKey: .hostsPath)
        try container.encode(logPath, forKey: .logPath)
        try container.encode(name, forKey: .name)
        try container.encode(restartCount, forKey: .restartCount)
        try container.encode(driver, forKey: .driver)
        try container.encode(platform, forKey: .platform)
        try container.encodeIfPresent(imageManifestDescriptor, forKey: .imageManifestDescriptor)
        try container.encode(mountLabel, forKey: .mountLabel)
        try container.encode(processLabel, forKey: .processLabel)
        try container.encode(appArmorProfile, forKey: .appArmorProfile)
        try container.encode(execIDs, forKey: .execIDs)
        try container.encode(hostConfig, forKey: .hostConfig)
        try container.encode(graphDriver, forKey: .graphDriver)
        try container.encodeIfPresent(sizeRw, forKey: .sizeRw)
        try container.encodeIfPresent(sizeRootFs, forKey: .sizeRootFs)
        try container.encode(mounts, forKey: .mounts)
        try container.encode(config, forKey: .config)
        try container.encode(networkSettings, forKey: .networkSettings)
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case created = "Created"
        case path = "Path"
        case args = "Args"
        case state = "State"
        case image = "Image"
        case resolvConfPath = "ResolvConfPath"
        case hostnamePath = "HostnamePath"
        case hostsPath = "HostsPath"
        case logPath = "LogPath"
        case name = "Name"
        case restartCount = "RestartCount"
        case driver = "Driver"
        case platform = "Platform"
        case imageManifestDescriptor = "ImageManifestDescriptor"
        case mountLabel = "MountLabel"
        case processLabel = "ProcessLabel"
        case appArmorProfile = "AppArmorProfile"
        case execIDs = "ExecIDs"
        case hostConfig = "HostConfig"
        case graphDriver = "GraphDriver"
        case sizeRw = "SizeRw"
        case sizeRootFs = "SizeRootFs"
        case mounts = "Mounts"
        case config = "Config"
        case networkSettings = "NetworkSettings"
    }
}
