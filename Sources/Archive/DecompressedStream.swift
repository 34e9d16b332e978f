// SPDX-License-Identifier: Apache-2.0
// Stage 1 of the single-read layer pipeline: the blob, read once from its fd, decompressed by
// libarchive's "raw" format (gzip/bzip2/xz/zstd auto-detected, or passed through when plain), and
// hashed as it goes. Stage 2 (the tar reader) pulls its input from here through a read callback, so
// every uncompressed byte is hashed exactly once, in order, before tar parsing sees it: the digest is
// the DiffID. Blocks are handed over by pointer (no copy) and stay valid until the next pull, which
// is the lifetime libarchive requires of a read callback's buffer.

import CArchive
import Platform

/// The decompressed bytes of a blob, with their running SHA-256 and size.
final class DecompressedStream {
    private let archive: OpaquePointer
    private let source: ArchiveSource
    private var hasher: SHA256Hasher? = SHA256Hasher()
    private let cancellation: CancellationFlag?
    /// The first failure seen inside a callback (libarchive only learns "-1").
    private(set) var failure: ArchiveError?
    private var atEnd = false

    /// Opens `fd` for decompression; `cancellation` is polled before every block.
    init(fd: Int32, cancellation: CancellationFlag? = nil) throws(ArchiveError) {
        guard let archive = archive_read_new() else { throw ArchiveError(.system, "archive_read_new: out of memory") }
        self.archive = archive
        source = ArchiveSource(fd: fd)
        self.cancellation = cancellation
        try ArchiveSupport.enableFilters(archive)
        guard archive_read_support_format_raw(archive) == ARCHIVE_OK else { throw ArchiveError.library(archive, "raw format") }
        guard source.open(archive) == ARCHIVE_OK else { throw openFailure("cannot open the layer stream") }
        var entry: OpaquePointer?
        // The raw format presents the whole decompressed stream as one entry named "data".
        guard archive_read_next_header(archive, &entry) == ARCHIVE_OK else { throw openFailure("empty or unreadable layer stream") }
    }

    deinit { archive_read_free(archive) }

    /// Compressed bytes read from the fd so far.
    var compressedSize: Int64 { source.bytesRead }

    /// The next decompressed block (hashed already), empty at the end; nil on failure (see `failure`).
    func next() -> UnsafeRawBufferPointer? {
        if atEnd { return UnsafeRawBufferPointer(start: nil, count: 0) }
        while true {
            if cancellation?.isCancelled == true {
                failure = failure ?? ArchiveError(.cancelled, "layer extraction cancelled")
                return nil
            }
            var block: UnsafeRawPointer?
            var size = 0
            var offset: la_int64_t = 0
            let rc = archive_read_data_block(archive, &block, &size, &offset)
            if rc == ARCHIVE_EOF {
                atEnd = true
                return UnsafeRawBufferPointer(start: nil, count: 0)
            }
            guard rc >= ARCHIVE_WARN else {
                failure = failure ?? source.failure ?? ArchiveError.library(archive, "cannot decompress the layer")
                return nil
            }
            guard size > 0, let block else { continue }
            let bytes = UnsafeRawBufferPointer(start: block, count: size)
            hasher?.update(bytes)
            return bytes
        }
    }

    /// Reads and hashes whatever follows the tar's end marker (record padding), as the DiffID covers
    /// the whole uncompressed stream.
    func drain() throws(ArchiveError) {
        while let block = next() {
            if block.isEmpty { return }
        }
        throw failure ?? ArchiveError.library(archive, "cannot decompress the layer")
    }

    /// The SHA-256 and byte count of the decompressed stream; call once, after `drain()`.
    func finish() -> (digest: [UInt8], size: Int64) {
        let size = hasher?.count ?? 0
        return (hasher.take()?.finalize() ?? [], size)
    }

    /// Opens `tar` (a second libarchive reader) on this stream (archive_read_open with a read callback
    /// that pulls `next()`); this object must outlive `tar`.
    func feed(_ tar: OpaquePointer) -> Int32 {
        archive_read_open(
            tar, Unmanaged.passUnretained(self).toOpaque(), nil,
            { _, context, out in
                guard let context else { return -1 }
                let stream = Unmanaged<DecompressedStream>.fromOpaque(context).takeUnretainedValue()
                guard let block = stream.next() else { return -1 }
                out?.pointee = block.baseAddress
                return block.count
            }, nil)
    }

    private func openFailure(_ fallback: String) -> ArchiveError {
        source.failure ?? ArchiveError.library(archive, fallback)
    }
}
