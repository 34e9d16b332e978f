// SPDX-License-Identifier: Apache-2.0
// The seccomp filter of the runtime spec (config-linux.md "Seccomp").

extension OCIRuntimeSpec {
    /// A seccomp filter (`linux.seccomp`).
    public struct Seccomp: Codable, Sendable, Hashable {
        /// Action for unmatched syscalls, e.g. `SCMP_ACT_ERRNO` (`defaultAction`).
        public var defaultAction: String
        /// errno for `SCMP_ACT_ERRNO`/`SCMP_ACT_TRACE` defaults (`defaultErrnoRet`).
        public var defaultErrnoRet: UInt?
        /// Architectures the filter covers, e.g. `SCMP_ARCH_X86_64` (`architectures`).
        public var architectures: [String]?
        /// seccomp(2) flags, e.g. `SECCOMP_FILTER_FLAG_LOG` (`flags`).
        public var flags: [String]?
        /// Seccomp agent socket (`listenerPath`).
        public var listenerPath: String?
        /// Opaque data for the agent (`listenerMetadata`).
        public var listenerMetadata: String?
        /// Rules, first match wins per syscall (`syscalls`).
        public var syscalls: [Syscall]?

        /// Creates a filter.
        public init(
            defaultAction: String, defaultErrnoRet: UInt? = nil, architectures: [String]? = nil, flags: [String]? = nil,
            listenerPath: String? = nil, listenerMetadata: String? = nil, syscalls: [Syscall]? = nil
        ) {
            self.defaultAction = defaultAction
            self.defaultErrnoRet = defaultErrnoRet
            self.architectures = architectures
            self.flags = flags
            self.listenerPath = listenerPath
            self.listenerMetadata = listenerMetadata
            self.syscalls = syscalls
        }
    }

    /// A rule for a set of syscall names (`seccomp.syscalls[]`).
    public struct Syscall: Codable, Sendable, Hashable {
        /// Syscall names (`names`).
        public var names: [String]
        /// Action, e.g. `SCMP_ACT_ALLOW` (`action`).
        public var action: String
        /// errno for `SCMP_ACT_ERRNO` (`errnoRet`).
        public var errnoRet: UInt?
        /// Argument conditions, all of which must hold (`args`).
        public var args: [SyscallArg]?

        /// Creates a rule.
        public init(names: [String], action: String, errnoRet: UInt? = nil, args: [SyscallArg]? = nil) {
            self.names = names
            self.action = action
            self.errnoRet = errnoRet
            self.args = args
        }
    }

    /// A condition on one syscall argument (`syscalls[].args[]`).
    public struct SyscallArg: Codable, Sendable, Hashable {
        /// Argument index, 0–5 (`index`).
        public var index: UInt
        /// Value compared against (`value`).
        public var value: UInt64
        /// Second value, for `SCMP_CMP_MASKED_EQ` (`valueTwo`).
        public var valueTwo: UInt64?
        /// Comparison, e.g. `SCMP_CMP_EQ` (`op`).
        public var op: String

        /// Creates a condition.
        public init(index: UInt, value: UInt64, valueTwo: UInt64? = nil, op: String) {
            self.index = index
            self.value = value
            self.valueTwo = valueTwo
            self.op = op
        }
    }
}
