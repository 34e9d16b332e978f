// SPDX-License-Identifier: Apache-2.0
// Archiving a directory tree: walked with directory fds and O_NOFOLLOW (a symlink inside the tree is
// stored, never followed), children in byte order so the same tree gives the same stream.

import CArchive
import CShims
import Glibc
import Platform

extension TarWriter {
    /// Adds every file, directory, symlink, device and fifo below `directory` (not the directory
    /// itself), named `prefix` + the relative path; sockets are skipped, as GNU tar does. Files with
    /// several links become hard links to their first name. mtimes are whole seconds and only
    /// `security.capability` among xattrs is kept (moby's layer tars do the same).
    public func addTree(at directory: String, prefix: String = "") throws(ArchiveError) {
        let root = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw ArchiveError.system("open", path: directory) }
        defer { close(root) }
        var links: [InodeKey: [UInt8]] = [:]
        var base = Array(prefix.utf8)
        while base.last == UInt8(ascii: "/") { base.removeLast() }
        try addChildren(of: root, base: base, links: &links)
    }

    private struct InodeKey: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private func addChildren(of directory: Int32, base: [UInt8], links: inout [InodeKey: [UInt8]]) throws(ArchiveError) {
        for name in try childNames(of: directory, base: base) {
            let path = base.isEmpty ? name : base + [UInt8(ascii: "/")] + name
            let shown = ArchivePath.text(path)
            let cName = ArchiveSupport.cString(name)
            var info = stat()
            guard fstatat(directory, cName, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw ArchiveError.system("lstat", path: shown) }
            var entry = TarEntry(
                name: shown, kind: .file, mode: UInt32(info.st_mode & 0o7777), mtime: Int64(info.st_mtim.tv_sec),
                uid: info.st_uid, gid: info.st_gid)
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                entry.kind = .directory
                try writeHeader(entry, name: path)
                try finishEntry(shown)
                let child = openat(directory, cName, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw ArchiveError.system("open", path: shown) }
                defer { close(child) }
                try addChildren(of: child, base: path, links: &links)
            case S_IFREG:
                try addFile(entry, info: info, in: directory, name: cName, path: path, links: &links)
            case S_IFLNK:
                entry.kind = .symlink
                entry.linkTarget = try readLink(in: directory, name: cName, shown: shown)
                try writeHeader(entry, name: path)
                try finishEntry(shown)
            case S_IFCHR, S_IFBLK, S_IFIFO:
                entry.kind = info.st_mode & S_IFMT == S_IFIFO ? .fifo : info.st_mode & S_IFMT == S_IFCHR ? .characterDevice : .blockDevice
                entry.deviceMajor = UInt32(truncatingIfNeeded: (info.st_rdev >> 8) & 0xfff | (info.st_rdev >> 32) & ~0xfff)
                entry.deviceMinor = UInt32(truncatingIfNeeded: info.st_rdev & 0xff | (info.st_rdev >> 12) & ~0xff)
                try writeHeader(entry, name: path)
                try finishEntry(shown)
            default:
                continue
            }
        }
    }

    private func addFile(
        _ entry: TarEntry, info: stat, in directory: Int32, name: [CChar], path: [UInt8], links: inout [InodeKey: [UInt8]]
    ) throws(ArchiveError) {
        var entry = entry
        if info.st_nlink > 1 {
            let key = InodeKey(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
            if let first = links[key] {
                entry.kind = .hardlink
                entry.linkTarget = ArchivePath.text(first)
                try writeHeader(entry, name: path)
                return try finishEntry(entry.name)
            }
            links[key] = path
        }
        let file = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw ArchiveError.system("open", path: entry.name) }
        defer { close(file) }
        var capability = [UInt8](repeating: 0, count: 256)
        let length = capability.withUnsafeMutableBytes { fgetxattr(file, "security.capability", $0.baseAddress, $0.count) }
        if length > 0 { entry.xattrs["security.capability"] = Array(capability[0..<length]) }
        entry.size = Int64(info.st_size)
        try writeHeader(entry, name: path)
        try copy(from: file, size: entry.size, path: entry.name)
        try finishEntry(entry.name)
    }

    private func childNames(of directory: Int32, base: [UInt8]) throws(ArchiveError) -> [[UInt8]] {
        // fdopendir owns the fd it is given: hand it a duplicate so the caller's stays open.
        let copy = dup(directory)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw ArchiveError.system("opendir", path: ArchivePath.text(base))
        }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let item = readdir(stream) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [UInt8(ascii: ".")] || name == [UInt8(ascii: "."), UInt8(ascii: ".")] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func readLink(in directory: Int32, name: [CChar], shown: String) throws(ArchiveError) -> String {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlinkat(directory, name, &target, target.count - 1)
        guard length >= 0 else { throw ArchiveError.system("readlink", path: shown) }
        return ArchivePath.text(target[0..<length].map { UInt8(bitPattern: $0) })
    }
}
