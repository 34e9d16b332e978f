// SPDX-License-Identifier: Apache-2.0
// SHA-256, secure random bytes and constant-time comparison through the system libcrypto
// (no swift-crypto: it would triple CI build time; notes/swift-on-linux.md §7).

import COpenSSL

/// Cryptographic helpers over OpenSSL's libcrypto.
public enum Crypto {
    /// SHA-256 of `bytes` (EVP_Digest with EVP_sha256).
    public static func sha256<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        digest(Array(bytes), EVP_sha256(), size: 32)
    }

    /// SHA-1 of `bytes`: only for protocols that prescribe it (the WebSocket handshake), never for integrity.
    public static func sha1<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        digest(Array(bytes), EVP_sha1(), size: 20)
    }

    /// One-shot EVP_Digest of `input` with `algorithm`.
    private static func digest(_ input: [UInt8], _ algorithm: OpaquePointer?, size: Int) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: size)
        var length: UInt32 = 0
        input.withUnsafeBytes { raw in
            _ = EVP_Digest(raw.baseAddress, raw.count, &digest, &length, algorithm, nil)
        }
        return digest
    }

    /// Lowercase hex of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` bytes from the OS's CSPRNG (RAND_bytes).
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = RAND_bytes(&bytes, Int32(count))
        precondition(ok == 1, "RAND_bytes failed")
        return bytes
    }

    /// Compares two byte strings in time that depends only on their length (CRYPTO_memcmp).
    public static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBytes { a in
            rhs.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
        }
    }
}
