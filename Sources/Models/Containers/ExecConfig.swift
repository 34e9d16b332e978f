// SPDX-License-Identifier: Apache-2.0
// The bodies of `POST /containers/{id}/exec` (spec `ExecConfig`) and `POST /exec/{id}/start` (spec `ExecStartConfig`).

/// A command to run in a running container.
public struct ExecConfig: Codable, Sendable, Equatable {
    /// Attach standard input.
    public var attachStdin: Bool
    /// Attach standard output.
    public var attachStdout: Bool
    /// Attach standard error.
    public var attachStderr: Bool
    /// Initial TTY size, `[height, width]`; omitted when nil.
    public var consoleSize: [Int]?
    /// Detach key sequence, e.g. `ctrl-p,ctrl-q`; empty means the default.
    public var detachKeys: String
    /// Allocate a pseudo-terminal.
    public var tty: Bool
    /// Extra environment, `["A=1", …]`; `null` when nil.
    public var env: [String]?
    /// Command argv; `null` when nil.
    public var cmd: [String]?
    /// Run with extended privileges.
    public var privileged: Bool
    /// `user[:group]`; empty means the container's user.
    public var user: String
    /// Working directory; empty means the container's.
    public var workingDir: String

    /// Creates a value; every field defaults to its zero value or nil.
    public init(
        attachStdin: Bool = false,
        attachStdout: Bool = false,
        attachStderr: Bool = false,
        consoleSize: [Int]? = nil,
        detachKeys: String = "",
        tty: Bool = false,
        env: [String]? = nil,
        cmd: [String]? = nil,
        privileged: Bool = false,
        user: String = "",
        workingDir: String = ""
    ) {
        self.attachStdin = attachStdin
        self.attachStdout = attachStdout
        self.attachStderr = attachStderr
        self.consoleSize = consoleSize
        self.detachKeys = detachKeys
        self.tty = tty
        self.env = env
        self.cmd = cmd
        self.privileged = privileged
        self.user = user
        self.workingDir = workingDir
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attachStdin = try container.decodeIfPresent(Bool.self, forKey: .attachStdin) ?? false
        attachStdout = try container.decodeIfPresent(Bool.self, forKey: .attachStdout) ?? false
        attachStderr = try container.decodeIfPresent(Bool.self, forKey: .attachStderr) ?? false
        consoleSize = try container.decodeIfPresent([Int].self, forKey: .consoleSize)
        detachKeys = try container.decodeIfPresent(String.self, forKey: .detachKeys) ?? ""
        tty = try container.decodeIfPresent(Bool.self, forKey: .tty) ?? false
        env = try container.decodeIfPresent([String].self, forKey: .env)
        cmd = try container.decodeStringSlice(forKey: .cmd)
        privileged = try container.decodeIfPresent(Bool.self, forKey: .privileged) ?? false
        user = try container.decodeIfPresent(String.self, forKey: .user) ?? ""
        workingDir = try container.decodeIfPresent(String.self, forKey: .workingDir) ?? ""
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attachStdin, forKey: .attachStdin)
        try container.encode(attachStdout, forKey: .attachStdout)
        try container.encode(attachStderr, forKey: .attachStderr)
        try container.encodeIfPresent(consoleSize, forKey: .consoleSize)
        try container.encode(detachKeys, forKey: .detachKeys)
        try container.encode(tty, forKey: .tty)
        try container.encode(env, forKey: .env)
        try container.encode(cmd, forKey: .cmd)
        try container.encode(privileged, forKey: .privileged)
        try container.encode(user, forKey: .user)
        try container.encode(workingDir, forKey: .workingDir)
    }

    enum CodingKeys: String, CodingKey {
        case attachStdin = "AttachStdin"
        case attachStdout = "AttachStdout"
        case attachStderr = "AttachStderr"
        case consoleSize = "ConsoleSize"
        case detachKeys = "DetachKeys"
        case tty = "Tty"
        case env = "Env"
        case cmd = "Cmd"
        case privileged = "Privileged"
        case user = "User"
        case workingDir = "WorkingDir"
    }
}

/// How to start an exec instance.
public struct ExecStartConfig: Codable, Sendable, Equatable {
    /// Return at once instead of streaming the output.
    public var detach: Bool
    /// Allocate a pseudo-terminal.
    public var tty: Bool
    /// Initial TTY size, `[height, width]`; omitted when nil.
    public var consoleSize: [Int]?

    /// Creates a value; every field defaults to its zero value or nil.
    public init(detach: Bool = false, tty: Bool = false, consoleSize: [Int]? = nil) {
        self.detach = detach
        self.tty = tty
        self.consoleSize = consoleSize
    }

    /// Decodes, taking absent keys and `null` as the zero value as Go does.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        detach = try container.decodeIfPresent(Bool.self, forKey: .detach) ?? false
        tty = try container.decodeIfPresent(Bool.self, forKey: .tty) ?? false
        consoleSize = try container.decodeIfPresent([Int].self, forKey: .consoleSize)
    }

    /// Encodes as dockerd does: `omitempty` fields only when set, the others always (`null` when nil).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(detach, forKey: .detach)
        try container.encode(tty, forKey: .tty)
        try container.encodeIfPresent(consoleSize, forKey: .consoleSize)
    }

    enum CodingKeys: String, CodingKey {
        case detach = "Detach"
        case tty = "Tty"
        case consoleSize = "ConsoleSize"
    }
}
