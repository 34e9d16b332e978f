// SPDX-License-Identifier: Apache-2.0
// The one JSON configuration for Docker wire values: sorted keys, unescaped slashes.

import FoundationEssentials

/// Shared JSON encoder and decoder settings for every `Models` value on the wire.
///
/// Go's encoding/json writes fields in struct order; Swift's synthesized `Encodable` writes them in an order
/// that changes from run to run (notes/swift-on-linux.md §3), so keys are sorted to keep output deterministic.
/// Slashes stay unescaped as Go writes them (`"/var/lib/docker"`, not `"\/var\/lib\/docker"`).
public enum JSONCoding {
    /// The output formatting every encoder here uses: `.sortedKeys` and `.withoutEscapingSlashes`.
    public static let outputFormatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]

    /// A shared encoder with `outputFormatting`; do not change its settings, make your own with `makeEncoder()`.
    public static let encoder: JSONEncoder = makeEncoder()

    /// A shared decoder with default settings; do not change its settings, make your own with `makeDecoder()`.
    public static let decoder: JSONDecoder = makeDecoder()

    /// A new encoder configured like `encoder`.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = outputFormatting
        return encoder
    }

    /// A new decoder configured like `decoder`.
    public static func makeDecoder() -> JSONDecoder {
        JSONDecoder()
    }

    /// Encodes `value` to JSON bytes.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        [UInt8](try encoder.encode(value))
    }

    /// Encodes `value` to a JSON string.
    public static func encodeString<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes a `Value` from JSON bytes.
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try decoder.decode(type, from: Data(bytes))
    }

    /// Decodes a `Value` from a JSON string.
    public static func decode<Value: Decodable>(_ type: Value.Type, from string: String) throws -> Value {
        try decoder.decode(type, from: Data(string.utf8))
    }
}
