// SPDX-License-Identifier: Apache-2.0
// Sequential reading of a tar stream (plain or gzip/bzip2/xz/zstd), entry by entry, for `docker
// load` of docker-save and OCI-layout tarballs. Blocking: use it from a DedicatedThread.

import CArchive
import Glibc
import Platform

/// Iterates the members of a tar stream read from a file descriptor, and their data.
///
/// Not Sendable: one thread drives it. The descriptor stays the caller's and must outlive the reader.
public final class TarReader {
    private let archive: OpaquePointer
    private let source: ArchiveSource
    private var current: String?

    /// Starts reading the tar stream at `fd`'s current offset (compression is detected).
    public init(fileDescriptor fd: Int32) throws(ArchiveError) {
        guard let archive = archive_read_new() else { throw ArchiveError(.system, "archive_read_new: out of memory") }
        self.archive = archive
        source = ArchiveSource(fd: fd)
        try ArchiveSupport.enableFilters(archive)
        guard archive_read_support_format_tar(archive) == ARCHIVE_OK else { throw ArchiveError.library(archive, "tar format") }
        guard source.open(archive) == ARCHIVE_OK else { throw failure("not a tar stream") }
    }

    deinit { archive_read_free(archive) }

    /// The next member's header, or nil at the end of the archive; unread data of the previous member
    /// is skipped.
    public func next() throws(ArchiveError) -> TarEntry? {
        try ArchiveSupport.withUTF8Locale { () throws(ArchiveError) -> TarEntry? in
            var entry: OpaquePointer?
            let rc = archive_read_next_header(archive, &entry)
            if rc == ARCHIVE_EOF { return nil }
            guard rc >= ARCHIVE_WARN, let entry else { throw failure("bad tar header") }
            let header = TarEntry(entry)
            current = header.name
            return header
        }
    }

    /// Reads up to `buffer.count` bytes of the current member's data; 0 at its end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveError) -> Int {
        let count = archive_read_data(archive, buffer.baseAddress, buffer.count)
        guard count >= 0 else { throw failure("cannot read entry data") }
        return count
    }

    /// The current member's whole data; fails when it is longer than `limit` bytes (a manifest or
    /// config in a hostile tarball can claim any size).
    public func readAll(limit: Int = 16 << 20) throws(ArchiveError) -> [UInt8] {
        var data: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = try read(into: chunk)
            if count == 0 { return data }
            guard data.count + count <= limit else { throw ArchiveError(.library, "entry is larger than \(limit) bytes", path: current) }
            data.append(contentsOf: chunk[0..<count])
        }
    }

    /// Writes the current member's remaining data to `fd`; returns the byte count.
    public func copyData(to fd: Int32) throws(ArchiveError) -> Int64 {
        let sink = ArchiveSink(fd: fd)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var total: Int64 = 0
        while true {
            let count = try read(into: buffer)
            if count == 0 { return total }
            guard sink.write(buffer.baseAddress, count) == count else {
                throw sink.failure.map { ArchiveError($0.kind, $0.message, path: current, code: $0.code) }
                    ?? ArchiveError(.system, "write failed", path: current)
            }
            total += Int64(count)
        }
    }

    private func failure(_ fallback: String) -> ArchiveError {
        if let error = source.failure { return ArchiveError(error.kind, error.message, path: current, code: error.code) }
        return ArchiveError.library(archive, fallback, path: current)
    }
}
