// SPDX-License-Identifier: Apache-2.0
// The body of `201` from `POST /containers/{id}/exec` and `POST /commit` (spec `IDResponse`).

/// The ID of a newly created object.
public struct IDResponse: Codable, Sendable, Equatable {
    /// The ID.
    public var id: String

    /// Creates a value; every field defaults to its zero value or nil.
    public init(id: String = "") {
        self.id = id
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
    }

    enum CodingKeys: String, CodingKey {
        case id = "Id"
    }
}
