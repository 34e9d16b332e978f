// SPDX-License-Identifier: Apache-2.0
// One build cache record in `GET /system/df` (spec `BuildCache`, moby `build.CacheRecord`).

/// A build cache record.
public struct BuildCache: Codable, Sendable, Equatable {
    /// Record ID.
    public var id: String
    /// Parent record IDs; omitted when nil.
    public var parents: [String]?
    /// Cache type: `internal`, `frontend`, `source.local`, `source.git.checkout`, `exec.cachemount` or `regular`.
    public var type: String
    /// Description of the step that made the record.
    public var description: String
    /// True while in use.
    public var inUse: Bool
    /// True when shared with other records.
    public var shared: Bool
    /// Bytes used.
    public var size: Int64
    /// Creation time, RFC 3339 with nanoseconds.
    public var createdAt: String
    /// Last use, RFC 3339 with nanoseconds; omitted when nil.
    public var lastUsedAt: String?
    /// Number of uses.
    public var usageCount: Int

    /// Creates a build cache record.
    public init(
        id: String,
        parents: [String]? = nil,
        type: String = "regular",
        description: String = "",
        inUse: Bool = false,
        shared: Bool = false,
        size: Int64 = 0,
        createdAt: String,
        lastUsedAt: String? = nil,
        usageCount: Int = 0
    ) {
        self.id = id
        self.parents = parents
        self.type = type
        self.description = description
        self.inUse = inUse
        self.shared = shared
        self.size = size
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.usageCount = usageCount
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case parents = "Parents"
        case type = "Type"
        case description = "Description"
        case inUse = "InUse"
        case shared = "Shared"
        case size = "Size"
        case createdAt = "CreatedAt"
        case lastUsedAt = "LastUsedAt"
        case usageCount = "UsageCount"
    }
}
