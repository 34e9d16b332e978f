// SPDX-License-Identifier: Apache-2.0
// Media types of OCI image-spec (media-types.md) and Docker's schema2 (distribution manifest-v2-2.md).

/// How a layer blob is compressed, as its media type says.
public enum LayerCompression: String, Sendable, Equatable {
    /// A plain tar stream.
    case none
    /// gzip (RFC 1952).
    case gzip
    /// zstd (RFC 8478).
    case zstd
}

/// Media type strings and their classification.
public enum MediaTypes {
    /// OCI image index.
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    /// OCI image manifest.
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    /// OCI image config.
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    /// OCI content descriptor.
    public static let ociDescriptor = "application/vnd.oci.descriptor.v1+json"
    /// OCI image layout header (`oci-layout` file).
    public static let ociLayoutHeader = "application/vnd.oci.layout.header.v1+json"
    /// OCI empty JSON `{}` for unused descriptors.
    public static let ociEmptyJSON = "application/vnd.oci.empty.v1+json"
    /// OCI layer, uncompressed tar.
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    /// OCI layer, gzip.
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    /// OCI layer, zstd.
    public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
    /// OCI non-distributable layer, uncompressed (deprecated).
    public static let ociForeignLayer = "application/vnd.oci.image.layer.nondistributable.v1.tar"
    /// OCI non-distributable layer, gzip (deprecated).
    public static let ociForeignLayerGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
    /// OCI non-distributable layer, zstd (deprecated).
    public static let ociForeignLayerZstd = "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd"

    /// Docker schema2 manifest list.
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    /// Docker schema2 image manifest.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    /// Docker schema1 signed manifest: legacy, recognised only to refuse it with a clear error.
    public static let dockerManifestV1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws"
    /// Docker image config.
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    /// Docker layer, gzip.
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    /// Docker layer, uncompressed tar.
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar"
    /// Docker layer, zstd (containerd's name for zstd layers in schema2 manifests).
    public static let dockerLayerZstd = "application/vnd.docker.image.rootfs.diff.tar.zstd"
    /// Docker foreign (non-distributable) layer, gzip.
    public static let dockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
    /// Docker foreign layer, uncompressed.
    public static let dockerForeignLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar"

    /// Media types of an index / manifest list.
    public static let indexTypes: Set<String> = [ociIndex, dockerManifestList]
    /// Media types of a single-platform image manifest.
    public static let manifestTypes: Set<String> = [ociManifest, dockerManifest]
    /// Media types of an image config.
    public static let configTypes: Set<String> = [ociConfig, dockerConfig]
    /// The `Accept` list for a manifest request, most specific first.
    public static let manifestAccept: [String] = [ociIndex, dockerManifestList, ociManifest, dockerManifest]

    /// Layer media types by compression.
    static let layerCompression: [String: LayerCompression] = [
        ociLayer: .none, ociLayerGzip: .gzip, ociLayerZstd: .zstd,
        ociForeignLayer: .none, ociForeignLayerGzip: .gzip, ociForeignLayerZstd: .zstd,
        dockerLayer: .none, dockerLayerGzip: .gzip, dockerLayerZstd: .zstd,
        dockerForeignLayer: .none, dockerForeignLayerGzip: .gzip,
    ]

    /// True for an OCI index or Docker manifest list.
    public static func isIndex(_ mediaType: String) -> Bool { indexTypes.contains(mediaType) }

    /// True for an OCI or Docker schema2 image manifest.
    public static func isManifest(_ mediaType: String) -> Bool { manifestTypes.contains(mediaType) }

    /// True for an image layer media type this engine can unpack.
    public static func isLayer(_ mediaType: String) -> Bool { layerCompression[mediaType] != nil }

    /// True for a non-distributable ("foreign") layer: pulls fetch it from its `urls`, pushes skip it.
    public static func isForeignLayer(_ mediaType: String) -> Bool {
        mediaType.contains(".nondistributable.") || mediaType.contains(".foreign.")
    }

    /// The compression of a layer media type, or nil when it is not a known layer type.
    public static func compression(ofLayer mediaType: String) -> LayerCompression? { layerCompression[mediaType] }
}
