// SPDX-License-Identifier: Apache-2.0
// Helpers for the Archive tests: temp dirs, tarballs built in memory, libarchive-side compression,
// and file inspection (lstat, xattrs read back through archive_read_disk).

import CArchive
import Foundation
import Glibc

@testable import Archive
import Platform

enum Fixture {
    /// A fresh empty directory under /tmp.
    static func directory() -> String {
        var template = Array("/tmp/berth-archive-test-XXXXXX".utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress, let made = mkdtemp(base) else { return "/tmp/berth-archive-test-failed" }
            return String(cString: made)
        }
    }

    /// Removes `path` and everything below it.
    static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// A host path that nothing has created: where an escape would land.
    static func escapeName() -> String { "berth-escape-\(Crypto.hex(Crypto.randomBytes(8)))" }

    /// The bytes of a tar stream that `build` writes.
    static func tar(_ compression: TarWriter.Compression = .none, _ build: (TarWriter) throws -> Void) throws -> [UInt8] {
        let directory = directory()
        defer { remove(directory) }
        let path = directory + "/out.tar"
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { close(fd) }
        let writer = try TarWriter(fileDescriptor: fd, compression: compression)
        try build(writer)
        try writer.finish()
        return read(path) ?? []
    }

    /// `bytes` compressed as one stream by libarchive's raw writer ("gzip", "bzip2", "xz", "zstd").
    static func compress(_ bytes: [UInt8], with filter: String) -> [UInt8] {
        guard let archive = archive_write_new(), let entry = archive_entry_new() else { return [] }
        defer {
            archive_entry_free(entry)
            archive_write_free(archive)
        }
        var output = [UInt8](repeating: 0, count: bytes.count + 65536)
        var used = 0
        guard archive_write_set_format_raw(archive) == ARCHIVE_OK, archive_write_add_filter_by_name(archive, filter) == ARCHIVE_OK
        else { return [] }
        let opened = output.withUnsafeMutableBytes { archive_write_open_memory(archive, $0.baseAddress, $0.count, &used) }
        guard opened == ARCHIVE_OK else { return [] }
        archive_entry_set_filetype(entry, UInt32(Glibc.S_IFREG))
        archive_entry_set_size(entry, la_int64_t(bytes.count))
        archive_entry_copy_pathname(entry, "data")
        guard archive_write_header(archive, entry) == ARCHIVE_OK else { return [] }
        _ = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
        guard archive_write_close(archive) == ARCHIVE_OK else { return [] }
        return Array(output[0..<used])
    }

    /// Writes `bytes` to `path`.
    static func write(_ bytes: [UInt8], to path: String) {
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    /// The contents of `path`, nil when it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// lstat(2) of `path`, nil when it does not exist.
    static func status(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    /// The target of the symlink `path`.
    static func linkTarget(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }

    /// The extended attributes of `path` (not following a symlink), read by libarchive's disk reader.
    static func xattrs(_ path: String) -> [String: [UInt8]] {
        guard let disk = archive_read_disk_new(), let entry = archive_entry_new() else { return [:] }
        defer {
            archive_entry_free(entry)
            archive_read_free(disk)
        }
        archive_entry_copy_pathname(entry, path)
        archive_entry_copy_sourcepath(entry, path)
        guard archive_read_disk_entry_from_file(disk, entry, -1, nil) >= ARCHIVE_WARN else { return [:] }
        return TarEntry(entry).xattrs
    }

    /// Writes `bytes` as a blob file in a new directory and applies it to a new `diff` directory there.
    /// Returns the directory (to remove) and the diff path with the outcome.
    static func unpack(_ bytes: [UInt8], containment: LayerUnpacker.Containment = .automatic) async
        -> (root: String, diff: String, outcome: Result<LayerUnpackResult, ArchiveError>)
    {
        let root = directory()
        let diff = root + "/diff"
        mkdir(diff, 0o755)
        write(bytes, to: root + "/blob")
        do {
            let result = try await LayerUnpacker.unpack(contentsOf: root + "/blob", into: diff, options: .init(containment: containment))
            return (root, diff, .success(result))
        } catch {
            return (root, diff, .failure(error))
        }
    }

    /// The containments to run a test under: chroot needs root, so unprivileged runs test the fallback twice.
    static let containments: [LayerUnpacker.Containment] = [.automatic, .secureFlags]
}
