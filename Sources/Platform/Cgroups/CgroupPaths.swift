// SPDX-License-Identifier: Apache-2.0
// Where one container's cgroup lives: a directory per v1 controller, or one unified directory on v2.

import Glibc

/// The directories of one cgroup (cgroupfs driver: `/berth/<id>`, as dockerd uses `/docker/<id>`) under the
/// host's mounts. On v1 (and hybrid) each controller has its own directory; co-mounted controllers
/// (`cpu,cpuacct`) share one. On v2 every controller reads and writes the one unified directory.
public struct CgroupPaths: Sendable, Equatable {
    /// The layout the directories were derived from.
    public let version: CgroupLayout.Version
    /// The cgroup path relative to each hierarchy's root, e.g. `/berth/<id>`.
    public let path: String
    /// v1: controller name → directory (named hierarchies such as `name=systemd` left out). Empty on v2.
    public let controllerDirectories: [String: String]
    /// v2: the unified directory. Nil on v1, even on hybrid hosts (controllers live in the v1 hierarchies).
    public let unifiedDirectory: String?

    /// Derives the directories of `path` from `layout`. `path` must be absolute without `.`/`..` components;
    /// otherwise throws `Errno(EINVAL)`.
    public init(layout: CgroupLayout, path: String) throws(Errno) {
        let components = path.split(separator: "/")
        guard path.hasPrefix("/"), !components.isEmpty, !components.contains(where: { $0 == "." || $0 == ".." }) else {
            throw Errno(EINVAL, "cgroup path \(path)")
        }
        let clean = "/" + components.joined(separator: "/")
        self.version = layout.version
        self.path = clean
        switch layout.version {
        case .v1:
            var directories: [String: String] = [:]
            for (controller, mount) in layout.controllerMounts where !controller.hasPrefix("name=") {
                directories[controller] = mount + clean
            }
            controllerDirectories = directories
            unifiedDirectory = nil
        case .v2:
            controllerDirectories = [:]
            unifiedDirectory = (layout.unifiedMount ?? CgroupLayout.defaultRoot) + clean
        }
    }

    /// The directory holding `controller`'s files (`memory`, `cpu`, `cpuacct`, `pids`, `blkio`, `freezer`, …):
    /// the unified directory on v2; nil on v1 when that controller is not mounted.
    public func directory(for controller: String) -> String? {
        unifiedDirectory ?? controllerDirectories[controller]
    }

    /// Every distinct directory, sorted (one per mount point; co-mounted controllers appear once).
    public var directories: [String] {
        if let unifiedDirectory { return [unifiedDirectory] }
        return Array(Set(controllerDirectories.values)).sorted()
    }
}
