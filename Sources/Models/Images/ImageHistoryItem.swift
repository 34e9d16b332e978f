// SPDX-License-Identifier: Apache-2.0
// One row of `GET /images/{name}/history` (spec `HistoryResponseItem`).

/// One build step of an image, newest first in the response.
public struct ImageHistoryItem: Codable, Sendable, Equatable {
    /// Image ID for the top row and local parents, otherwise `<missing>`.
    public var id: String
    /// Creation time, Unix seconds.
    public var created: Int64
    /// The step's command.
    public var createdBy: String
    /// Tags of the image at this row.
    public var tags: [String]
    /// Bytes the step's layer adds; 0 for empty layers.
    public var size: Int64
    /// The step's comment.
    public var comment: String

    /// Creates a history row.
    public init(id: String, created: Int64, createdBy: String = "", tags: [String] = [], size: Int64 = 0, comment: String = "") {
        self.id = id
        self.created = created
        self.createdBy = createdBy
        self.tags = tags
        self.size = size
        self.comment = comment
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case created = "Created"
        case createdBy = "CreatedBy"
        case tags = "Tags"
        case size = "Size"
        case comment = "Comment"
    }
}
