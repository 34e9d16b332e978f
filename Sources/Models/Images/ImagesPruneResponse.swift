// SPDX-License-Identifier: Apache-2.0
// The body of `POST /images/prune` (spec `ImagePruneResponse`).

/// The result of `POST /images/prune`.
public struct ImagesPruneResponse: Codable, Sendable, Equatable {
    /// What was untagged and deleted.
    public var imagesDeleted: [ImageDeleteResponseItem]
    /// Bytes freed.
    public var spaceReclaimed: Int64

    /// Creates a prune result.
    public init(imagesDeleted: [ImageDeleteResponseItem] = [], spaceReclaimed: Int64 = 0) {
        self.imagesDeleted = imagesDeleted
        self.spaceReclaimed = spaceReclaimed
    }

    /// Decodes; dockerd writes `"ImagesDeleted": null` when nothing was pruned.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        imagesDeleted = try container.decodeIfPresent([ImageDeleteResponseItem].self, forKey: .imagesDeleted) ?? []
        spaceReclaimed = try container.decodeIfPresent(Int64.self, forKey: .spaceReclaimed) ?? 0
    }

    enum CodingKeys: String, CodingKey {
        case imagesDeleted = "ImagesDeleted"
        case spaceReclaimed = "SpaceReclaimed"
    }
}
