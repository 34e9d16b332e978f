// SPDX-License-Identifier: Apache-2.0
// Digest validation (go-digest semantics), image IDs from raw config bytes, and chain IDs.
//
// Expected hashes were computed with Python's hashlib, e.g.
//   python3 -c 'import hashlib; print(hashlib.sha256(b"layer-a").hexdigest())'
// and for chain IDs hashlib.sha256((parent + " " + diffID).encode()).hexdigest(), the OCI config.md recursion.

import Engine
import Models
import Testing

@Suite struct ReferenceDigestTests {
    static let layerA = "sha256:589f0d58b9053a4ff7329b8fdb4f9dd120e29354c086ad0b3b10733f6cfd6de3"  // sha256("layer-a")
    static let layerB = "sha256:55fea2a37a9fc5963f1beccd0d162b856e6bd05ca07cdd3726847846ab740f0d"  // sha256("layer-b")
    static let layerC = "sha256:e6c65c655ca8172ab7a2b634dab3220a45472dd6571b6efd956ccc05e229a201"  // sha256("layer-c")
    static let chainAB = "sha256:267c5fd16af60e52927fabf0a36a31f3b5a2069347f7f00c7bd7f93f6ebc01f4"
    static let chainABC = "sha256:82c0ed5f6c15be9b9180a8c04b9f2c676d74af6db13c711f5bb47a0fa43b56df"

    @Test func digestsValidateLikeGoDigest() throws {
        let sha256 = try Digest(parsing: Self.layerA)
        #expect(sha256.algorithm == "sha256" && sha256.encoded.count == 64 && sha256.description == Self.layerA)
        #expect(try Digest(parsing: "sha512:" + String(repeating: "0", count: 128)).algorithm == "sha512")
        #expect(try Digest(parsing: "sha384:" + String(repeating: "0", count: 96)).algorithm == "sha384")
        let cases: [(String, DigestError)] = [
            ("sha256", .invalidFormat), (":abc", .invalidFormat), ("sha256:", .invalidFormat),
            ("sha256:abc", .invalidLength), ("sha512:" + String(repeating: "0", count: 64), .invalidLength),
            ("sha256:" + String(repeating: "A", count: 64), .invalidFormat),
            ("sha256:" + String(repeating: "g", count: 64), .invalidFormat),
            ("md5:d41d8cd98f00b204e9800998ecf8427e", .unsupported), ("MD5:d41d8cd98f00b204e9800998ecf8427e", .invalidFormat),
        ]
        for (text, error) in cases {
            #expect(throws: error, "\(text)") { try Digest(parsing: text) }
            #expect(Digest(rawValue: text) == nil)
        }
        #expect(DigestError.invalidLength.description == "invalid checksum digest length")
    }

    @Test func digestsAndIDsCodeAsStrings() throws {
        let digest = try Digest(parsing: Self.layerA)
        #expect(try JSONCoding.encodeString([digest]) == "[\"\(Self.layerA)\"]")
        #expect(try JSONCoding.decode([Digest].self, from: "[\"\(Self.layerA)\"]") == [digest])
        #expect(throws: DecodingError.self) { try JSONCoding.decode([Digest].self, from: "[\"sha256:abc\"]") }
        let id = try #require(ImageID(rawValue: String(Self.layerA.dropFirst(7))))
        #expect(id.rawValue == Self.layerA && id.shortID == "589f0d58b905" && id.hex.count == 64)
        #expect(ImageID(rawValue: "sha512:" + String(repeating: "0", count: 128)) == nil)
        #expect(try JSONCoding.decode(ImageID.self, from: "\"\(Self.layerA)\"") == id)
    }

    @Test func sha256AndMatching() throws {
        #expect(Digest.sha256(of: Array("layer-a".utf8)).rawValue == Self.layerA)
        // The empty-JSON descriptor of OCI manifest.md.
        #expect(Digest.sha256(of: Array("{}".utf8)).rawValue == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        let digest = try Digest(parsing: Self.layerB)
        #expect(digest.matches(Array("layer-b".utf8)) && !digest.matches(Array("layer-c".utf8)))
    }

    @Test func chainIDsFollowTheOCIRecursion() throws {
        let diffIDs = try [Self.layerA, Self.layerB, Self.layerC].map { text throws(DigestError) in try Digest(parsing: text) }
        #expect(Digest.chainID(of: []) == nil)
        #expect(Digest.chainID(of: [diffIDs[0]]) == diffIDs[0], "ChainID(L0) = DiffID(L0)")
        #expect(Digest.chainIDs(of: diffIDs).map(\.rawValue) == [Self.layerA, Self.chainAB, Self.chainABC])
        #expect(Digest.chainID(of: diffIDs)?.rawValue == Self.chainABC)
        #expect(Digest.chainID(of: [diffIDs[2]]) != Digest.chainID(of: diffIDs), "ChainID(C) != ChainID(A|B|C)")
        // The two diff_ids of OCI config.md's example image.
        let example = try [
            "sha256:c6f988f4874bb0add23a778f753c65efe992244e148a1d2ec2a8b664fb66bbd1",
            "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef",
        ].map { text throws(DigestError) in try Digest(parsing: text) }
        #expect(Digest.chainID(of: example)?.rawValue == "sha256:c3191d32a37d7159b2e30830937d2e30268ad6c375a773a8994911a3aba9b93f")
    }

    @Test func imageIDHashesTheRawConfigBytes() throws {
        let raw = Array(#"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"x-unknown":1}"#.utf8)
        let id = ImageID(configBytes: raw)
        #expect(id.digest == Digest.sha256(of: raw))
        // Decoding drops unknown fields and re-encoding reorders keys: the ID must never come from that.
        let reencoded = try JSONCoding.encode(try JSONCoding.decode(OCIImageConfig.self, from: raw))
        #expect(ImageID(configBytes: reencoded) != id)
    }
}
