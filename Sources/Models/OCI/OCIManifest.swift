// SPDX-License-Identifier: Apache-2.0
// A single-platform image manifest: OCI manifest.md, and Docker schema2 (`…distribution.manifest.v2+json`).

/// An image manifest: one config blob and the layers in stack order (base first).
public struct OCIManifest: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion: Int
    /// `application/vnd.oci.image.manifest.v1+json` or Docker's schema2 type; omitted when nil (OCI allows it).
    public var mediaType: String?
    /// Artifact type when the manifest carries an artifact; omitted when nil.
    public var artifactType: String?
    /// The image config blob.
    public var config: OCIDescriptor
    /// Layer blobs, base layer first.
    public var layers: [OCIDescriptor]
    /// Another manifest this one refers to (referrers API); omitted when nil.
    public var subject: OCIDescriptor?
    /// Arbitrary metadata; omitted when nil.
    public var annotations: [String: String]?

    /// Creates a manifest.
    public init(
        schemaVersion: Int = 2,
        mediaType: String? = MediaTypes.ociManifest,
        artifactType: String? = nil,
        config: OCIDescriptor,
        layers: [OCIDescriptor],
        subject: OCIDescriptor? = nil,
        annotations: [String: String]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.artifactType = artifactType
        self.config = config
        self.layers = layers
        self.subject = subject
        self.annotations = annotations
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion
        case mediaType
        case artifactType
        case config
        case layers
        case subject
        case annotations
    }
}
