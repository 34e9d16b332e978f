// SPDX-License-Identifier: Apache-2.0
// The header of one tar member, as TarReader reports it and TarWriter writes it.

import CArchive
import Glibc
import Platform

/// One tar member's header (its data travels separately).
public struct TarEntry: Sendable, Equatable {
    /// The member's type.
    public enum Kind: Sendable, Equatable {
        case file, directory, symlink, hardlink, characterDevice, blockDevice, fifo, socket, unknown
    }

    /// The name as stored (not cleaned: may hold "..", a leading "/", or non-UTF-8 bytes shown lossily).
    public var name: String
    /// The member's type.
    public var kind: Kind
    /// Data length in bytes (0 for everything but files, and hard links that carry data).
    public var size: Int64
    /// Permission bits, with setuid/setgid/sticky (`mode & 0o7777`).
    public var mode: UInt32
    /// Modification time, seconds since the epoch.
    public var mtime: Int64
    /// Numeric owner.
    public var uid: UInt32
    /// Numeric group.
    public var gid: UInt32
    /// The target of a symlink or hard link.
    public var linkTarget: String?
    /// Device numbers of character and block devices.
    public var deviceMajor: UInt32
    /// Device numbers of character and block devices.
    public var deviceMinor: UInt32
    /// Extended attributes (pax `SCHILY.xattr.*`).
    public var xattrs: [String: [UInt8]]

    /// A header with the given fields; the rest default to a root-owned, empty, time-0 member.
    public init(
        name: String, kind: Kind, size: Int64 = 0, mode: UInt32 = 0o644, mtime: Int64 = 0, uid: UInt32 = 0, gid: UInt32 = 0,
        linkTarget: String? = nil, deviceMajor: UInt32 = 0, deviceMinor: UInt32 = 0, xattrs: [String: [UInt8]] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.size = size
        self.mode = mode
        self.mtime = mtime
        self.uid = uid
        self.gid = gid
        self.linkTarget = linkTarget
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.xattrs = xattrs
    }

    /// The S_IF* type bits for `kind` (libarchive's AE_IF* values are these; the macros do not import).
    var fileType: mode_t {
        switch kind {
        case .file, .hardlink, .unknown: S_IFREG
        case .directory: S_IFDIR
        case .symlink: S_IFLNK
        case .characterDevice: S_IFCHR
        case .blockDevice: S_IFBLK
        case .fifo: S_IFIFO
        case .socket: S_IFSOCK
        }
    }

    /// Reads the header libarchive parsed into `entry`.
    init(_ entry: OpaquePointer) {
        let text = { (pointer: UnsafePointer<CChar>?) in ArchiveSupport.bytes(pointer).map(ArchivePath.text) }
        let hardlink = text(archive_entry_hardlink(entry))
        let kind: Kind
        switch archive_entry_filetype(entry) & S_IFMT {
        case _ where hardlink != nil: kind = .hardlink
        case S_IFREG: kind = .file
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symlink
        case S_IFCHR: kind = .characterDevice
        case S_IFBLK: kind = .blockDevice
        case S_IFIFO: kind = .fifo
        case S_IFSOCK: kind = .socket
        default: kind = .unknown
        }
        var xattrs: [String: [UInt8]] = [:]
        if archive_entry_xattr_reset(entry) > 0 {
            var key: UnsafePointer<CChar>?
            var value: UnsafeRawPointer?
            var length = 0
            while archive_entry_xattr_next(entry, &key, &value, &length) == ARCHIVE_OK {
                guard let key = text(key) else { continue }
                xattrs[key] = value.map { Array(UnsafeRawBufferPointer(start: $0, count: length)) } ?? []
            }
        }
        self.init(
            name: text(archive_entry_pathname(entry)) ?? text(archive_entry_pathname_utf8(entry)) ?? "",
            kind: kind, size: archive_entry_size(entry), mode: UInt32(archive_entry_perm(entry)),
            mtime: Int64(archive_entry_mtime(entry)), uid: UInt32(truncatingIfNeeded: archive_entry_uid(entry)),
            gid: UInt32(truncatingIfNeeded: archive_entry_gid(entry)),
            linkTarget: hardlink ?? text(archive_entry_symlink(entry)) ?? text(archive_entry_symlink_utf8(entry)),
            deviceMajor: UInt32(truncatingIfNeeded: archive_entry_rdevmajor(entry)),
            deviceMinor: UInt32(truncatingIfNeeded: archive_entry_rdevminor(entry)), xattrs: xattrs)
    }
}
