// SPDX-License-Identifier: Apache-2.0
// The `rootfs` and `history` parts of the image JSON (OCI config.md "Properties").

extension OCIImageConfig {
    /// The layer content addresses: `type` is `layers`, `diff_ids` the uncompressed layer digests, base first.
    public struct RootFS: Codable, Sendable, Equatable {
        /// Always `layers`; anything else must be refused when unpacking.
        public var type: String
        /// DiffIDs (digests of the uncompressed tars), base layer first.
        public var diffIDs: [Digest]

        /// Creates a rootfs entry.
        public init(type: String = "layers", diffIDs: [Digest]) {
            self.type = type
            self.diffIDs = diffIDs
        }

        /// Decodes; a `null` or absent `diff_ids` (images with no layers) reads as empty.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = try container.decode(String.self, forKey: .type)
            diffIDs = try container.decodeIfPresent([Digest].self, forKey: .diffIDs) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }
    }

    /// One build step.
    public struct History: Codable, Sendable, Equatable {
        /// When the step ran, RFC 3339; omitted when nil.
        public var created: String?
        /// The command, e.g. `/bin/sh -c #(nop)  CMD ["sh"]`; omitted when nil.
        public var createdBy: String?
        /// Author; omitted when nil.
        public var author: String?
        /// Comment; omitted when nil.
        public var comment: String?
        /// True when the step made no layer; omitted when nil.
        public var emptyLayer: Bool?

        /// Creates a history entry.
        public init(
            created: String? = nil,
            createdBy: String? = nil,
            author: String? = nil,
            comment: String? = nil,
            emptyLayer: Bool? = nil
        ) {
            self.created = created
            self.createdBy = createdBy
            self.author = author
            self.comment = comment
            self.emptyLayer = emptyLayer
        }

        /// True when the step made a layer (`empty_layer` absent or false).
        public var makesLayer: Bool { emptyLayer != true }

        enum CodingKeys: String, CodingKey {
            case created
            case createdBy = "created_by"
            case author
            case comment
            case emptyLayer = "empty_layer"
        }
    }
}
