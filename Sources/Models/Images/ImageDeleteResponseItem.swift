// SPDX-License-Identifier: Apache-2.0
// One result of `DELETE /images/{name}` and `POST /images/prune` (spec `ImageDeleteResponseItem`).

/// One effect of an image removal: a reference untagged or an image deleted.
public struct ImageDeleteResponseItem: Codable, Sendable, Equatable {
    /// The reference removed, e.g. `busybox:latest`; omitted when nil.
    public var untagged: String?
    /// The image ID deleted; omitted when nil.
    public var deleted: String?

    /// Creates an item.
    public init(untagged: String? = nil, deleted: String? = nil) {
        self.untagged = untagged
        self.deleted = deleted
    }

    enum CodingKeys: String, CodingKey {
        case untagged = "Untagged"
        case deleted = "Deleted"
    }
}
