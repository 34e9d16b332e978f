// SPDX-License-Identifier: Apache-2.0
// Device nodes, Intel RDT and personality of the runtime spec's `linux` (config-linux.md).

extension OCIRuntimeSpec {
    /// A device node created in the container (`linux.devices[]`).
    public struct Device: Codable, Sendable, Hashable {
        /// `c`, `b`, `u` or `p` (`type`).
        public var type: String
        /// Full path in the container (`path`).
        public var path: String
        /// Major number (`major`).
        public var major: Int64?
        /// Minor number (`minor`).
        public var minor: Int64?
        /// File mode, decimal (`fileMode`).
        public var fileMode: UInt32?
        /// Owner uid (`uid`).
        public var uid: UInt32?
        /// Owner gid (`gid`).
        public var gid: UInt32?

        /// Creates a device node.
        public init(
            type: String, path: String, major: Int64? = nil, minor: Int64? = nil, fileMode: UInt32? = nil,
            uid: UInt32? = nil, gid: UInt32? = nil
        ) {
            self.type = type
            self.path = path
            self.major = major
            self.minor = minor
            self.fileMode = fileMode
            self.uid = uid
            self.gid = gid
        }
    }

    /// Intel Resource Director Technology settings (`linux.intelRdt`).
    public struct IntelRdt: Codable, Sendable, Hashable {
        /// Class of service id (`closID`).
        public var closID: String?
        /// L3 cache schema (`l3CacheSchema`).
        public var l3CacheSchema: String?
        /// Memory bandwidth schema (`memBwSchema`).
        public var memBwSchema: String?

        /// Creates RDT settings.
        public init(closID: String? = nil, l3CacheSchema: String? = nil, memBwSchema: String? = nil) {
            self.closID = closID
            self.l3CacheSchema = l3CacheSchema
            self.memBwSchema = memBwSchema
        }
    }

    /// Execution domain, as personality(2) (`linux.personality`).
    public struct Personality: Codable, Sendable, Hashable {
        /// `LINUX` or `LINUX32` (`domain`).
        public var domain: String
        /// Extra flags (`flags`).
        public var flags: [String]?

        /// Creates a personality.
        public init(domain: String, flags: [String]? = nil) {
            self.domain = domain
            self.flags = flags
        }
    }
}
