// SPDX-License-Identifier: Apache-2.0
// Paths inside a container root filesystem, opened so that no symlink or `..` leads out of it.
//
// Every lookup is openat2(2) with RESOLVE_IN_ROOT against a descriptor of the root: the kernel treats
// that directory as `/` for the whole walk, so `etc -> /etc` or `../../..` stay inside, atomically
// (no check-then-use window as with a userspace walk). RESOLVE_NO_MAGICLINKS also refuses /proc-style
// links to host objects. berthd never chdirs or chroots, so this is how the daemon reads an image's
// /etc/passwd or creates a working directory.

import CShims
import Glibc

/// Reading and creating paths inside a rootfs without following anything out of it.
public enum RootfsPath {
    private static let inRoot = UInt64(CSHIM_RESOLVE_IN_ROOT | CSHIM_RESOLVE_NO_MAGICLINKS)
    private static let oPath = Int32(CSHIM_O_PATH)

    /// Opens `path` (absolute or relative, read as relative to `root`) with openat2 RESOLVE_IN_ROOT.
    public static func open(root: String, path: String, flags: Int32, mode: mode_t = 0) throws(Errno) -> FileDescriptor {
        let rootFD = try openRoot(root)
        return try open(in: rootFD, path: path, flags: flags, mode: mode)
    }

