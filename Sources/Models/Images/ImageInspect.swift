// SPDX-License-Identifier: Apache-2.0
// `GET /images/{name}/json` (spec `ImageInspect`, v1.50; moby `image.InspectResponse`).

/// Everything about one local image.
///
/// Field presence follows moby: `Created`, `Variant`, `OsVersion`, `VirtualSize`, `Descriptor` and `Manifests`
/// are omitted when nil. `VirtualSize` was removed in API 1.44 and `Descriptor` appeared in 1.48 (the API layer
/// clears what a version must not show). Not modelled: `Container`/`ContainerConfig` (removed in 1.45) and the
/// always-empty container fields (`Hostname`, `Tty`, `Image`, …) that `Config` showed before 1.50.
public struct ImageInspect: Codable, Sendable, Equatable {
    /// Image ID, `sha256:…`.
    public var id: String
    /// Tags, e.g. `busybox:latest`.
    public var repoTags: [String]
    /// Digested references, e.g. `busybox@sha256:…`.
    public var repoDigests: [String]
    /// Parent image ID, or empty.
    public var parent: String
    /// Commit/import message, or empty.
    public var comment: String
    /// Creation time, RFC 3339 with nanoseconds; omitted when nil.
    public var created: String?
    /// Version of the engine that built the image, or empty.
    public var dockerVersion: String
    /// Author, or empty.
    public var author: String
    /// Run defaults.
    public var config: ImageConfig
    /// CPU architecture.
    public var architecture: String
    /// CPU variant; omitted when nil.
    public var variant: String?
    /// Operating system.
    public var os: String
    /// OS version; omitted when nil.
    public var osVersion: String?
    /// Total size in bytes, layers included.
    public var size: Int64
    /// Same as `size` (API < 1.44 only); omitted when nil.
    public var virtualSize: Int64?
    /// Storage driver data.
    public var graphDriver: DriverData
    /// The layers' DiffIDs.
    public var rootFS: RootFS
    /// Local metadata.
    public var metadata: Metadata
    /// Descriptor of the image's manifest or index (API 1.48); omitted when nil.
    public var descriptor: OCIDescriptor?
    /// Per-platform manifests (API 1.48, `manifests=1`); omitted when nil.
    public var manifests: [ImageManifestSummary]?

    /// Creates an inspect result.
    public init(
        id: String, repoTags: [String] = [], repoDigests: [String] = [], parent: String = "", comment: String = "",
        created: String? = nil, dockerVersion: String = "", author: String = "", config: ImageConfig = ImageConfig(),
        architecture: String, variant: String? = nil, os: String, osVersion: String? = nil, size: Int64 = 0,
        virtualSize: Int64? = nil, graphDriver: DriverData, rootFS: RootFS, metadata: Metadata = Metadata(),
        descriptor: OCIDescriptor? = nil, manifests: [ImageManifestSummary]? = nil
    ) {
        self.id = id
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.parent = parent
        self.comment = comment
        self.created = created
        self.dockerVersion = dockerVersion
        self.author = author
        self.config = config
        self.architecture = architecture
        self.variant = variant
        self.os = os
        self.osVersion = osVersion
        self.size = size
        self.virtualSize = virtualSize
        self.graphDriver = graphDriver
        self.rootFS = rootFS
        self.metadata = metadata
        self.descriptor = descriptor
        self.manifests = manifests
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case repoTags = "RepoTags"
        case repoDigests = "RepoDigests"
        case parent = "Parent"
        case comment = "Comment"
        case created = "Created"
        case dockerVersion = "DockerVersion"
        case author = "Author"
        case config = "Config"
        case architecture = "Architecture"
        case variant = "Variant"
        case os = "Os"
        case osVersion = "OsVersion"
        case size = "Size"
        case virtualSize = "VirtualSize"
        case graphDriver = "GraphDriver"
        case rootFS = "RootFS"
        case metadata = "Metadata"
        case descriptor = "Descriptor"
        case manifests = "Manifests"
    }
}
