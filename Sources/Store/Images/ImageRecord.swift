// SPDX-License-Identifier: Apache-2.0
// One image as stored: ID, manifest, platform, layers in order, and the names pointing at it.

/// An image and its names.
public struct ImageRecord: Sendable, Equatable {
    /// `sha256:…` of the config blob.
    public var id: String
    /// The manifest it was pulled or pushed as, if any.
    public var manifestDigest: String?
    /// That manifest's media type.
    public var manifestType: String?
    /// The config's `created` time as written there (RFC 3339).
    public var created: String?
    /// Sum of the unpacked layer sizes.
    public var size: Int64
    /// Platform from the config.
    public var architecture: String
    /// Platform from the config.
    public var os: String
    /// Platform variant from the config.
    public var variant: String
    /// When this engine first stored it (Unix nanoseconds).
    public var addedAt: Int64
    /// When a tag last changed to point here (Unix nanoseconds).
    public var lastTagTime: Int64?
    /// Chain IDs bottom to top.
    public var layers: [String]
    /// Full tag names, e.g. `docker.io/library/busybox:latest`.
    public var tags: [String]
    /// Full digest names, e.g. `docker.io/library/busybox@sha256:…`.
    public var digests: [String]

    /// Creates a record.
    public init(
        id: String, manifestDigest: String? = nil, manifestType: String? = nil, created: String? = nil, size: Int64,
        architecture: String, os: String, variant: String = "", addedAt: Int64, lastTagTime: Int64? = nil, layers: [String],
        tags: [String] = [], digests: [String] = []
    ) {
        self.id = id
        self.manifestDigest = manifestDigest
        self.manifestType = manifestType
        self.created = created
        self.size = size
        self.architecture = architecture
        self.os = os
        self.variant = variant
        self.addedAt = addedAt
        self.lastTagTime = lastTagTime
        self.layers = layers
        self.tags = tags
        self.digests = digests
    }
}
