// SPDX-License-Identifier: Apache-2.0
// A container's writable layer and its overlay rootfs: <data-root>/containers/<id>/{upper,work} on disk,
// the merged view mounted at the bundle's rootfs before start and unmounted after exit.
// Blocking calls (mount, umount, rm -r): run them off the cooperative pool.

import FoundationEssentials
import Glibc
import Platform

/// Lays out, mounts and removes container root filesystems.
public struct ContainerFilesystem: Sendable {
    /// `--data-root` (e.g. /var/lib/berth): containers/<id>/ lives below it.
    public let dataRoot: String
    /// `--exec-root` (e.g. /run/berth): bundles and their rootfs mount points live below it.
    public let execRoot: String

    /// Creates the layout helper.
    public init(dataRoot: String, execRoot: String) {
        self.dataRoot = dataRoot
        self.execRoot = execRoot
    }

    /// `<data-root>/containers/<id>`.
    public func containerDirectory(id: String) -> String { dataRoot + "/containers/" + id }
    /// `<data-root>/containers/<id>/upper`: the container's changes (what `docker diff` reads).
    public func upperDirectory(id: String) -> String { containerDirectory(id: id) + "/upper" }
    /// `<data-root>/containers/<id>/work`: overlayfs scratch space.
    public func workDirectory(id: String) -> String { containerDirectory(id: id) + "/work" }

    /// Creates containers/<id> (0700: the upper dir may hold secrets) with `upper` (0755, the rootfs
    /// root's mode until the image's own `/` shows through) and `work` (0700). Idempotent.
    public func prepare(id: String) throws(Errno) {
        try Directories.create(dataRoot + "/containers", mode: 0o700)
        try Directories.create(containerDirectory(id: id), mode: 0o700)
        try Directories.create(upperDirectory(id: id), mode: 0o755)
        try Directories.create(workDirectory(id: id), mode: 0o700)
    }

    /// Mounts the container's overlay at `target` (created 0755 if missing). `lowerDirs` are the image
    /// layers top-first; a single layer is fine (the upper dir makes the second). Any earlier mount of
    /// this container's overlay is unmounted first. Returns how it was mounted (mount(2), or fsconfig
    /// for layer lists past one page).
    @discardableResult
    public func mountRootfs(id: String, lowerDirs: [String], at target: String) throws(Errno) -> Overlay.Method {
        // A mount left by a crashed daemon goes first: two overlays sharing one upper dir are undefined
        // behaviour, and with index=off the kernel only warns about it. Such a mount sits at `target`
        // (one statx) unless the exec root moved between daemon runs; `remove` scans the whole table.
        try unmountRootfs(at: target)
        try Directories.create(target, mode: 0o755)
        let overlay = Overlay(lowerDirs: lowerDirs, upperDir: upperDirectory(id: id), workDir: workDirectory(id: id))
        return try overlay.mount(at: target)
    }

    /// Unmounts `target` until nothing is mounted there (mounts can stack). Not mounted: no-op. Busy:
    /// lazy detach, so the path is free at once and the kernel lets go when the last user leaves.
    public func unmountRootfs(at target: String) throws(Errno) {
        while try Mounts.isMountPoint(target) {
            do {
                try Mounts.unmount(target)
            } catch  where error.code == EBUSY {
                try Mounts.unmount(target, detach: true)
            } catch  where error.code == EINVAL || error.code == ENOENT {
                return  // gone between the check and the call
            }
        }
    }

    /// Where the container's overlay is mounted now, found by its upper dir in /proc/self/mountinfo
    /// (the daemon may have restarted and lost track); empty when not mounted.
    public func mountedRootfs(id: String) throws(Errno) -> [String] {
        let upper = upperDirectory(id: id)
        let realUpper = Mounts.realPath(upper) ?? upper
        return try MountInfo.current().filter { $0.fsType == "overlay" && [upper, realUpper].contains($0.superOption("upperdir")) }
            .map(\.mountPoint)
    }

    /// True when `target` has a mount (the crash-recovery check before start or after exit).
    public func isMounted(at target: String) throws(Errno) -> Bool { try Mounts.isMountPoint(target) }

    /// Unmounts every mount of the container's overlay, then deletes containers/<id> and all below it.
    public func remove(id: String) throws(Errno) {
        for target in try mountedRootfs(id: id).reversed() { try unmountRootfs(at: target) }
        let directory = containerDirectory(id: id)
        guard access(directory, F_OK) == 0 else { return }
        do {
            try FileManager.default.removeItem(atPath: directory)
        } catch {
            throw Errno(EIO, "remove \(directory): \(error)")
        }
    }
}
