// SPDX-License-Identifier: Apache-2.0
// One platform manifest of an image in `Manifests` of image list and inspect (spec `ImageManifestSummary`, 1.47).

/// A manifest of an image (per platform, or an attestation), with what is available locally.
public struct ImageManifestSummary: Codable, Sendable, Equatable {
    /// What a manifest is.
    public enum Kind: String, Codable, Sendable, Equatable {
        /// A runnable image manifest.
        case image
        /// A BuildKit attestation manifest.
        case attestation
        /// Anything else.
        case unknown
    }

    /// Sizes of a manifest's content.
    public struct Size: Codable, Sendable, Equatable {
        /// All locally present data: `content` plus unpacked snapshots.
        public var total: Int64
        /// Blobs in the content store (config, layers).
        public var content: Int64

        /// Creates sizes.
        public init(total: Int64, content: Int64) {
            self.total = total
            self.content = content
        }

        enum CodingKeys: String, CodingKey {
            case total = "Total"
            case content = "Content"
        }
    }

    /// Data of an `image` manifest.
    public struct ImageData: Codable, Sendable, Equatable {
        /// Unpacked size.
        public struct Size: Codable, Sendable, Equatable {
            /// Bytes of unpacked layers.
            public var unpacked: Int64

            /// Creates the size.
            public init(unpacked: Int64) { self.unpacked = unpacked }

            enum CodingKeys: String, CodingKey {
                case unpacked = "Unpacked"
            }
        }

        /// Platform from the index descriptor, else from the image config.
        public var platform: OCIPlatform
        /// IDs of containers using this manifest's image.
        public var containers: [String]
        /// Unpacked size.
        public var size: Size

        /// Creates image data.
        public init(platform: OCIPlatform, containers: [String] = [], size: Size) {
            self.platform = platform
            self.containers = containers
            self.size = size
        }

        enum CodingKeys: String, CodingKey {
            case platform = "Platform"
            case containers = "Containers"
            case size = "Size"
        }
    }

    /// Data of an `attestation` manifest.
    public struct AttestationData: Codable, Sendable, Equatable {
        /// Digest of the image manifest the attestation is for.
        public var `for`: String

        /// Creates attestation data.
        public init(for subject: String) { self.for = subject }

        enum CodingKeys: String, CodingKey {
            case `for` = "For"
        }
    }

    /// The manifest digest.
    public var id: String
    /// The manifest's descriptor.
    public var descriptor: OCIDescriptor
    /// True when config and layers are all present locally.
    public var available: Bool
    /// Sizes.
    public var size: Size
    /// Kind of manifest.
    public var kind: Kind
    /// Set when `kind` is `image`; omitted when nil.
    public var imageData: ImageData?
    /// Set when `kind` is `attestation`; omitted when nil.
    public var attestationData: AttestationData?

    /// Creates a manifest summary.
    public init(
        id: String,
        descriptor: OCIDescriptor,
        available: Bool,
        size: Size,
        kind: Kind,
        imageData: ImageData? = nil,
        attestationData: AttestationData? = nil
    ) {
        self.id = id
        self.descriptor = descriptor
        self.available = available
        self.size = size
        self.kind = kind
        self.imageData = imageData
        self.attestationData = attestationData
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case descriptor = "Descriptor"
        case available = "Available"
        case size = "Size"
        case kind = "Kind"
        case imageData = "ImageData"
        case attestationData = "AttestationData"
    }
}
