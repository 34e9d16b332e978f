// SPDX-License-Identifier: Apache-2.0
// The image JSON ("config blob"): OCI config.md, plus the Docker image spec v1.2 fields dockerd reads.
//
// Its ID is the sha256 of the blob's *bytes*: hash what was received or written, never a re-encoding.

/// An image configuration; unknown fields are ignored on decode (config.md: they "MUST NOT generate an error").
public struct OCIImageConfig: Codable, Sendable, Equatable {
    /// Creation time, RFC 3339; omitted when nil.
    public var created: String?
    /// Author; omitted when nil.
    public var author: String?
    /// CPU architecture (`GOARCH`); decodes as empty when absent.
    public var architecture: String
    /// Operating system (`GOOS`); decodes as empty when absent.
    public var os: String
    /// OS version; omitted when nil.
    public var osVersion: String?
    /// Required OS features; omitted when nil.
    public var osFeatures: [String]?
    /// CPU variant, e.g. `v8`; omitted when nil.
    public var variant: String?
    /// Run defaults; omitted when nil.
    public var config: ImageConfig?
    /// The layers' DiffIDs; required.
    public var rootfs: RootFS
    /// One entry per build step, layer-creating or not; omitted when nil.
    public var history: [History]?
    /// Docker: the parent image ID (legacy builder, commit); omitted when nil.
    public var parent: String?
    /// Docker: commit or import message; omitted when nil.
    public var comment: String?
    /// Docker: version of the engine that built the image; omitted when nil.
    public var dockerVersion: String?

    /// Creates an image config.
    public init(
        created: String? = nil,
        author: String? = nil,
        architecture: String,
        os: String,
        osVersion: String? = nil,
        osFeatures: [String]? = nil,
        variant: String? = nil,
        config: ImageConfig? = nil,
        rootfs: RootFS,
        history: [History]? = nil,
        parent: String? = nil,
        comment: String? = nil,
        dockerVersion: String? = nil
    ) {
        self.created = created
        self.author = author
        self.architecture = architecture
        self.os = os
        self.osVersion = osVersion
        self.osFeatures = osFeatures
        self.variant = variant
        self.config = config
        self.rootfs = rootfs
        self.history = history
        self.parent = parent
        self.comment = comment
        self.dockerVersion = dockerVersion
    }

    /// Decodes, tolerating absent `architecture`/`os` (read as empty); a missing `rootfs` is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        created = try container.decodeIfPresent(String.self, forKey: .created)
        author = try container.decodeIfPresent(String.self, forKey: .author)
        architecture = try container.decodeIfPresent(String.self, forKey: .architecture) ?? ""
        os = try container.decodeIfPresent(String.self, forKey: .os) ?? ""
        osVersion = try container.decodeIfPresent(String.self, forKey: .osVersion)
        osFeatures = try container.decodeIfPresent([String].self, forKey: .osFeatures)
        variant = try container.decodeIfPresent(String.self, forKey: .variant)
        config = try container.decodeIfPresent(ImageConfig.self, forKey: .config)
        rootfs = try container.decode(RootFS.self, forKey: .rootfs)
        history = try container.decodeIfPresent([History].self, forKey: .history)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
        dockerVersion = try container.decodeIfPresent(String.self, forKey: .dockerVersion)
    }

    enum CodingKeys: String, CodingKey {
        case created
        case author
        case architecture
        case os
        case osVersion = "os.version"
        case osFeatures = "os.features"
        case variant
        case config
        case rootfs
        case history
        case parent
        case comment
        case dockerVersion = "docker_version"
    }
}
