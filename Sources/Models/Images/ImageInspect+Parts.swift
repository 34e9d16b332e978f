// SPDX-License-Identifier: Apache-2.0
// The `RootFS` and `Metadata` objects of `GET /images/{name}/json`.

extension ImageInspect {
    /// The image's layers as DiffIDs.
    public struct RootFS: Codable, Sendable, Equatable {
        /// `layers`.
        public var type: String
        /// DiffIDs, base first; omitted when nil (no layers).
        public var layers: [String]?

        /// Creates a rootfs entry.
        public init(type: String = "layers", layers: [String]? = nil) {
            self.type = type
            self.layers = layers
        }

        enum CodingKeys: String, CodingKey {
            case type = "Type"
            case layers = "Layers"
        }
    }

    /// Local, non-image metadata.
    public struct Metadata: Codable, Sendable, Equatable {
        /// When the image was last tagged locally, RFC 3339 with nanoseconds. dockerd writes Go's zero time,
        /// `0001-01-01T00:00:00Z`, for images never tagged here; omitted when nil.
        public var lastTagTime: String?

        /// Creates metadata.
        public init(lastTagTime: String? = nil) {
            self.lastTagTime = lastTagTime
        }

        enum CodingKeys: String, CodingKey {
            case lastTagTime = "LastTagTime"
        }
    }
}
