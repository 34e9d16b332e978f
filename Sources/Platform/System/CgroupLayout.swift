// SPDX-License-Identifier: Apache-2.0
// Which cgroup hierarchies the host mounts: v2 (unified), v1, or v1 with a unified hierarchy beside it (hybrid).

/// The host's cgroup mounts, from /proc/self/mountinfo (proc(5)).
public struct CgroupLayout: Sendable, Equatable {
    /// The cgroup version `GET /info` reports as `CgroupVersion`.
    public enum Version: String, Sendable, Equatable {
        /// Legacy or hybrid hierarchy: per-controller v1 mounts.
        case v1 = "1"
        /// Unified hierarchy mounted at /sys/fs/cgroup.
        case v2 = "2"
    }

    /// Where cgroup filesystems live on a systemd-era host.
    public static let defaultRoot = "/sys/fs/cgroup"

    /// The version in use.
    public var version: Version
    /// Mount point of each v1 controller (`memory`, `cpu`, `pids`, …, and named ones such as `name=systemd`);
    /// co-mounted controllers (`cpu,cpuacct`) share one mount point. Empty on pure v2.
    public var controllerMounts: [String: String]
    /// Mount point of the cgroup2 hierarchy: /sys/fs/cgroup on v2, usually /sys/fs/cgroup/unified on hybrid.
    public var unifiedMount: String?

    /// Creates a layout from known values (tests, fixtures).
    public init(version: Version, controllerMounts: [String: String], unifiedMount: String?) {
        self.version = version
        self.controllerMounts = controllerMounts
        self.unifiedMount = unifiedMount
    }

    /// The cgroup driver `GET /info` reports: Berth manages cgroup files itself, so always `cgroupfs`.
    public var driver: String { "cgroupfs" }

    /// True for v1 with a cgroup2 hierarchy mounted as well (systemd "hybrid" mode).
    public var isHybrid: Bool { version == .v1 && unifiedMount != nil }

    /// The v1 controllers mounted (names without `name=` hierarchies), sorted.
    public var controllers: [String] {
        controllerMounts.keys.filter { !$0.hasPrefix("name=") }.sorted()
    }

    /// The mount point of v1 controller `name`, if mounted.
    public func mountPoint(of controller: String) -> String? {
        controllerMounts[controller]
    }

    /// Reads /proc/self/mountinfo. When it shows no v1 controller but /sys/fs/cgroup/cgroup.controllers exists
    /// (a cgroup2 root the mount table does not name, e.g. inside some containers), the layout is v2.
    public static func current() throws(Errno) -> CgroupLayout {
        var layout = parse(mountInfo: try SystemFile.read("/proc/self/mountinfo"))
        if layout.version == .v1, layout.controllers.isEmpty, SystemFile.exists("\(defaultRoot)/cgroup.controllers") {
            layout = CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: defaultRoot)
        }
        return layout
    }

    /// Known v1 controller names (kernel `cgroup_subsys` list); other super options are mount flags.
    static let knownControllers: Set<String> = [
        "blkio", "cpu", "cpuacct", "cpuset", "devices", "freezer", "hugetlb", "memory", "misc", "net_cls", "net_prio",
        "perf_event", "pids", "rdma",
    ]

    /// Parses mountinfo text. v2 when a cgroup2 filesystem is mounted at `root`, or when cgroup2 is mounted and no
    /// v1 controller is; otherwise v1. The first mount of each controller wins (later ones are usually bind mounts).
    public static func parse(mountInfo: String, root: String = defaultRoot) -> CgroupLayout {
        var controllerMounts: [String: String] = [:]
        var unifiedMounts: [String] = []
        for line in mountInfo.split(whereSeparator: \.isNewline) {
            // id parent major:minor root mountpoint options [optional…] - fstype source superoptions
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 10, let dash = fields[6...].firstIndex(of: "-"), dash + 3 < fields.count else { continue }
            let mountPoint = unescape(fields[4])
            switch fields[dash + 1] {
            case "cgroup2":
                unifiedMounts.append(mountPoint)
            case "cgroup":
                for option in fields[dash + 3].split(separator: ",") {
                    let name = String(option)
                    guard knownControllers.contains(name) || name.hasPrefix("name=") else { continue }
                    if controllerMounts[name] == nil { controllerMounts[name] = mountPoint }
                }
            default:
                continue
            }
        }
        let hasV1Controllers = controllerMounts.keys.contains { !$0.hasPrefix("name=") }
        if unifiedMounts.contains(root) || (!unifiedMounts.isEmpty && !hasV1Controllers) {
            let mount = unifiedMounts.contains(root) ? root : unifiedMounts[0]
            return CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: mount)
        }
        return CgroupLayout(version: .v1, controllerMounts: controllerMounts, unifiedMount: unifiedMounts.first)
    }

    /// Decodes mountinfo's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134` backslash).
    static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        let utf8 = Array(field.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count,
                let value = UInt8(String(decoding: utf8[(index + 1)...(index + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
