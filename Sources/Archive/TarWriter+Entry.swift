// SPDX-License-Identifier: Apache-2.0
// Header and data plumbing of TarWriter: TarEntry → archive_entry, data blocks, errors.

import CArchive
import Glibc
import Platform

extension TarWriter {
    /// Writes the header of `entry` (archive_write_header).
    func writeHeader(_ entry: TarEntry) throws(ArchiveError) {
        try writeHeader(entry, name: Array(entry.name.utf8))
    }

    /// Writes the header of `entry` under the raw name `name` (tree walks keep non-UTF-8 names intact).
    func writeHeader(_ entry: TarEntry, name: [UInt8]) throws(ArchiveError) {
        guard let header = archive_entry_new() else { throw ArchiveError(.system, "archive_entry_new: out of memory") }
        defer { archive_entry_free(header) }
        archive_entry_copy_pathname(header, ArchiveSupport.cString(name))
        archive_entry_set_filetype(header, UInt32(entry.fileType))
        archive_entry_set_perm(header, mode_t(entry.mode & 0o7777))
        archive_entry_set_mtime(header, time_t(entry.mtime), 0)
        archive_entry_set_uid(header, la_int64_t(entry.uid))
        archive_entry_set_gid(header, la_int64_t(entry.gid))
        switch entry.kind {
        case .file:
            archive_entry_set_size(header, entry.size)
        case .hardlink:
            archive_entry_copy_hardlink(header, ArchiveSupport.cString(Array((entry.linkTarget ?? "").utf8)))
            archive_entry_set_size(header, entry.size)
        case .symlink:
            archive_entry_copy_symlink(header, ArchiveSupport.cString(Array((entry.linkTarget ?? "").utf8)))
        case .characterDevice, .blockDevice:
            archive_entry_set_rdevmajor(header, dev_t(entry.deviceMajor))
            archive_entry_set_rdevminor(header, dev_t(entry.deviceMinor))
        case .directory, .fifo, .socket, .unknown:
            break
        }
        for (key, value) in entry.xattrs.sorted(by: { $0.key < $1.key }) {
            value.withUnsafeBytes { archive_entry_xattr_add_entry(header, key, $0.baseAddress, $0.count) }
        }
        let rc = ArchiveSupport.withUTF8Locale { archive_write_header(archive, header) }
        guard rc >= ARCHIVE_WARN else { throw failure("cannot write header", path: entry.name) }
    }

    /// Writes data of the current member (archive_write_data).
    func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws(ArchiveError) {
        var offset = 0
        while offset < bytes.count {
            let written = archive_write_data(archive, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            guard written > 0 else { throw failure("cannot write entry data", path: path) }
            offset += written
        }
    }

    /// Copies exactly `size` bytes from `fd` into the current member.
    func copy(from fd: Int32, size: Int64, path: String) throws(ArchiveError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        var left = size
        while left > 0 {
            let count = Glibc.read(fd, buffer.baseAddress, Int(min(Int64(buffer.count), left)))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw ArchiveError.system("read", path: path) }
            guard count > 0 else { throw ArchiveError(.system, "file shrank while being archived", path: path) }
            try writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<count]), path: path)
            left -= Int64(count)
        }
    }

    /// Ends the current member (archive_write_finish_entry).
    func finishEntry(_ path: String) throws(ArchiveError) {
        guard archive_write_finish_entry(archive) == ARCHIVE_OK else { throw failure("cannot finish entry", path: path) }
    }

    /// The sink's write error when there was one (libarchive only saw "-1"), else libarchive's message.
    func failure(_ fallback: String, path: String?) -> ArchiveError {
        if let error = sink.failure { return ArchiveError(error.kind, error.message, path: path, code: error.code) }
        return ArchiveError.library(archive, fallback, path: path)
    }
}
