// SPDX-License-Identifier: Apache-2.0
// The body of `POST /containers/{id}/update` (spec `ContainerUpdateResponse`).

/// Warnings from a resource update.
public struct ContainerUpdateResponse: Codable, Sendable, Equatable {
    /// Warnings; `null` when none.
    public var warnings: [String]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(warnings: [String]? = nil) {
        self.warnings = warnings
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(warnings, forKey: .warnings)
    }

    enum CodingKeys: String, CodingKey {
        case warnings = "Warnings"
    }
}
