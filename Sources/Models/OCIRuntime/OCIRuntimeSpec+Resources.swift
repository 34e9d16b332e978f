// SPDX-License-Identifier: Apache-2.0
// cgroup resources of the runtime spec: devices, memory, cpu, pids, hugepages (config-linux.md "Control groups").

extension OCIRuntimeSpec {
    /// cgroup limits (`linux.resources`).
    public struct Resources: Codable, Sendable, Hashable {
        /// Device allow/deny list, applied in order (`devices`).
        public var devices: [DeviceCgroup]?
        /// Memory limits (`memory`).
        public var memory: Memory?
        /// CPU limits (`cpu`).
        public var cpu: CPU?
        /// Task count limit (`pids`).
        public var pids: Pids?
        /// Block I/O weights and throttles (`blockIO`).
        public var blockIO: BlockIO?
        /// Hugepage limits (`hugepageLimits`).
        public var hugepageLimits: [HugepageLimit]?
        /// Raw cgroup v2 files (`unified`).
        public var unified: [String: String]?

        /// Creates resources.
        public init(
            devices: [DeviceCgroup]? = nil, memory: Memory? = nil, cpu: CPU? = nil, pids: Pids? = nil,
            blockIO: BlockIO? = nil, hugepageLimits: [HugepageLimit]? = nil, unified: [String: String]? = nil
        ) {
            self.devices = devices
            self.memory = memory
            self.cpu = cpu
            self.pids = pids
            self.blockIO = blockIO
            self.hugepageLimits = hugepageLimits
            self.unified = unified
        }
    }

    /// One device cgroup rule (`resources.devices[]`).
    public struct DeviceCgroup: Codable, Sendable, Hashable {
        /// Allow or deny (`allow`).
        public var allow: Bool
        /// `a`, `c` or `b` (`type`).
        public var type: String?
        /// Major number; nil matches all (`major`).
        public var major: Int64?
        /// Minor number; nil matches all (`minor`).
        public var minor: Int64?
        /// Some of `r`, `w`, `m` (`access`).
        public var access: String?

        /// Creates a rule.
        public init(allow: Bool, type: String? = nil, major: Int64? = nil, minor: Int64? = nil, access: String? = nil) {
            self.allow = allow
            self.type = type
            self.major = major
            self.minor = minor
            self.access = access
        }
    }

    /// Task count limit (`resources.pids`).
    public struct Pids: Codable, Sendable, Hashable {
        /// Maximum tasks, -1 for unlimited (`limit`).
        public var limit: Int64

        /// Creates a pids limit.
        public init(limit: Int64) {
            self.limit = limit
        }
    }

    /// One hugepage size limit (`resources.hugepageLimits[]`).
    public struct HugepageLimit: Codable, Sendable, Hashable {
        /// Page size, e.g. `2MB` (`pageSize`).
        public var pageSize: String
        /// Limit in bytes (`limit`).
        public var limit: UInt64

        /// Creates a hugepage limit.
        public init(pageSize: String, limit: UInt64) {
            self.pageSize = pageSize
            self.limit = limit
        }
    }
}
