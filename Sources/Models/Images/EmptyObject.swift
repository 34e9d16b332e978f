// SPDX-License-Identifier: Apache-2.0
// The `{}` values of Go's `map[string]struct{}` fields (`ExposedPorts`, `Volumes`).

/// An empty JSON object, `{}`; decoding ignores any members.
public struct EmptyObject: Codable, Sendable, Hashable {
    /// The empty object.
    public init() {}

    /// Accepts any object, or `null` (Go decodes `null` into `struct{}` without error).
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), single.decodeNil() { return }
        _ = try decoder.container(keyedBy: AnyKey.self)
    }

    /// Writes `{}`.
    public func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: AnyKey.self)
    }

    /// A key type with no fixed keys.
    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
