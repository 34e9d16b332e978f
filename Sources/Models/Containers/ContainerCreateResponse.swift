// SPDX-License-Identifier: Apache-2.0
// The body of `201` from `POST /containers/create` (spec `ContainerCreateResponse`).

/// The new container's ID and any warnings.
public struct ContainerCreateResponse: Codable, Sendable, Equatable {
    /// Container ID (64 hex digits).
    public var id: String
    /// Warnings, e.g. about ignored limits; `[]` when none.
    public var warnings: [String]

    /// Creates a value; every field defaults to its zero value or nil.
    public init(id: String = "", warnings: [String] = []) {
        self.id = id
        self.warnings = warnings
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(warnings, forKey: .warnings)
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
        case warnings = "Warnings"
    }
}
