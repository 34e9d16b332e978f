// SPDX-License-Identifier: Apache-2.0
// `GET /exec/{id}/json` (spec `ExecInspectResponse`; moby `container.ExecInspect`).

/// The state of one exec instance.
public struct ExecInspect: Codable, Sendable, Equatable {
    /// The process of an exec instance (spec `ProcessConfig`), with lower-case keys.
    public struct ProcessConfig: Codable, Sendable, Equatable {
        /// Extended privileges; omitted when nil.
        public var privileged: Bool?
        /// User; omitted when nil.
        public var user: String?
        /// A pseudo-terminal is allocated.
        public var tty: Bool
        /// The executable (first argument of `Cmd`).
        public var entrypoint: String
        /// The remaining arguments.
        public var arguments: [String]

        /// Creates a value; every field defaults to its zero value or nil.
        public init(privileged: Bool? = nil, user: String? = nil, tty: Bool = false, entrypoint: String = "", arguments: [String] = []) {
            self.privileged = privileged
            self.user = user
            self.tty = tty
            self.entrypoint = entrypoint
            self.arguments = arguments
        }

        /// Decodes, taking absent keys and `null` as the zero value as Go does.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            privileged = try container.decodeIfPresent(Bool.self, forKey: .privileged)
            user = try container.decodeIfPresent(String.self, forKey: .user)
            tty = try container.decodeIfPresent(Bool.self, forKey: .tty) ?? false
            entrypoint = try container.decodeIfPresent(String.self, forKey: .entrypoint) ?? ""
            arguments = try container.decodeIfPresent([String].self, forKey: .arguments) ?? []
        }

        /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(privileged, forKey: .privileged)
            try container.encodeIfPresent(user, forKey: .user)
            try container.encode(tty, forKey: .tty)
            try container.encode(entrypoint, forKey: .entrypoint)
            try container.encode(arguments, forKey: .arguments)
        }

        enum CodingKeys: String, CodingKey {
            case privileged
            case user
            case tty
            case entrypoint
            case arguments
        }
    }

    /// Always false (kept for compatibility).
    public var canRemove: Bool
    /// Detach key sequence.
    public var detachKeys: String
    /// Exec ID.
    public var id: String
    /// True while the process runs.
    public var running: Bool
    /// Exit code; `null` until the process has exited.
    public var exitCode: Int?
    /// The process run.
    public var processConfig: ProcessConfig
    /// Standard input is attached.
    public var openStdin: Bool
    /// Standard error is attached.
    public var openStderr: Bool
    /// Standard output is attached.
    public var openStdout: Bool
    /// ID of the container.
    public var containerID: String
    /// Process ID on the host, 0 when not running.
    public var pid: Int

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        canRemove: Bool = false,
        detachKeys: String = "",
        id: String = "",
        running: Bool = false,
        exitCode: Int? = nil,
        processConfig: ProcessConfig = ProcessConfig(),
        openStdin: Bool = false,
        openStderr: Bool = false,
        openStdout: Bool = false,
        containerID: String = "",
        pid: Int = 0
    ) {
        self.canRemove = canRemove
        self.detachKeys = detachKeys
        self.id = id
        self.running = running
        self.exitCode = exitCode
        self.processConfig = processConfig
        self.openStdin = openStdin
        self.openStderr = openStderr
        self.openStdout = openStdout
        self.containerID = containerID
        self.pid = pid
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        canRemove = try container.decodeIfPresent(Bool.self, forKey: .canRemove) ?? false
        detachKeys = try container.decodeIfPresent(String.self, forKey: .detachKeys) ?? ""
        id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
        running = try container.decodeIfPresent(Bool.self, forKey: .running) ?? false
        exitCode = try container.decodeIfPresent(Int.self, forKey: .exitCode)
        processConfig = try container.decodeIfPresent(ProcessConfig.self, forKey: .processConfig) ?? ProcessConfig()
        openStdin = try container.decodeIfPresent(Bool.self, forKey: .openStdin) ?? false
        openStderr = try container.decodeIfPresent(Bool.self, forKey: .openStderr) ?? false
        openStdout = try container.decodeIfPresent(Bool.self, forKey: .openStdout) ?? false
        containerID = try container.decodeIfPresent(String.self, forKey: .containerID) ?? ""
        pid = try container.decodeIfPresent(Int.self, forKey: .pid) ?? 0
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(canRemove, forKey: .canRemove)
        try container.encode(detachKeys, forKey: .detachKeys)
        try container.encode(id, forKey: .id)
        try container.encode(running, forKey: .running)
        try container.encode(exitCode, forKey: .exitCode)
        try container.encode(processConfig, forKey: .processConfig)
        try container.encode(openStdin, forKey: .openStdin)
        try container.encode(openStderr, forKey: .openStderr)
        try container.encode(openStdout, forKey: .openStdout)
        try container.encode(containerID, forKey: .containerID)
        try container.encode(pid, forKey: .pid)
    }

    enum CodingKeys: String, CodingKey {
        case canRemove = "CanRemove"
        case detachKeys = "DetachKeys"
        case id = "ID"
        case running = "Running"
        case exitCode = "ExitCode"
        case processConfig = "ProcessConfig"
        case openStdin = "OpenStdin"
        case openStderr = "OpenStderr"
        case openStdout = "OpenStdout"
        case containerID = "ContainerID"
        case pid = "Pid"
    }
}