    /// The whole regular file at `path` inside `root` (at most `maxBytes`), or nil when it does not exist.
    /// Anything but a regular file (a FIFO would block, a device could be anything) is refused with EINVAL.
    public static func readFile(root: String, path: String, maxBytes: Int = 1 << 20) throws(Errno) -> [UInt8]? {
        let file: FileDescriptor
        do {
            // O_NONBLOCK so that opening a FIFO planted by an image does not wait for a writer.
            file = try open(root: root, path: path, flags: O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        } catch  where error.code == ENOENT || error.code == ENOTDIR {
            return nil
        }
        var info = stat()
        guard fstat(file.rawValue, &info) == 0 else { throw Errno.current("fstat \(path)") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw Errno(EINVAL, "read \(path): not a regular file") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        while bytes.count < maxBytes {
            let count = try retryingEINTR("read \(path)") {
                chunk.withUnsafeMutableBytes { Glibc.read(file.rawValue, $0.baseAddress, min($0.count, maxBytes - bytes.count)) }
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }

    /// `mkdir -p` of `path` inside `root`: each missing directory is created with `mode` (exactly, umask
    /// aside) and owned by `uid`:`gid`; existing ones are left as they are. A dangling symlink on the way
    /// is followed inside the root (its target gets created), as runc does. Throws ENOTDIR when a
    /// component exists but is not a directory.
    public static func makeDirectories(root: String, path: String, mode: mode_t = 0o755, uid: uid_t = 0, gid: gid_t = 0) throws(Errno) {
        let rootFD = try openRoot(root)
        var pending = clean(path)
        // Each round follows one dangling symlink; Linux's own limit for a lookup is 40.
        for _ in 0..<40 {
            guard let redirected = try makeDirectoriesOnce(rootFD, pending, mode: mode, uid: uid, gid: gid) else { return }
            pending = redirected
        }
        throw Errno(ELOOP, "mkdir \(path)")
    }

    /// One pass of `makeDirectories`; returns the path to retry with when a dangling symlink was met.
    private static func makeDirectoriesOnce(_ rootFD: FileDescriptor, _ path: String, mode: mode_t, uid: uid_t, gid: gid_t) throws(Errno)
        -> String?
    {
        var parent = try open(in: rootFD, path: "/", flags: oPath | O_DIRECTORY | O_CLOEXEC)
        let components = path.split(separator: "/")
        var prefix = ""
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            do {
                parent = try open(in: rootFD, path: prefix, flags: oPath | O_DIRECTORY | O_CLOEXEC)
                continue
            } catch  where error.code == ENOENT {
                // Missing: created below in the resolved parent (a real directory inside the root).
            }
            let name = String(component)
            if mkdirat(parent.rawValue, name, mode) != 0 {
                guard errno == EEXIST else { throw Errno.current("mkdir \(prefix)") }
                // Present yet not found: a symlink to something missing. Continue from its target, read
                // relative to where the parent really is inside the root.
                guard let target = readLink(parent.rawValue, name) else { throw Errno(ENOTDIR, "mkdir \(prefix)") }
                let rest = components[(index + 1)...].joined(separator: "/")
                let base = target.hasPrefix("/") ? target : (try inRootPath(of: parent, root: rootFD)) + "/" + target
                return clean(base + "/" + rest)
            }
            // O_NOFOLLOW: if something else won a race and put a symlink there, fail instead of following it.
            let created = try retryingEINTR("open \(prefix)") {
                openat(parent.rawValue, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            let directory = FileDescriptor(owning: created)
            guard fchown(directory.rawValue, uid, gid) == 0 else { throw Errno.current("chown \(prefix)") }
            guard fchmod(directory.rawValue, mode) == 0 else { throw Errno.current("chmod \(prefix)") }
            parent = directory
        }
        return nil
    }

    /// readlinkat(2) of `name` in `directory`, or nil (errno set) when it is not a symlink.
    private static func readLink(_ directory: Int32, _ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlinkat(directory, name, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Where an open directory below the root is, as an in-root absolute path.
    private static func inRootPath(of directory: FileDescriptor, root: FileDescriptor) throws(Errno) -> String {
        let rootPath = try hostPath(of: root)
        let path = try hostPath(of: directory)
        guard path.hasPrefix(rootPath) else { throw Errno(EXDEV, "\(path) is outside \(rootPath)") }
        return clean(String(path.dropFirst(rootPath.count)))
    }

    /// The host path `path` names after resolution inside `root` (symlinks followed, clamped to the
    /// root), or nil when it does not exist.
    public static func resolve(root: String, path: String) throws(Errno) -> String? {
        let file: FileDescriptor
        do {
            file = try open(root: root, path: path, flags: oPath | O_CLOEXEC)
        } catch  where error.code == ENOENT || error.code == ENOTDIR {
            return nil
        }
        return try hostPath(of: file)
    }

    /// Lexically cleans an in-root path to absolute form: `.` and empty parts dropped, `..` pops but
    /// never above `/` (Go's `filepath.Clean("/" + p)`).
    public static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Opens the root itself (following symlinks in the host path given for it: that path is trusted).
    private static func openRoot(_ root: String) throws(Errno) -> FileDescriptor {
        FileDescriptor(owning: try retryingEINTR("open \(root)") { Glibc.open(root, oPath | O_DIRECTORY | O_CLOEXEC) })
    }

    /// openat2 with RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS below `rootFD`.
    private static func open(in rootFD: FileDescriptor, path: String, flags: Int32, mode: mode_t = 0) throws(Errno) -> FileDescriptor {
        let relative = clean(path)
        let fd = try retryingEINTR("openat2 \(relative)") {
            // EAGAIN: the kernel saw a concurrent rename/mount and asks for a retry; treat as EINTR.
            var result = cshim_openat2(rootFD.rawValue, relative, flags, UInt32(mode), inRoot)
            for _ in 0..<16 where result < 0 && errno == EAGAIN {
                result = cshim_openat2(rootFD.rawValue, relative, flags, UInt32(mode), inRoot)
            }
            return result
        }
        return FileDescriptor(owning: fd)
    }

    /// The path of an open descriptor as /proc/self/fd shows it.
    private static func hostPath(of file: FileDescriptor) throws(Errno) -> String {
        guard let path = readLink(AT_FDCWD, "/proc/self/fd/\(file.rawValue)") else {
            throw Errno.current("readlink /proc/self/fd/\(file.rawValue)")
        }
        return path
    }
}
