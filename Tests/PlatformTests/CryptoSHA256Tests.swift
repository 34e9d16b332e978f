// SPDX-License-Identifier: Apache-2.0
// SHA256Hasher against the FIPS 180-2 vectors and the one-shot Crypto.sha256.

import Testing

@testable import Platform

@Suite struct CryptoSHA256Tests {
    @Test func emptyInputVector() {
        let hasher = SHA256Hasher()
        #expect(hasher.finalizeHex() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcVector() {
        var hasher = SHA256Hasher()
        hasher.update(Array("abc".utf8))
        #expect(hasher.count == 3)
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockVector() {
        var hasher = SHA256Hasher()
        hasher.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(hasher.finalizeHex() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func piecesEqualOneShot() {
        let data = (0..<1_000_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256Hasher()
        var offset = 0
        var step = 1
        while offset < data.count {
            let end = min(data.count, offset + step)
            data[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
            step = step * 3 + 1
        }
        #expect(hasher.count == Int64(data.count))
        let digest = hasher.finalize()
        #expect(digest == Crypto.sha256(data))
        #expect(SHA256Hasher.hex(digest) == Crypto.hex(Crypto.sha256(data)))
    }
}
