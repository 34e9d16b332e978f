// SPDX-License-Identifier: Apache-2.0
// Incremental SHA-256 over libcrypto's EVP interface, for digests of streams (blobs, DiffIDs).

import COpenSSL

/// An incremental SHA-256 (EVP_DigestInit_ex / EVP_DigestUpdate / EVP_DigestFinal_ex with EVP_sha256).
///
/// Noncopyable, so exactly one owner holds the `EVP_MD_CTX` and frees it once.
// @unchecked Sendable: the value is uniquely owned (~Copyable) and mutated only through `mutating`/
// `consuming` members, so moving it to another thread hands over the context; OpenSSL allows an
// EVP_MD_CTX on any thread, one at a time.
public struct SHA256Hasher: ~Copyable, @unchecked Sendable {
    private let context: OpaquePointer
    /// Bytes hashed so far.
    public private(set) var count: Int64 = 0

    /// A fresh hasher. Allocation failure of the tiny EVP context means the process is out of memory.
    public init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new: out of memory") }
        // EVP_DigestInit_ex with the built-in SHA-256 and no engine fails only on allocation failure.
        precondition(EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1, "EVP_DigestInit_ex(sha256) failed")
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the digest (EVP_DigestUpdate).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = EVP_DigestUpdate(context, base, bytes.count)
        count += Int64(bytes.count)
    }

    /// Adds `bytes` to the digest.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        let copy = Array(bytes)
        copy.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest of everything added (EVP_DigestFinal_ex); ends the hasher.
    public consuming func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &digest, &length)
        return digest
    }

    /// The digest as 64 lowercase hex digits; ends the hasher.
    public consuming func finalizeHex() -> String { SHA256Hasher.hex(finalize()) }

    /// Lowercase hex of `bytes` (same as `Crypto.hex`).
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 { Crypto.hex(bytes) }
}
