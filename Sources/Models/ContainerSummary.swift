// SPDX-License-Identifier: Apache-2.0
// One container in `GET /containers/json` and `GET /system/df` (spec `ContainerSummary`).

/// A container as listed by `GET /containers/json` and `GET /system/df`.
///
/// Not modelled yet: `NetworkSettings` (needs `EndpointSettings`) and `ImageManifestDescriptor`; both are
/// optional for clients, and the docker CLI treats a missing `NetworkSettings` as no networks.
public struct ContainerSummary: Codable, Sendable, Equatable {
    /// The container's `HostConfig` subset shown in listings.
    public struct HostConfigSummary: Codable, Sendable, Equatable {
        /// Network mode, e.g. `bridge`, `host`, `none`; omitted when nil.
        public var networkMode: String?
        /// Container annotations; omitted when nil.
        public var annotations: [String: String]?

        /// Creates the host-config subset.
        public init(networkMode: String? = nil, annotations: [String: String]? = nil) {
            self.networkMode = networkMode
            self.annotations = annotations
        }

        enum CodingKeys: String, CodingKey {
            case networkMode = "NetworkMode"
            case annotations = "Annotations"
        }
    }

    /// Container ID (64 hex digits).
    public var id: String
    /// Names, each with a leading `/`.
    public var names: [String]
    /// The image as the user gave it.
    public var image: String
    /// The resolved image ID, `sha256:…`.
    public var imageID: String
    /// Entrypoint and command joined by spaces.
    public var command: String
    /// Creation time, Unix seconds.
    public var created: Int64
    /// Exposed and published ports.
    public var ports: [PortSummary]
    /// Bytes written to the writable layer; omitted when nil (only with `size=1`).
    public var sizeRw: Int64?
    /// Total size of all layers; omitted when nil (only with `size=1`).
    public var sizeRootFs: Int64?
    /// Container labels.
    public var labels: [String: String]
    /// State: `created`, `running`, `paused`, `restarting`, `exited`, `removing` or `dead`.
    public var state: String
    /// Human-readable status, e.g. `Up 5 minutes`, `Exited (0) 56 minutes ago`.
    public var status: String
    /// Host-config subset.
    public var hostConfig: HostConfigSummary
    /// Mounts.
    public var mounts: [MountPoint]
    /// The networks the container is attached to (`NetworkSettings.Networks`); omitted when nil.
    public var networkSettings: NetworkSettingsSummary?

    /// `NetworkSettings` of a summary: only the endpoints.
    public struct NetworkSettingsSummary: Codable, Sendable, Equatable {
        /// Endpoint per network name.
        public var networks: [String: EndpointSettings]

        /// Wraps the endpoints.
        public init(networks: [String: EndpointSettings]) { self.networks = networks }

        enum CodingKeys: String, CodingKey {
            case networks = "Networks"
        }
    }

    /// Creates a container summary.
    public init(
        id: String,
        names: [String] = [],
        image: String = "",
        imageID: String = "",
        command: String = "",
        created: Int64 = 0,
        ports: [PortSummary] = [],
        sizeRw: Int64? = nil,
        sizeRootFs: Int64? = nil,
        labels: [String: String] = [:],
        state: String = "",
        status: String = "",
        hostConfig: HostConfigSummary = HostConfigSummary(),
        mounts: [MountPoint] = []
    ) {
        self.id = id
        self.names = names
        self.image = image
        self.imageID = imageID
        self.command = command
        self.created = created
        self.ports = ports
        self.sizeRw = sizeRw
        self.sizeRootFs = sizeRootFs
        self.labels = labels
        self.state = state
        self.status = status
        self.hostConfig = hostConfig
        self.mounts = mounts
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case names = "Names"
        case image = "Image"
        case imageID = "ImageID"
        case command = "Command"
        case created = "Created"
        case ports = "Ports"
        case sizeRw = "SizeRw"
        case sizeRootFs = "SizeRootFs"
        case labels = "Labels"
        case state = "State"
        case status = "Status"
        case hostConfig = "HostConfig"
        case mounts = "Mounts"
        case networkSettings = "NetworkSettings"
    }
}
