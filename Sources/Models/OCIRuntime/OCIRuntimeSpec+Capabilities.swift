// SPDX-License-Identifier: Apache-2.0
// Capability sets and rlimits of the runtime spec's `process` (config.md "Linux Process").

extension OCIRuntimeSpec {
    /// The five capability sets, names as `CAP_CHOWN` (`capabilities`).
    public struct Capabilities: Codable, Sendable, Hashable {
        /// Bounding set (`bounding`).
        public var bounding: [String]?
        /// Effective set (`effective`).
        public var effective: [String]?
        /// Inheritable set (`inheritable`).
        public var inheritable: [String]?
        /// Permitted set (`permitted`).
        public var permitted: [String]?
        /// Ambient set (`ambient`).
        public var ambient: [String]?

        /// Creates capability sets.
        public init(
            bounding: [String]? = nil, effective: [String]? = nil, inheritable: [String]? = nil,
            permitted: [String]? = nil, ambient: [String]? = nil
        ) {
            self.bounding = bounding
            self.effective = effective
            self.inheritable = inheritable
            self.permitted = permitted
            self.ambient = ambient
        }

        /// The same list in bounding, effective, inheritable and permitted, as dockerd sets them; no ambient.
        public static func uniform(_ caps: [String]) -> Capabilities {
            Capabilities(bounding: caps, effective: caps, inheritable: caps, permitted: caps)
        }
    }

    /// One resource limit, e.g. `RLIMIT_NOFILE` (`rlimits[]`).
    public struct Rlimit: Codable, Sendable, Hashable {
        /// Limit name, e.g. `RLIMIT_NOFILE` (`type`).
        public var type: String
        /// Hard limit (`hard`).
        public var hard: UInt64
        /// Soft limit (`soft`).
        public var soft: UInt64

        /// Creates a limit.
        public init(type: String, hard: UInt64, soft: UInt64) {
            self.type = type
            self.hard = hard
            self.soft = soft
        }
    }
}
