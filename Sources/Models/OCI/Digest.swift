// SPDX-License-Identifier: Apache-2.0
// A content digest `algorithm:encoded`, validated as go-digest's `Parse` does (OCI descriptor.md "Digests").

/// Why a string is not a usable digest; the messages are go-digest's, which dockerd returns as they are.
public enum DigestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `algorithm:encoded` shape, or the encoded part has characters the algorithm forbids.
    case invalidFormat
    /// The encoded part has the wrong length for its algorithm.
    case invalidLength
    /// The algorithm is well formed but not one of sha256, sha384, sha512.
    case unsupported

    /// go-digest's message: `invalid checksum digest format`, `… length`, `unsupported digest algorithm`.
    public var description: String {
        switch self {
        case .invalidFormat: "invalid checksum digest format"
        case .invalidLength: "invalid checksum digest length"
        case .unsupported: "unsupported digest algorithm"
        }
    }
}

/// A validated content digest such as `sha256:6c3c624b…`; encodes as its string.
public struct Digest: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The algorithms go-digest registers, with their encoded lengths in hex digits.
    public static let supportedAlgorithms: [String: Int] = ["sha256": 64, "sha384": 96, "sha512": 128]

    /// The full string, `algorithm:encoded`.
    public let rawValue: String

    /// Parses and validates `text` exactly as go-digest's `Parse`: lowercase hex of the algorithm's length.
    public init(parsing text: String) throws(DigestError) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
            throw .invalidFormat
        }
        let algorithm = text[..<colon]
        let encoded = text[text.index(after: colon)...]
        guard let length = Self.supportedAlgorithms[String(algorithm)] else {
            throw Self.matchesGenericGrammar(algorithm: algorithm, encoded: encoded) ? .unsupported : .invalidFormat
        }
        guard encoded.utf8.count == length else { throw .invalidLength }
        guard encoded.utf8.allSatisfy(Self.isLowerHex) else { throw .invalidFormat }
        rawValue = text
    }

    /// A digest from a valid string, or nil (same rules as `init(parsing:)`).
    public init?(rawValue: String) {
        guard let digest = try? Digest(parsing: rawValue) else { return nil }
        self = digest
    }

    /// Wraps a string this process computed itself (e.g. `"sha256:" + hex of a hash`) without checking it.
    public init(uncheckedRawValue: String) {
        rawValue = uncheckedRawValue
    }

    /// The algorithm, e.g. `sha256`.
    public var algorithm: String { String(rawValue.prefix { $0 != ":" }) }

    /// The encoded (hex) part after the colon.
    public var encoded: String {
        guard let colon = rawValue.firstIndex(of: ":") else { return rawValue }
        return String(rawValue[rawValue.index(after: colon)...])
    }

    /// The digest string.
    public var description: String { rawValue }

    /// Orders by the digest string.
    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes a JSON string and validates it; an invalid digest is a decoding error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Digest(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(error): \(text)")
        }
    }

    /// Encodes the digest string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// True for `[0-9a-f]`.
    static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }

    /// go-digest's `DigestRegexp`: `[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+`.
    static func matchesGenericGrammar(algorithm: Substring, encoded: Substring) -> Bool {
        let lowerAlnum: (UInt8) -> Bool = { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x7a) }
        var previousWasSeparator = true
        for byte in algorithm.utf8 {
            if lowerAlnum(byte) {
                previousWasSeparator = false
            } else if Array(".+_-".utf8).contains(byte), !previousWasSeparator {
                previousWasSeparator = true
            } else {
                return false
            }
        }
        guard !previousWasSeparator else { return false }
        let encodedOK: (UInt8) -> Bool = { lowerAlnum($0) || ($0 >= 0x41 && $0 <= 0x5a) || Array("=_-".utf8).contains($0) }
        return !encoded.isEmpty && encoded.utf8.allSatisfy(encodedOK)
    }
}
