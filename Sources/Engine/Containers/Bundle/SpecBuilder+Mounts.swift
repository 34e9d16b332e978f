// SPDX-License-Identifier: Apache-2.0
// Mounts of a container: dockerd's defaults (moby oci/defaults.go), the /etc files, Binds, Mounts and Tmpfs, sorted by
// destination depth and filtered as moby daemon/oci_linux.go WithMounts does.

import Models

extension SpecBuilder {
    /// Default size of /dev/shm (moby `config.DefaultShmSize`, 64 MiB).
    public static let defaultShmSize: Int64 = 64 * 1024 * 1024

    /// dockerd's default mounts; /sys and /sys/fs/cgroup are read-write only when privileged.
    static func defaultMounts(privileged: Bool, shmSize: Int64) -> [OCIRuntimeSpec.Mount] {
        let sysMode = privileged ? "rw" : "ro"
        return [
            .init(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
            .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            .init(
                destination: "/dev/pts", type: "devpts", source: "devpts",
                options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            .init(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", sysMode]),
            .init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", sysMode]),
            .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
            .init(
                destination: "/dev/shm", type: "tmpfs", source: "shm",
                options: ["nosuid", "noexec", "nodev", "mode=1777", "size=\(shmSize > 0 ? shmSize : defaultShmSize)"]),
        ]
    }

    /// All mounts: defaults not overridden by the user, then the /etc files and user mounts by destination depth.
    static func mounts(_ input: SpecInput) throws(EngineError) -> [OCIRuntimeSpec.Mount] {
        let host = input.host
        var user = try userMounts(input)
        let writableEtc = !host.readonlyRootfs
        let etc = [("/etc/resolv.conf", input.resolvConfPath), ("/etc/hostname", input.hostnamePath), ("/etc/hosts", input.hostsPath)]
        for (destination, source) in etc {
            guard let source, !user.contains(where: { $0.destination == destination }) else { continue }
            user.append(bind(source: source, destination: destination, writable: writableEtc, propagation: nil, recursive: true))
        }
        // moby sortMounts: fewer path components first, so a parent is mounted before its children.
        user = user.enumerated().sorted { lhs, rhs in
            let (l, r) = (depth(lhs.element.destination), depth(rhs.element.destination))
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element)
        let destinations = Set(user.map(\.destination))
        let mountsDev = destinations.contains("/dev")
        var defaults = defaultMounts(privileged: host.privileged, shmSize: host.shmSize).filter { mount in
            !destinations.contains(mount.destination) && !(mountsDev && mount.destination.hasPrefix("/dev/"))
        }
        if host.readonlyRootfs {
            // moby: with --read-only the default mounts become read-only too, except those a process must write.
            let writable: Set<String> = ["/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/dev"]
            for index in defaults.indices where !writable.contains(defaults[index].destination) {
                var options = (defaults[index].options ?? []).filter { $0 != "rw" }
                if !options.contains("ro") { options.append("ro") }
                defaults[index].options = options
            }
        }
        return defaults + user
    }

    static func depth(_ path: String) -> Int {
        path.split(separator: "/").count
    }

    /// A bind mount with moby's options: `rbind` (or `bind`), `ro` when read-only, then the propagation.
    static func bind(source: String, destination: String, writable: Bool, propagation: String?, recursive: Bool) -> OCIRuntimeSpec.Mount {
        var options = [recursive ? "rbind" : "bind"]
        if !writable { options.append("ro") }
        options.append(propagation ?? "rprivate")
        return OCIRuntimeSpec.Mount(destination: destination, type: "bind", source: source, options: options)
    }

    /// Binds, Mounts and Tmpfs of HostConfig; a destination given twice is `invalidParameter` ("Duplicate mount point").
    static func userMounts(_ input: SpecInput) throws(EngineError) -> [OCIRuntimeSpec.Mount] {
        var result: [OCIRuntimeSpec.Mount] = []
        func add(_ mount: OCIRuntimeSpec.Mount) throws(EngineError) {
            if result.contains(where: { $0.destination == mount.destination }) {
                throw .invalidParameter("Duplicate mount point: \(mount.destination)")
            }
            result.append(mount)
        }
        for spec in input.host.binds ?? [] { try add(parseBind(spec, volumeSources: input.volumeSources)) }
        for mount in input.host.mounts ?? [] { try add(convert(mount, volumeSources: input.volumeSources)) }
        for (destination, data) in (input.host.tmpfs ?? [:]).sorted(by: { $0.key < $1.key }) {
            try add(tmpfs(destination: destination, options: data.isEmpty ? [] : data.split(separator: ",").map(String.init)))
        }
        return result
    }

    static let propagations: Set<String> = ["shared", "rshared", "slave", "rslave", "private", "rprivate"]

    /// `src:dst[:mode]` (moby volume/mounts linux_parser); a non-absolute source is a named volume.
    static func parseBind(_ spec: String, volumeSources: [String: String]) throws(EngineError) -> OCIRuntimeSpec.Mount {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw .invalidParameter("invalid volume specification: '\(spec)'")
        }
        let destination = parts.count == 1 ? parts[0] : parts[1]
        guard destination.hasPrefix("/") else {
            throw .invalidParameter(
                "invalid volume specification: '\(spec)': invalid mount config for type \"volume\": invalid mount path: '\(destination)' mount path must be absolute"
            )
        }
        if destination == "/" {
            throw .invalidParameter(
                "invalid volume specification: '\(spec)': invalid mount config for type \"bind\": invalid specification: destination can't be '/'"
            )
        }
        var writable = true
        var propagation: String?
        for mode in parts.count == 3 ? parts[2].split(separator: ",").map(String.init) : [] {
            switch mode {
            case "ro": writable = false
            case "rw", "z", "Z", "nocopy", "copy": continue
            case _ where propagations.contains(mode): propagation = mode
            default: throw .invalidParameter("invalid mode: \(mode)")
            }
        }
        let source: String
        if parts.count > 1, parts[0].hasPrefix("/") {
            source = parts[0]
        } else if let volume = volumeSources[destination] {
            source = volume
        } else {
            throw .invalidParameter("no source path for volume at \(destination)")
        }
        return bind(source: source, destination: destination, writable: writable, propagation: propagation, recursive: true)
    }

    /// One `HostConfig.Mounts` entry: bind, volume (as a bind of the caller's source path) or tmpfs.
    static func convert(_ mount: Mount, volumeSources: [String: String]) throws(EngineError) -> OCIRuntimeSpec.Mount {
        guard let target = mount.target, target.hasPrefix("/") else {
            throw .invalidParameter("invalid mount config: Target must be an absolute path")
        }
        let writable = mount.readOnly != true
        switch mount.type ?? "volume" {
        case "bind":
            guard let source = mount.source, source.hasPrefix("/") else {
                throw .invalidParameter(
                    "invalid mount config for type \"bind\": invalid mount path: '\(mount.source ?? "")' mount path must be absolute")
            }
            let options = mount.bindOptions
            return bind(
                source: source, destination: target, writable: writable, propagation: options?.propagation,
                recursive: options?.nonRecursive != true)
        case "volume":
            guard let source = volumeSources[target] else { throw .invalidParameter("no source path for volume at \(target)") }
            return bind(source: source, destination: target, writable: writable, propagation: nil, recursive: true)
        case "tmpfs":
            var options: [String] = []
            if let size = mount.tmpfsOptions?.sizeBytes, size > 0 {
                options.append(size % 1024 == 0 ? "size=\(size / 1024)k" : "size=\(size)")
            }
            if let mode = mount.tmpfsOptions?.mode, mode != 0 { options.append("mode=" + String(mode, radix: 8)) }
            for option in mount.tmpfsOptions?.options ?? [] { options.append(option.joined(separator: "=")) }
            if !writable { options.append("ro") }
            return try tmpfs(destination: target, options: options)
        case let other:
            throw .invalidParameter("mount type unknown: \"\(other)\"")
        }
    }

    /// A tmpfs with moby's base options (`noexec,nosuid,nodev,rprivate`) merged with the user's, later ones winning.
    static func tmpfs(destination: String, options: [String]) throws(EngineError) -> OCIRuntimeSpec.Mount {
        OCIRuntimeSpec.Mount(
            destination: destination, type: "tmpfs", source: "tmpfs",
            options: mergeTmpfsOptions(["noexec", "nosuid", "nodev", "rprivate"] + options))
    }

    /// moby pkg/mount MergeTmpfsOptions: the last of each flag pair or key wins, keeping the order of the last uses.
    static func mergeTmpfsOptions(_ options: [String]) -> [String] {
        let pairs: [String: String] = [
            "exec": "exec", "noexec": "exec", "suid": "suid", "nosuid": "suid", "dev": "dev", "nodev": "dev",
            "ro": "rw", "rw": "rw", "atime": "atime", "noatime": "atime", "diratime": "diratime", "nodiratime": "diratime",
        ]
        var seen: Set<String> = []
        var result: [String] = []
        for option in options.reversed() {
            let key = pairs[option] ?? (option.contains("=") ? SpecBuilder.envKey(option) : option)
            if seen.insert(key).inserted { result.insert(option, at: 0) }
        }
        return result
    }
}
