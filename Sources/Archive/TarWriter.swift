// SPDX-License-Identifier: Apache-2.0
// Writing tar streams (for `docker save`, `export`, and layers we build) through libarchive's
// archive_write_* with a write callback to a file descriptor. Blocking: use it from a DedicatedThread.

import CArchive
import Glibc
import Platform

/// Writes a tar stream, optionally compressed, to a file descriptor.
///
/// Not Sendable: one thread drives it. The descriptor stays the caller's and must outlive the writer.
/// Names are written exactly as given (nothing is cleaned), so callers produce what they mean.
public final class TarWriter {
    /// The tar dialect.
    public enum Format: Sendable {
        /// ustar headers, with pax extended headers only where a field does not fit (long or
        /// non-ASCII names, large sizes, xattrs): what Go's archive/tar and so Docker write.
        case pax
        /// Plain POSIX ustar (names up to 255 bytes, no xattrs).
        case ustar
    }

    /// Compression applied to the whole stream.
    public enum Compression: Sendable {
        case none, gzip, zstd
    }

    let archive: OpaquePointer
    let sink: ArchiveSink
    private var finished = false

    /// Starts a stream on `fd`.
    public init(fileDescriptor fd: Int32, format: Format = .pax, compression: Compression = .none) throws(ArchiveError) {
        guard let archive = archive_write_new() else { throw ArchiveError(.system, "archive_write_new: out of memory") }
        self.archive = archive
        sink = ArchiveSink(fd: fd)
        let formatRC = format == .pax ? archive_write_set_format_pax_restricted(archive) : archive_write_set_format_ustar(archive)
        guard formatRC == ARCHIVE_OK else { throw ArchiveError.library(archive, "tar format") }
        switch compression {
        case .none:
            break
        case .gzip:
            // ARCHIVE_WARN would mean an external gzip program; no timestamp keeps layers reproducible.
            guard archive_write_add_filter_gzip(archive) == ARCHIVE_OK, archive_write_set_options(archive, "gzip:!timestamp") == ARCHIVE_OK
            else { throw ArchiveError.library(archive, "gzip filter") }
        case .zstd:
            guard archive_write_add_filter_zstd(archive) == ARCHIVE_OK else { throw ArchiveError.library(archive, "zstd filter") }
        }
        // End right after the two zero blocks, as Go's archive/tar does, instead of padding to 10 KiB.
        guard archive_write_set_bytes_in_last_block(archive, 1) == ARCHIVE_OK, sink.open(archive) == ARCHIVE_OK else {
            throw failure("cannot start the tar stream", path: nil)
        }
    }

    deinit {
        // An unfinished stream must not end with a valid trailer: mark it failed so free writes nothing.
        if !finished { archive_write_fail(archive) }
        archive_write_free(archive)
    }

    /// Adds a member with its whole data in memory (`entry.size` is taken from `bytes` for files).
    public func add(_ entry: TarEntry, bytes: [UInt8] = []) throws(ArchiveError) {
        var header = entry
        if entry.kind == .file { header.size = Int64(bytes.count) }
        try writeHeader(header)
        // withUnsafeBytes rethrows untyped errors: carry the typed one out in a Result.
        let written = bytes.withUnsafeBytes { raw in Result { () throws(ArchiveError) in try writeData(raw, path: entry.name) } }
        try written.get()
        try finishEntry(entry.name)
    }

    /// Adds a regular file named `name` holding `bytes`.
    public func addFile(_ name: String, bytes: [UInt8], mode: UInt32 = 0o644, mtime: Int64 = 0, uid: UInt32 = 0, gid: UInt32 = 0)
        throws(ArchiveError)
    {
        try add(TarEntry(name: name, kind: .file, mode: mode, mtime: mtime, uid: uid, gid: gid), bytes: bytes)
    }

    /// Adds a directory.
    public func addDirectory(_ name: String, mode: UInt32 = 0o755, mtime: Int64 = 0, uid: UInt32 = 0, gid: UInt32 = 0)
        throws(ArchiveError)
    {
        try add(TarEntry(name: name, kind: .directory, mode: mode, mtime: mtime, uid: uid, gid: gid))
    }

    /// Adds a symbolic link `name` → `target` (the target is stored verbatim).
    public func addSymlink(_ name: String, target: String, mtime: Int64 = 0) throws(ArchiveError) {
        try add(TarEntry(name: name, kind: .symlink, mode: 0o777, mtime: mtime, linkTarget: target))
    }

    /// Adds a hard link `name` to the earlier member `target`.
    public func addHardlink(_ name: String, target: String, mtime: Int64 = 0) throws(ArchiveError) {
        try add(TarEntry(name: name, kind: .hardlink, mtime: mtime, linkTarget: target))
    }

    /// Adds a member whose `entry.size` data bytes are read from `fd` (e.g. a layer blob for `docker save`).
    public func add(_ entry: TarEntry, contentsOf fd: Int32) throws(ArchiveError) {
        try writeHeader(entry)
        try copy(from: fd, size: entry.size, path: entry.name)
        try finishEntry(entry.name)
    }

    /// Writes the end-of-archive blocks and flushes the compressor; the writer is done afterwards.
    public func finish() throws(ArchiveError) {
        guard !finished else { return }
        finished = true
        guard archive_write_close(archive) == ARCHIVE_OK else { throw failure("cannot finish the tar stream", path: nil) }
    }
}
