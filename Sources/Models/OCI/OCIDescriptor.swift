// SPDX-License-Identifier: Apache-2.0
// A content descriptor: media type, digest and size of a blob (OCI descriptor.md; spec `OCIDescriptor`).

/// A reference to content by digest, as found in manifests, indexes and `Descriptor` API fields.
public struct OCIDescriptor: Codable, Sendable, Hashable {
    /// Media type of the referenced content.
    public var mediaType: String
    /// Digest of the referenced content.
    public var digest: Digest
    /// Size of the referenced content in bytes.
    public var size: Int64
    /// URLs the content may also be fetched from (foreign layers); omitted when nil.
    public var urls: [String]?
    /// Arbitrary metadata; omitted when nil.
    public var annotations: [String: String]?
    /// Embedded content, base64; omitted when nil.
    public var data: String?
    /// Platform of the referenced manifest (in indexes); omitted when nil.
    public var platform: OCIPlatform?
    /// Artifact type of the referenced manifest; omitted when nil.
    public var artifactType: String?

    /// Creates a descriptor.
    public init(
        mediaType: String,
        digest: Digest,
        size: Int64,
        urls: [String]? = nil,
        annotations: [String: String]? = nil,
        data: String? = nil,
        platform: OCIPlatform? = nil,
        artifactType: String? = nil
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.urls = urls
        self.annotations = annotations
        self.data = data
        self.platform = platform
        self.artifactType = artifactType
    }

    enum CodingKeys: String, CodingKey {
        case mediaType
        case digest
        case size
        case urls
        case annotations
        case data
        case platform
        case artifactType
    }
}
