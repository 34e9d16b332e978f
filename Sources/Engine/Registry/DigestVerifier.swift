// SPDX-License-Identifier: Apache-2.0
// Content digests (`sha256:<64 hex>`, OCI image-spec descriptor.md) and the incremental hashing seam
// blob and manifest checks go through.

import Platform

/// Hashes content fed in pieces; callers compare the result with the digest they expect.
public protocol DigestVerifier {
    /// Adds the next piece of content.
    mutating func update(_ bytes: [UInt8])
    /// The digest of everything fed so far, as `algorithm:hex`.
    mutating func finalize() -> String
}

/// A validated content digest.
struct BlobDigest: Sendable, Equatable, CustomStringConvertible {
    /// The algorithm, e.g. `sha256`.
    let algorithm: String
    /// The lowercase hex encoding.
    let encoded: String

    /// Parses `algorithm:encoded`; only sha256 (64 lowercase hex digits) can be verified here.
    init(parsing text: String) throws(EngineError) {
        guard let colon = text.firstIndex(of: ":") else { throw .invalidParameter("invalid digest \"\(text)\": missing algorithm") }
        algorithm = String(text[..<colon])
        encoded = String(text[text.index(after: colon)...])
        guard algorithm == "sha256" else {
            throw .invalidParameter("unsupported digest algorithm: \(algorithm)")
        }
        guard encoded.utf8.count == 64, encoded.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw .invalidParameter("invalid checksum digest format")
        }
    }

    /// `algorithm:encoded`.
    var description: String { "\(algorithm):\(encoded)" }

    /// A verifier for this digest's algorithm (the one place that picks the hashing implementation).
    func makeVerifier() -> some DigestVerifier { StreamingSHA256Verifier() }

    /// The sha256 digest of `bytes`.
    static func sha256(of bytes: [UInt8]) -> String { "sha256:" + Crypto.hex(Crypto.sha256(bytes)) }

    /// True when `text` looks like a digest rather than a tag (tags cannot contain `:`).
    static func isDigest(_ text: String) -> Bool { text.contains(":") }
}

/// Hashes a blob as it streams (constant memory, whatever the layer size).
public final class StreamingSHA256Verifier: DigestVerifier {
    private var hasher: SHA256Hasher? = SHA256Hasher()

    /// A fresh hash.
    public init() {}

    /// Feeds the next piece.
    public func update(_ bytes: [UInt8]) { hasher?.update(bytes) }

    /// `sha256:<hex>` of everything fed; afterwards the verifier is spent.
    public func finalize() -> String {
        guard let done = hasher.take() else { return "sha256:" }
        return "sha256:" + done.finalizeHex()
    }
}
