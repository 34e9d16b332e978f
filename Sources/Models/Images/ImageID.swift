// SPDX-License-Identifier: Apache-2.0
// The content-addressable ID of an image: the sha256 digest of its config JSON (OCI config.md "ImageID").

/// An image ID, `sha256:<64 hex>`; encodes as that string.
public struct ImageID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The digest of the image's config blob.
    public let digest: Digest

    /// Wraps a config digest.
    public init(_ digest: Digest) {
        self.digest = digest
    }

    /// An ID from `sha256:<64 hex>` or a bare 64-hex string (moby accepts both); nil otherwise.
    public init?(rawValue: String) {
        let text = rawValue.utf8.count == 64 ? "sha256:" + rawValue : rawValue
        guard let digest = Digest(rawValue: text), digest.algorithm == "sha256" else { return nil }
        self.digest = digest
    }

    /// The ID string, `sha256:<64 hex>`.
    public var rawValue: String { digest.rawValue }

    /// The 64 hex digits without the algorithm.
    public var hex: String { digest.encoded }

    /// The first 12 hex digits, as `docker images` shows them.
    public var shortID: String { String(hex.prefix(12)) }

    /// The ID string.
    public var description: String { rawValue }

    /// Orders by the ID string.
    public static func < (lhs: ImageID, rhs: ImageID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes and validates an ID string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = ImageID(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "invalid image ID: \(text)")
        }
        self = id
    }

    /// Encodes the ID string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
