// SPDX-License-Identifier: Apache-2.0
// `process` of the runtime spec: argv, env, user, capabilities, rlimits (config.md "Process").

extension OCIRuntimeSpec {
    /// The container process (`process`).
    public struct Process: Codable, Sendable, Hashable {
        /// Whether a pseudo-terminal is attached (`terminal`).
        public var terminal: Bool?
        /// Initial console size when `terminal` is set (`consoleSize`).
        public var consoleSize: ConsoleSize?
        /// The user the process runs as (`user`).
        public var user: User
        /// argv (`args`).
        public var args: [String]?
        /// Environment as `KEY=value` (`env`).
        public var env: [String]?
        /// Absolute working directory (`cwd`).
        public var cwd: String
        /// Capability sets (`capabilities`).
        public var capabilities: Capabilities?
        /// Resource limits (`rlimits`).
        public var rlimits: [Rlimit]?
        /// Sets `PR_SET_NO_NEW_PRIVS` (`noNewPrivileges`).
        public var noNewPrivileges: Bool?
        /// AppArmor profile name (`apparmorProfile`).
        public var apparmorProfile: String?
        /// `/proc/self/oom_score_adj` value (`oomScoreAdj`).
        public var oomScoreAdj: Int?
        /// SELinux process label (`selinuxLabel`).
        public var selinuxLabel: String?

        /// Creates a process.
        public init(
            terminal: Bool? = nil, consoleSize: ConsoleSize? = nil, user: User = User(), args: [String]? = nil,
            env: [String]? = nil, cwd: String = "/", capabilities: Capabilities? = nil, rlimits: [Rlimit]? = nil,
            noNewPrivileges: Bool? = nil, apparmorProfile: String? = nil, oomScoreAdj: Int? = nil, selinuxLabel: String? = nil
        ) {
            self.terminal = terminal
            self.consoleSize = consoleSize
            self.user = user
            self.args = args
            self.env = env
            self.cwd = cwd
            self.capabilities = capabilities
            self.rlimits = rlimits
            self.noNewPrivileges = noNewPrivileges
            self.apparmorProfile = apparmorProfile
            self.oomScoreAdj = oomScoreAdj
            self.selinuxLabel = selinuxLabel
        }
    }

    /// Console size in characters (`consoleSize`).
    public struct ConsoleSize: Codable, Sendable, Hashable {
        /// Rows (`height`).
        public var height: UInt
        /// Columns (`width`).
        public var width: UInt

        /// Creates a console size.
        public init(height: UInt, width: UInt) {
            self.height = height
            self.width = width
        }
    }

    /// The process user (`user`).
    public struct User: Codable, Sendable, Hashable {
        /// User id in the container (`uid`).
        public var uid: UInt32
        /// Group id in the container (`gid`).
        public var gid: UInt32
        /// File-creation mask (`umask`).
        public var umask: UInt32?
        /// Supplementary groups (`additionalGids`).
        public var additionalGids: [UInt32]?
        /// User name, informational (`username`).
        public var username: String?

        /// Creates a user; root by default.
        public init(uid: UInt32 = 0, gid: UInt32 = 0, umask: UInt32? = nil, additionalGids: [UInt32]? = nil, username: String? = nil) {
            self.uid = uid
            self.gid = gid
            self.umask = umask
            self.additionalGids = additionalGids
            self.username = username
        }
    }
}
