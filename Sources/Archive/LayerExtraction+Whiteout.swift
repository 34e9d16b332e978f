// SPDX-License-Identifier: Apache-2.0
// OCI/AUFS whiteouts in overlayfs form, as moby's overlay whiteout converter writes them:
// `dir/.wh.name` becomes a 0/0 character device `dir/name` owned like the whiteout entry, and
// `dir/.wh..wh..opq` becomes the xattr trusted.overlay.opaque=y on `dir` (kernel overlayfs.rst).
// trusted.* needs CAP_SYS_ADMIN (the 0/0 device needs CAP_MKNOD only before Linux 5.8); without
// the privilege the layer fails with EPERM and the entry's name.

import CArchive
import CShims
import Glibc
import Platform

extension LayerExtraction {
    /// Creates the whiteout device for `name` in the directory `parent`.
    func makeWhiteout(in parent: [[UInt8]], name: [UInt8], uid: la_int64_t, gid: la_int64_t, shown: String) throws(ArchiveError) {
        let directory = try openDirectory(parent, shown: shown)
        defer { close(directory) }
        let cName = ArchiveSupport.cString(name)
        guard cshim_mknod_whiteout(directory, cName) == 0 else { throw ArchiveError.system("mknod whiteout", path: shown) }
        guard geteuid() == 0 else { return }
        guard fchownat(directory, cName, uid_t(truncatingIfNeeded: uid), gid_t(truncatingIfNeeded: gid), AT_SYMLINK_NOFOLLOW) == 0 else {
            throw ArchiveError.system("chown whiteout", path: shown)
        }
    }

    /// Marks the directory `components` opaque for overlayfs.
    func markOpaque(_ components: [[UInt8]], shown: String) throws(ArchiveError) {
        let directory = try openDirectory(components, shown: shown)
        defer { close(directory) }
        let value: [UInt8] = [UInt8(ascii: "y")]
        let rc = value.withUnsafeBytes { fsetxattr(directory, "trusted.overlay.opaque", $0.baseAddress, $0.count, 0) }
        guard rc == 0 else { throw ArchiveError.system("setxattr trusted.overlay.opaque", path: shown) }
    }

    /// Opens the directory `components` below the current directory one component at a time with
    /// O_NOFOLLOW, so a symlink planted by the layer is never followed, and creates missing ones (0755,
    /// as libarchive does for an entry's missing parents).
    private func openDirectory(_ components: [[UInt8]], shown: String) throws(ArchiveError) -> Int32 {
        var current = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard current >= 0 else { throw ArchiveError.system("open .", path: shown) }
        for part in components {
            let name = ArchiveSupport.cString(part)
            let flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC
            var next = openat(current, name, flags)
            if next < 0 && errno == ENOENT && (mkdirat(current, name, 0o755) == 0 || errno == EEXIST) {
                next = openat(current, name, flags)
            }
            let code = errno
            close(current)
            guard next >= 0 else {
                let why = code == ELOOP || code == ENOTDIR ? "whiteout parent is not a directory (or is a symlink)" : "open"
                throw ArchiveError.system(why, code: code, path: shown)
            }
            current = next
        }
        return current
    }
}
