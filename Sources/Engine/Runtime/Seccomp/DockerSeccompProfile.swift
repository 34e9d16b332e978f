// SPDX-License-Identifier: Apache-2.0
// A Docker seccomp profile file, before it is narrowed to one container (moby profiles/seccomp/seccomp.go types).

import FoundationEssentials
import Models

/// A Docker seccomp profile (`--security-opt seccomp=<file>` or the default): OCI fields plus `archMap`,
/// and per-rule `includes`/`excludes` filters the engine resolves against the container's capabilities.
public struct DockerSeccompProfile: Codable, Sendable, Hashable {
    /// Action for unmatched syscalls (`defaultAction`).
    public var defaultAction: String?
    /// errno for the default action (`defaultErrnoRet`).
    public var defaultErrnoRet: UInt?
    /// Fixed architectures; exclusive with `archMap` (`architectures`).
    public var architectures: [String]?
    /// Native architecture → its sub-architectures (`archMap`).
    public var archMap: [ArchitectureMap]?
    /// seccomp(2) flags (`flags`).
    public var flags: [String]?
    /// Seccomp agent socket (`listenerPath`).
    public var listenerPath: String?
    /// Opaque data for the agent (`listenerMetadata`).
    public var listenerMetadata: String?
    /// Rules before filtering (`syscalls`).
    public var syscalls: [Rule]?

    /// Creates a profile.
    public init(
        defaultAction: String? = nil, defaultErrnoRet: UInt? = nil, architectures: [String]? = nil,
        archMap: [ArchitectureMap]? = nil, flags: [String]? = nil, listenerPath: String? = nil,
        listenerMetadata: String? = nil, syscalls: [Rule]? = nil
    ) {
        self.defaultAction = defaultAction
        self.defaultErrnoRet = defaultErrnoRet
        self.architectures = architectures
        self.archMap = archMap
        self.flags = flags
        self.listenerPath = listenerPath
        self.listenerMetadata = listenerMetadata
        self.syscalls = syscalls
    }

    /// An architecture and the sub-architectures that come with it (`archMap[]`).
    public struct ArchitectureMap: Codable, Sendable, Hashable {
        /// e.g. `SCMP_ARCH_X86_64` (`architecture`).
        public var architecture: String
        /// e.g. `SCMP_ARCH_X86`, `SCMP_ARCH_X32` (`subArchitectures`).
        public var subArchitectures: [String]?

        /// Creates an entry.
        public init(architecture: String, subArchitectures: [String]? = nil) {
            self.architecture = architecture
            self.subArchitectures = subArchitectures
        }
    }

    /// One rule with its conditions (`syscalls[]`).
    public struct Rule: Codable, Sendable, Hashable {
        /// Syscall names (`names`).
        public var names: [String]?
        /// Deprecated single name; exclusive with `names` (`name`).
        public var name: String?
        /// Action, e.g. `SCMP_ACT_ALLOW` (`action`).
        public var action: String
        /// errno for `SCMP_ACT_ERRNO` (`errnoRet`).
        public var errnoRet: UInt?
        /// Argument conditions (`args`).
        public var args: [OCIRuntimeSpec.SyscallArg]?
        /// Conditions that must all hold (`includes`).
        public var includes: Filter?
        /// Conditions of which none may hold (`excludes`).
        public var excludes: Filter?
        /// Free text (`comment`).
        public var comment: String?

        /// Creates a rule.
        public init(
            names: [String]? = nil, name: String? = nil, action: String, errnoRet: UInt? = nil,
            args: [OCIRuntimeSpec.SyscallArg]? = nil, includes: Filter? = nil, excludes: Filter? = nil, comment: String? = nil
        ) {
            self.names = names
            self.name = name
            self.action = action
            self.errnoRet = errnoRet
            self.args = args
            self.includes = includes
            self.excludes = excludes
            self.comment = comment
        }
    }

    /// A condition on capabilities, architecture and kernel version (`includes`, `excludes`).
    public struct Filter: Codable, Sendable, Hashable {
        /// Capabilities as `CAP_SYS_ADMIN` (`caps`).
        public var caps: [String]?
        /// Go architecture names, e.g. `amd64`, `s390x` (`arches`).
        public var arches: [String]?
        /// Kernel version `major.minor` (`minKernel`).
        public var minKernel: String?

        /// Creates a filter.
        public init(caps: [String]? = nil, arches: [String]? = nil, minKernel: String? = nil) {
            self.caps = caps
            self.arches = arches
            self.minKernel = minKernel
        }
    }

    /// Decodes a profile; a malformed file is `invalidParameter` with moby's wording.
    public static func decode(_ data: Data) throws(EngineError) -> DockerSeccompProfile {
        do {
            return try JSONDecoder().decode(DockerSeccompProfile.self, from: data)
        } catch {
            throw .invalidParameter("Decoding seccomp profile failed: \(error)")
        }
    }

    /// Docker's default profile, decoded from `DefaultSeccompProfile.json` once (it was ~5% of berthd's
    /// CPU per container start when decoded every time).
    public static func makeDefault() throws(EngineError) -> DockerSeccompProfile {
        try decodedDefault.get()
    }

    private static let decodedDefault: Result<DockerSeccompProfile, EngineError> = Result { () throws(EngineError) in
        try decode(Data(DefaultSeccompProfile.json.utf8))
    }
}
