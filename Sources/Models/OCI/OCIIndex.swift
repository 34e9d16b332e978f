// SPDX-License-Identifier: Apache-2.0
// A multi-platform index: OCI image-index.md, and Docker's manifest list (`…manifest.list.v2+json`).

/// An image index: descriptors of per-platform manifests (or nested indexes), each with its `platform`.
public struct OCIIndex: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion: Int
    /// `application/vnd.oci.image.index.v1+json` or Docker's manifest-list type; omitted when nil.
    public var mediaType: String?
    /// Artifact type when the index carries an artifact; omitted when nil.
    public var artifactType: String?
    /// The manifests; may be empty.
    public var manifests: [OCIDescriptor]
    /// Another manifest this one refers to (referrers API); omitted when nil.
    public var subject: OCIDescriptor?
    /// Arbitrary metadata (in `index.json` of a layout, `org.opencontainers.image.ref.name`); omitted when nil.
    public var annotations: [String: String]?

    /// Creates an index.
    public init(
        schemaVersion: Int = 2,
        mediaType: String? = MediaTypes.ociIndex,
        artifactType: String? = nil,
        manifests: [OCIDescriptor],
        subject: OCIDescriptor? = nil,
        annotations: [String: String]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.artifactType = artifactType
        self.manifests = manifests
        self.subject = subject
        self.annotations = annotations
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion
        case mediaType
        case artifactType
        case manifests
        case subject
        case annotations
    }
}
