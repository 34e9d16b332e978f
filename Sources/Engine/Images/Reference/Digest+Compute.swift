// SPDX-License-Identifier: Apache-2.0
// Computing digests, image IDs and chain IDs with the system libcrypto (OCI config.md "ImageID", "ChainID").

import Models
import Platform

extension Digest {
    /// `sha256:<hex>` of `bytes`.
    public static func sha256<Bytes: Collection>(of bytes: Bytes) -> Digest where Bytes.Element == UInt8 {
        Digest(uncheckedRawValue: "sha256:" + Crypto.hex(Crypto.sha256(bytes)))
    }

    /// True when `bytes` hash to this digest; false for algorithms other than sha256 (none other is computed).
    public func matches<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        algorithm == "sha256" && Digest.sha256(of: bytes) == self
    }

    /// The chain ID of a layer stack, base first: `ChainID(L0) = DiffID(L0)`,
    /// `ChainID(L0…Ln) = sha256(ChainID(L0…Ln-1) + " " + DiffID(Ln))`; nil for no layers.
    public static func chainID(of diffIDs: [Digest]) -> Digest? {
        chainIDs(of: diffIDs).last
    }

    /// The chain ID of every prefix of the stack: element i identifies layers 0…i applied in order.
    public static func chainIDs(of diffIDs: [Digest]) -> [Digest] {
        var result: [Digest] = []
        result.reserveCapacity(diffIDs.count)
        for diffID in diffIDs {
            guard let parent = result.last else {
                result.append(diffID)
                continue
            }
            result.append(sha256(of: Array((parent.rawValue + " " + diffID.rawValue).utf8)))
        }
        return result
    }
}

extension ImageID {
    /// The ID of an image whose config blob is `configBytes`: hash exactly the bytes stored or received.
    public init<Bytes: Collection>(configBytes: Bytes) where Bytes.Element == UInt8 {
        self.init(Digest.sha256(of: configBytes))
    }
}
