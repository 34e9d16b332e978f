// SPDX-License-Identifier: Apache-2.0
// `linux` of the runtime spec: namespaces, id maps, cgroups path, seccomp, masked paths (config-linux.md).

extension OCIRuntimeSpec {
    /// Linux-specific configuration (`linux`).
    public struct Linux: Codable, Sendable, Hashable {
        /// User-namespace uid mappings (`uidMappings`).
        public var uidMappings: [IDMapping]?
        /// User-namespace gid mappings (`gidMappings`).
        public var gidMappings: [IDMapping]?
        /// Kernel parameters set in the container (`sysctl`).
        public var sysctl: [String: String]?
        /// cgroup limits (`resources`).
        public var resources: Resources?
        /// cgroup path, or `slice:prefix:name` with the systemd driver (`cgroupsPath`).
        public var cgroupsPath: String?
        /// Namespaces to create or join (`namespaces`).
        public var namespaces: [Namespace]?
        /// Device nodes to create (`devices`).
        public var devices: [Device]?
        /// Syscall filter (`seccomp`); nil runs unconfined.
        public var seccomp: Seccomp?
        /// Propagation of the rootfs mount: `shared`, `slave`, `private`, `unbindable` (`rootfsPropagation`).
        public var rootfsPropagation: String?
        /// Paths covered so the container cannot read them (`maskedPaths`).
        public var maskedPaths: [String]?
        /// Paths made read-only (`readonlyPaths`).
        public var readonlyPaths: [String]?
        /// SELinux context for mounts (`mountLabel`).
        public var mountLabel: String?
        /// Intel RDT settings (`intelRdt`).
        public var intelRdt: IntelRdt?
        /// Execution domain (`personality`).
        public var personality: Personality?

        /// Creates a Linux section.
        public init(
            uidMappings: [IDMapping]? = nil, gidMappings: [IDMapping]? = nil, sysctl: [String: String]? = nil,
            resources: Resources? = nil, cgroupsPath: String? = nil, namespaces: [Namespace]? = nil, devices: [Device]? = nil,
            seccomp: Seccomp? = nil, rootfsPropagation: String? = nil, maskedPaths: [String]? = nil,
            readonlyPaths: [String]? = nil, mountLabel: String? = nil, intelRdt: IntelRdt? = nil, personality: Personality? = nil
        ) {
            self.uidMappings = uidMappings
            self.gidMappings = gidMappings
            self.sysctl = sysctl
            self.resources = resources
            self.cgroupsPath = cgroupsPath
            self.namespaces = namespaces
            self.devices = devices
            self.seccomp = seccomp
            self.rootfsPropagation = rootfsPropagation
            self.maskedPaths = maskedPaths
            self.readonlyPaths = readonlyPaths
            self.mountLabel = mountLabel
            self.intelRdt = intelRdt
            self.personality = personality
        }
    }

    /// One uid or gid range mapping (`uidMappings[]`, `gidMappings[]`).
    public struct IDMapping: Codable, Sendable, Hashable {
        /// First id in the container (`containerID`).
        public var containerID: UInt32
        /// First id on the host (`hostID`).
        public var hostID: UInt32
        /// Number of ids (`size`).
        public var size: UInt32

        /// Creates a mapping.
        public init(containerID: UInt32, hostID: UInt32, size: UInt32) {
            self.containerID = containerID
            self.hostID = hostID
            self.size = size
        }
    }

    /// A namespace to create, or to join when `path` is set (`namespaces[]`).
    public struct Namespace: Codable, Sendable, Hashable {
        /// `pid`, `network`, `mount`, `ipc`, `uts`, `user`, `cgroup` or `time` (`type`).
        public var type: String
        /// Namespace file to join, e.g. `/proc/1234/ns/net` (`path`).
        public var path: String?

        /// Creates a namespace entry.
        public init(type: String, path: String? = nil) {
            self.type = type
            self.path = path
        }
    }
}
