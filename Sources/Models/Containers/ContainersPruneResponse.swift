// SPDX-License-Identifier: Apache-2.0
// The body of `POST /containers/prune` (spec `ContainerPruneResponse`).

/// The result of `POST /containers/prune`.
public struct ContainersPruneResponse: Codable, Sendable, Equatable {
    /// IDs of the removed containers; `null` when none, as dockerd writes.
    public var containersDeleted: [String]?
    /// Bytes freed.
    public var spaceReclaimed: UInt64

    /// Creates a value; every field defaults to its zero value or nil.
    public init(containersDeleted: [String]? = nil, spaceReclaimed: UInt64 = 0) {
        self.containersDeleted = containersDeleted
        self.spaceReclaimed = spaceReclaimed
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        containersDeleted = try container.decodeIfPresent([String].self, forKey: .containersDeleted)
        spaceReclaimed = try container.decodeIfPresent(UInt64.self, forKey: .spaceReclaimed) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(containersDeleted, forKey: .containersDeleted)
        try container.encode(spaceReclaimed, forKey: .spaceReclaimed)
    }

    enum CodingKeys: String, CodingKey {
        case containersDeleted = "ContainersDeleted"
        case spaceReclaimed = "SpaceReclaimed"
    }
}
