// SPDX-License-Identifier: Apache-2.0
// One entry of `GET /containers/{id}/changes` (spec `FilesystemChange`).

/// A path changed in the container's writable layer.
public struct ContainerChangeItem: Codable, Sendable, Equatable {
    /// Path inside the container.
    public var path: String
    /// 0 modified, 1 added, 2 deleted (spec `ChangeType`).
    public var kind: Int

    /// Creates a value; every field defaults to its zero value or nil.
    public init(path: String = "", kind: Int = 0) {
        self.path = path
        self.kind = kind
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? ""
        kind = try container.decodeIfPresent(Int.self, forKey: .kind) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(kind, forKey: .kind)
    }

    enum CodingKeys: String, CodingKey {
        case path = "Path"
        case kind = "Kind"
    }
}
