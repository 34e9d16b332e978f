// SPDX-License-Identifier: Apache-2.0
// The manifest documents a pull reads (OCI image-spec descriptor.md, manifest.md, image-index.md; Docker
// schema2 has the same fields), and what `resolve` hands back.

/// A reference to content: media type, digest and size (OCI descriptor).
public struct ContentDescriptor: Codable, Sendable, Equatable {
    /// The content's media type.
    public var mediaType: String
    /// `sha256:<hex>`.
    public var digest: String
    /// Size in bytes.
    public var size: Int64
    /// Alternative download URLs (foreign layers).
    public var urls: [String]?
    /// Annotations.
    public var annotations: [String: String]?
    /// The platform of an index entry.
    public var platform: ImagePlatform?

    /// Creates a descriptor.
    public init(mediaType: String, digest: String, size: Int64, platform: ImagePlatform? = nil) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
    }
}

/// A single-platform image manifest: one config and the layers bottom-up.
public struct ImageManifest: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion: Int
    /// The manifest's media type, when it names one.
    public var mediaType: String?
    /// The image config blob.
    public var config: ContentDescriptor
    /// The layer blobs, base layer first.
    public var layers: [ContentDescriptor]
    /// Annotations.
    public var annotations: [String: String]?

    /// Creates a manifest.
    public init(schemaVersion: Int = 2, mediaType: String?, config: ContentDescriptor, layers: [ContentDescriptor]) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.config = config
        self.layers = layers
    }
}

/// An image index (or Docker manifest list): one manifest per platform.
public struct ManifestIndex: Codable, Sendable, Equatable {
    /// Always 2.
    public var schemaVersion: Int
    /// The index's media type, when it names one.
    public var mediaType: String?
    /// The entries.
    public var manifests: [ContentDescriptor]
    /// Annotations.
    public var annotations: [String: String]?

    /// Creates an index.
    public init(schemaVersion: Int = 2, mediaType: String?, manifests: [ContentDescriptor]) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.manifests = manifests
    }
}

/// Manifest bytes exactly as the registry sent them, with their verified digest.
public struct FetchedManifest: Sendable, Equatable {
    /// `sha256:<hex>` of `bytes` (checked against the requested digest and `Docker-Content-Digest`).
    public var digest: String
    /// The media type (`mediaType` field, else `Content-Type`).
    public var mediaType: String
    /// The raw document.
    public var bytes: [UInt8]

    /// Creates a value.
    public init(digest: String, mediaType: String, bytes: [UInt8]) {
        self.digest = digest
        self.mediaType = mediaType
        self.bytes = bytes
    }

    /// A descriptor of this document.
    public var descriptor: ContentDescriptor { ContentDescriptor(mediaType: mediaType, digest: digest, size: Int64(bytes.count)) }
}

/// The outcome of resolving a reference for one platform.
public struct ResolvedImage: Sendable {
    /// What the reference names: an index, or the manifest itself. Its digest is the repo digest dockerd
    /// prints (`Digest: sha256:…`).
    public var top: FetchedManifest
    /// The parsed index when `top` is one.
    public var index: ManifestIndex?
    /// The chosen single-platform manifest document (`top` itself when there is no index).
    public var manifest: FetchedManifest
    /// `manifest` parsed.
    public var image: ImageManifest
    /// The index entry's platform, when chosen from an index.
    public var platform: ImagePlatform?
}
