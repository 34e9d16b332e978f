// SPDX-License-Identifier: Apache-2.0
// One tar entry of a layer: clean its name, turn whiteouts into overlayfs form, check hard links,
// then write it with archive_write_disk and copy its data block by block.

import CArchive
import Glibc
import Platform

extension LayerExtraction {
    /// Applies `entry`; returns its name as written in the archive, for later error messages.
    func apply(_ entry: OpaquePointer, from tar: OpaquePointer, to disk: OpaquePointer, stream: DecompressedStream) throws(ArchiveError)
        -> String
    {
        // A pax UTF-8 name that the locale cannot represent has no multibyte form: use the UTF-8 one.
        let raw = ArchiveSupport.bytes(archive_entry_pathname(entry)) ?? ArchiveSupport.bytes(archive_entry_pathname_utf8(entry)) ?? []
        let shown = ArchivePath.text(raw)
        guard let parts = ArchivePath.components(raw) else {
            throw ArchiveError(.unsafeEntry, "entry name climbs out of the layer with \"..\"", path: shown)
        }
        guard let whiteout = Whiteout(parts) else { throw ArchiveError(.unsafeEntry, "whiteout names no file", path: shown) }
        switch whiteout {
        case .metadata:
            return shown  // AUFS bookkeeping; its data is skipped by the next archive_read_next_header.
        case .opaque(let directory):
            try markOpaque(directory, shown: shown)
            return shown
        case .remove(let parent, let name):
            try makeWhiteout(in: parent, name: name, uid: archive_entry_uid(entry), gid: archive_entry_gid(entry), shown: shown)
            return shown
        case .plain:
            break
        }
        let type = archive_entry_filetype(entry) & S_IFMT
        guard !parts.isEmpty || type == S_IFDIR else {
            throw ArchiveError(.unsafeEntry, "the layer root can only be a directory", path: shown)
        }
        let name = ArchivePath.join(parts)
        archive_entry_copy_pathname(entry, ArchiveSupport.cString(name))
        if let link = ArchiveSupport.bytes(archive_entry_hardlink(entry)) {
            // Tar semantics: a hard link names an earlier member. Anything else (the host's /etc/passwd,
            // a lower layer's file) is refused rather than linked.
            guard let linkParts = ArchivePath.components(link), written.contains(ArchivePath.join(linkParts)) else {
                throw ArchiveError(
                    .unsafeEntry, "hard link target \"\(ArchivePath.text(link))\" is not an earlier entry of this layer", path: shown)
            }
            archive_entry_copy_hardlink(entry, ArchiveSupport.cString(ArchivePath.join(linkParts)))
        }
        dropOverlayAttributes(entry)

        let header = archive_write_header(disk, entry)
        guard header >= ARCHIVE_WARN else { throw ArchiveError.library(disk, "cannot create entry", path: shown) }
        if header == ARCHIVE_WARN { warn(disk, path: shown) }
        if archive_entry_size(entry) > 0 { try copyData(from: tar, to: disk, stream: stream, shown: shown) }
        let finished = archive_write_finish_entry(disk)
        guard finished >= ARCHIVE_WARN else { throw ArchiveError.library(disk, "cannot finish entry", path: shown) }
        if finished == ARCHIVE_WARN { warn(disk, path: shown) }
        if type != S_IFDIR { written.insert(name) }
        return shown
    }

    private func copyData(from tar: OpaquePointer, to disk: OpaquePointer, stream: DecompressedStream, shown: String) throws(ArchiveError) {
        while true {
            var block: UnsafeRawPointer?
            var size = 0
            var offset: la_int64_t = 0
            let rc = archive_read_data_block(tar, &block, &size, &offset)
            if rc == ARCHIVE_EOF { return }
            guard rc >= ARCHIVE_WARN else { throw stream.failure ?? ArchiveError.library(tar, "cannot read entry data", path: shown) }
            let written = archive_write_data_block(disk, block, size, offset)
            guard written >= Int(ARCHIVE_WARN) else { throw ArchiveError.library(disk, "cannot write entry data", path: shown) }
        }
    }

    /// Removes `trusted.overlay.*` attributes a layer carries: only our whiteout conversion may set
    /// them, or a layer could mark directories opaque or redirect lookups in the overlay stack.
    private func dropOverlayAttributes(_ entry: OpaquePointer) {
        guard archive_entry_xattr_reset(entry) > 0 else { return }
        var kept: [([CChar], [UInt8])] = []
        var dropped = false
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK {
            guard let bytes = ArchiveSupport.bytes(name) else { continue }
            if bytes.starts(with: Array("trusted.overlay.".utf8)) {
                dropped = true
                continue
            }
            let data = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
            kept.append((ArchiveSupport.cString(bytes), data))
        }
        guard dropped else { return }
        archive_entry_xattr_clear(entry)
        for (key, data) in kept {
            data.withUnsafeBytes { archive_entry_xattr_add_entry(entry, key, $0.baseAddress, $0.count) }
        }
    }
}
