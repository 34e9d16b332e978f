// SPDX-License-Identifier: Apache-2.0
// Any JSON document, decoded strictly (true is never 1), for checking wire shapes and the OpenAPI file.

/// A parsed JSON value.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The member `key` of an object, or nil.
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element at `index` of an array, or nil.
    subscript(index: Int) -> JSONValue? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The string, or nil.
    var string: String? { if case .string(let value) = self { value } else { nil } }
    /// The integer, or nil.
    var int: Int64? { if case .int(let value) = self { value } else { nil } }
    /// The Boolean, or nil.
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    /// The elements, or nil.
    var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    /// The members, or nil.
    var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
}
