// SPDX-License-Identifier: Apache-2.0
// One unpacked layer as stored: its chain ID, content digests and sizes.

/// An unpacked layer.
public struct LayerRecord: Sendable, Equatable {
    /// `sha256:…` chain ID (OCI config.md); also the layer's directory name.
    public var chainID: String
    /// `sha256:…` of the uncompressed tar.
    public var diffID: String
    /// The chain ID of the layer below, if any.
    public var parentChainID: String?
    /// Bytes on disk after unpacking.
    public var size: Int64
    /// The compressed blob this layer came from (for push and save), if known.
    public var blobDigest: String?
    /// The compressed blob's size.
    public var blobSize: Int64?
    /// The compressed blob's media type.
    public var blobMediaType: String?
    /// When the layer was unpacked (Unix nanoseconds).
    public var createdAt: Int64

    /// Creates a record.
    public init(
        chainID: String, diffID: String, parentChainID: String?, size: Int64, blobDigest: String? = nil, blobSize: Int64? = nil,
        blobMediaType: String? = nil, createdAt: Int64
    ) {
        self.chainID = chainID
        self.diffID = diffID
        self.parentChainID = parentChainID
        self.size = size
        self.blobDigest = blobDigest
        self.blobSize = blobSize
        self.blobMediaType = blobMediaType
        self.createdAt = createdAt
    }

    init(_ row: Row) {
        self.init(
            chainID: row.string("chain_id") ?? "", diffID: row.string("diff_id") ?? "", parentChainID: row.string("parent_chain_id"),
            size: row.int("size") ?? 0, blobDigest: row.string("blob_digest"), blobSize: row.int("blob_size"),
            blobMediaType: row.string("blob_media_type"), createdAt: row.int("created_at") ?? 0)
    }
}
