// SPDX-License-Identifier: Apache-2.0
// One image in `GET /images/json` and `GET /system/df` (spec `ImageSummary`).

/// An image as listed by `GET /images/json` and `GET /system/df`.
///
/// `Manifests` (API 1.47, only with `manifests=1`) and `Descriptor` (1.48) are omitted when nil, as dockerd does.
public struct ImageSummary: Codable, Sendable, Equatable {
    /// Content-addressable image ID, `sha256:…`.
    public var id: String
    /// Parent image ID, or empty.
    public var parentId: String
    /// Tags, e.g. `busybox:latest`.
    public var repoTags: [String]
    /// Digested references, e.g. `busybox@sha256:…`.
    public var repoDigests: [String]
    /// Creation time, Unix seconds.
    public var created: Int64
    /// Total size in bytes, layers included.
    public var size: Int64
    /// Bytes shared with other images; -1 when not computed.
    public var sharedSize: Int64
    /// Image labels.
    public var labels: [String: String]
    /// Containers using the image; -1 when not computed.
    public var containers: Int64
    /// Per-platform manifests (API 1.47, `manifests=1`); omitted when nil.
    public var manifests: [ImageManifestSummary]?
    /// Descriptor of the image's manifest or index (API 1.48); omitted when nil.
    public var descriptor: OCIDescriptor?

    /// Creates an image summary.
    public init(
        id: String,
        parentId: String = "",
        repoTags: [String] = [],
        repoDigests: [String] = [],
        created: Int64 = 0,
        size: Int64 = 0,
        sharedSize: Int64 = -1,
        labels: [String: String] = [:],
        containers: Int64 = -1,
        manifests: [ImageManifestSummary]? = nil,
        descriptor: OCIDescriptor? = nil
    ) {
        self.id = id
        self.parentId = parentId
        self.repoTags = repoTags
        self.repoDigests = repoDigests
        self.created = created
        self.size = size
        self.sharedSize = sharedSize
        self.labels = labels
        self.containers = containers
        self.manifests = manifests
        self.descriptor = descriptor
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case parentId = "ParentId"
        case repoTags = "RepoTags"
        case repoDigests = "RepoDigests"
        case created = "Created"
        case size = "Size"
        case sharedSize = "SharedSize"
        case labels = "Labels"
        case containers = "Containers"
        case manifests = "Manifests"
        case descriptor = "Descriptor"
    }
}
