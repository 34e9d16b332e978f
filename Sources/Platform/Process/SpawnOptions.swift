// SPDX-License-Identifier: Apache-2.0
// What a spawned child gets: environment, working directory, session and descriptor layout.

/// Where one of the child's standard descriptors comes from.
public enum SpawnDescriptor: Sendable {
    /// `/dev/null` (opened read-only for stdin, write-only for stdout/stderr).
    case null
    /// This descriptor, duplicated at the standard number in the child.
    case descriptor(FileDescriptor)
}

/// How `Spawner.spawn` sets up the child process.
public struct SpawnOptions: Sendable {
    /// `KEY=value` entries; nil means the current process environment.
    public var environment: [String]?
    /// The child's working directory; nil keeps the parent's.
    public var workingDirectory: String?
    /// Starts the child in a new session (POSIX_SPAWN_SETSID), detached from our terminal and group.
    public var newSession: Bool
    /// The child's fd 0.
    public var standardInput: SpawnDescriptor
    /// The child's fd 1.
    public var standardOutput: SpawnDescriptor
    /// The child's fd 2.
    public var standardError: SpawnDescriptor
    /// Extra descriptors, appearing in the child as 3, 4, … in this order; every other fd is closed.
    public var extraDescriptors: [FileDescriptor]

    /// Options with stdio on /dev/null, the current environment and no extra descriptors.
    public init(
        environment: [String]? = nil,
        workingDirectory: String? = nil,
        newSession: Bool = false,
        standardInput: SpawnDescriptor = .null,
        standardOutput: SpawnDescriptor = .null,
        standardError: SpawnDescriptor = .null,
        extraDescriptors: [FileDescriptor] = []
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.newSession = newSession
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.extraDescriptors = extraDescriptors
    }
}
