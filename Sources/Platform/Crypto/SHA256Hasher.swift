// SPDX-License-Identifier: Apache-2.0
// Incremental SHA-256 over libcrypto's EVP interface, for digests of streams (blobs, layers).

import COpenSSL

/// Hashes bytes as they arrive. One owner at a time; not shared between tasks.
public struct SHA256Hasher: ~Copyable {
    private let context: OpaquePointer?

    /// A fresh hash (EVP_MD_CTX_new + EVP_DigestInit_ex with EVP_sha256).
    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` (EVP_DigestUpdate).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes in `buffer`.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard buffer.count > 0 else { return }
        EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
    }

    /// The 32-byte digest (EVP_DigestFinal_ex); the hasher restarts empty afterwards.
    public mutating func finalize() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        return digest
    }
}
