// SPDX-License-Identifier: Apache-2.0
// mount(2)/umount2(2) wrappers, mount-point checks and propagation changes, errors as `Errno`.

import CShims
import Glibc

/// Mounting and unmounting. Blocking syscalls: call from a thread that may block, not the cooperative pool.
public enum Mounts {
    /// Mount flags (`MS_*`), as the C `mountflags` argument of mount(2).
    public struct Flags: OptionSet, Sendable {
        /// The raw `mountflags` bits.
        public let rawValue: UInt
        /// Creates flags from raw bits.
        public init(rawValue: UInt) { self.rawValue = rawValue }
        /// `MS_RDONLY`.
        public static let readOnly = Flags(rawValue: 1)
        /// `MS_NOSUID`.
        public static let noSuid = Flags(rawValue: 2)
        /// `MS_NODEV`.
        public static let noDev = Flags(rawValue: 4)
        /// `MS_NOEXEC`.
        public static let noExec = Flags(rawValue: 8)
        /// `MS_REMOUNT`.
        public static let remount = Flags(rawValue: 32)
        /// `MS_BIND`.
        public static let bind = Flags(rawValue: 4096)
        /// `MS_REC`: apply to the whole subtree.
        public static let recursive = Flags(rawValue: 16384)
        /// `MS_PRIVATE`.
        public static let `private` = Flags(rawValue: 1 << 18)
        /// `MS_SLAVE`.
        public static let slave = Flags(rawValue: 1 << 19)
        /// `MS_SHARED`.
        public static let shared = Flags(rawValue: 1 << 20)
    }

    /// Mount propagation types (mount_namespaces(7)).
    public enum Propagation: Sendable {
        /// Events go neither in nor out (`MS_PRIVATE`).
        case `private`
        /// Events come in from the master but do not go out (`MS_SLAVE`).
        case slave
        /// Events go both ways within the peer group (`MS_SHARED`).
        case shared
    }

    /// mount(2). `data` is the filesystem's option string; the kernel copies at most one page of it.
    public static func mount(source: String, target: String, type: String?, flags: Flags = [], data: String? = nil) throws(Errno) {
        let result: Int32
        if let data {
            result = data.withCString { Glibc.mount(source, target, type, flags.rawValue, $0) }
        } else {
            result = Glibc.mount(source, target, type, flags.rawValue, nil)
        }
        guard result == 0 else { throw Errno.current("mount \(type ?? source) on \(target)") }
    }

    /// umount2(2); with `detach` the mount is cut off at once and freed when no longer busy (`MNT_DETACH`).
    public static func unmount(_ target: String, detach: Bool = false) throws(Errno) {
        // UMOUNT_NOFOLLOW: never unmount what a symlink planted at `target` points to.
        let flags = (detach ? MNT_DETACH : 0) | UMOUNT_NOFOLLOW
        _ = try retryingEINTR("umount \(target)") { umount2(target, Int32(flags)) }
    }

    /// Changes the propagation of the mount at `target` (`MS_REC` with `recursive`).
    public static func setPropagation(_ target: String, _ propagation: Propagation, recursive: Bool = false) throws(Errno) {
        var flags: Flags =
            switch propagation {
            case .private: .private
            case .slave: .slave
            case .shared: .shared
            }
        if recursive { flags.insert(.recursive) }
        try mount(source: "none", target: target, type: nil, flags: flags)
    }

    /// Makes `path` a mount point of its own (a bind mount onto itself) unless it already is one,
    /// then marks it private so mounts below it do not propagate to other namespaces' copies.
    public static func makePrivateMountPoint(_ path: String) throws(Errno) {
        if try !isMountPoint(path) {
            try mount(source: path, target: path, type: nil, flags: [.bind])
        }
        try setPropagation(path, .private)
    }

    /// True when `path` is the mount point of some entry of /proc/self/mountinfo. Symlinks in `path`
    /// are resolved first, as the kernel lists resolved paths; a missing path is not a mount point.
    public static func isMountPoint(_ path: String) throws(Errno) -> Bool {
        switch cshim_is_mount_root(path) {
        case 1: return true
        case 0: return false
        case -1 where errno == ENOENT || errno == ENOTDIR: return false
        case -1: throw Errno.current("statx \(path)")
        default: break  // the kernel cannot say: read the mount table
        }
        guard let real = realPath(path) else {
            if errno == ENOENT || errno == ENOTDIR { return false }
            throw Errno.current("realpath \(path)")
        }
        return try MountInfo.current().contains { $0.mountPoint == real }
    }

    /// realpath(3): `path` with every symlink, `.` and `..` resolved; nil (errno set) when it cannot be.
    public static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
