// SPDX-License-Identifier: Apache-2.0
// The contract between berthd and berth-shim: the shim's command line, its ready line, the one-line
// requests and replies on its unix socket, the attach frames and the exit record. Plain text lines, so
// the shim needs no JSON library and stays small. Shared by both sides; depends on nothing.
//
// Life of a container shim (the exec shim is the same with `--exec`):
//  1. berthd spawns `berth-shim <ShimArguments>` in a new session, stdio on /dev/null, fd 3 the write end
//     of a pipe. The shim becomes a child subreaper, listens on `<state-dir>/shim.sock`, runs the
//     runtime's `create` (container mode; exec mode does nothing yet) and writes one `ShimReady` line to
//     fd 3, then closes it. On `error` it exits.
//  2. berthd connects the attach clients that were waiting (`attach` requests), then sends `start`: the
//     shim runs the runtime's `start` (or `exec --detach`) and replies `started <pid>`.
//  3. Output is written to the log (container mode) and to every attached client as stdcopy frames;
//     a client's half-close ends the container's stdin when `--stdin-once` was given.
//  4. When the process exits the shim reaps it, drains the output, writes `<state-dir>/exit` (an
//     `exited` reply line, written to a temp name and renamed), runs the runtime's `delete` (container
//     mode), answers every `wait`, closes the attach clients and exits.
//  If berthd dies meanwhile nothing changes for the container; a restarted berthd reconnects to
//  shim.sock, or reads the exit file when the shim is gone.

/// One request: the first line of a connection to `shim.sock`, ending in "\n".
public enum ShimRequest: Equatable, Sendable {
    /// `start`: run the runtime's start (or exec); replied `started <pid>` or `error …`.
    case start
    /// `attach <stdin> <stdout> <stderr>` (each 0 or 1): replied `ok`, then the connection carries
    /// stdcopy frames from the shim and raw stdin bytes to it.
    case attach(stdin: Bool, stdout: Bool, stderr: Bool)
    /// `resize <rows> <columns>`: sets the pty size; replied `ok` (or `error` without a tty).
    case resize(rows: UInt16, columns: UInt16)
    /// `wait`: replied `exited …` once the process has exited (at once if it already has).
    case wait
    /// `status`: replied `created`, `running <pid>` or `exited …`.
    case status
    /// `signal <n>`: sends signal n to the process (safe from pid reuse: the shim has not reaped it);
    /// replied `ok`, or `error …` when it is not running.
    case signal(Int32)

    /// The request as a line, without the trailing newline.
    public var line: String {
        switch self {
        case .start: return "start"
        case .attach(let stdin, let stdout, let stderr): return "attach \(stdin ? 1 : 0) \(stdout ? 1 : 0) \(stderr ? 1 : 0)"
        case .resize(let rows, let columns): return "resize \(rows) \(columns)"
        case .wait: return "wait"
        case .status: return "status"
        case .signal(let number): return "signal \(number)"
        }
    }

    /// Parses a line (without its newline); nil when malformed.
    public init?(line: Substring) {
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        switch (words.first ?? "", words.count) {
        case ("start", 1): self = .start
        case ("wait", 1): self = .wait
        case ("status", 1): self = .status
        case ("attach", 4):
            let flags = words.dropFirst().map { $0 == "1" ? true : ($0 == "0" ? false : nil) }
            guard let stdin = flags[0], let stdout = flags[1], let stderr = flags[2] else { return nil }
            self = .attach(stdin: stdin, stdout: stdout, stderr: stderr)
        case ("resize", 3):
            guard let rows = UInt16(words[1]), let columns = UInt16(words[2]) else { return nil }
            self = .resize(rows: rows, columns: columns)
        case ("signal", 2):
            guard let number = Int32(words[1]), number > 0, number < 65 else { return nil }
            self = .signal(number)
        default: return nil
        }
    }
}

/// How a process ended, as the shim saw it.
public struct ShimExit: Equatable, Sendable {
    /// Exit code, or 128 + signal number when a signal killed it.
    public var code: Int32
    /// When the shim reaped it, in nanoseconds since the Unix epoch.
    public var exitedAt: Int64
    /// Whether the kernel's OOM killer ended it (container mode, from the memory cgroup).
    public var oomKilled: Bool

    /// Makes an exit record.
    public init(code: Int32, exitedAt: Int64, oomKilled: Bool = false) {
        self.code = code
        self.exitedAt = exitedAt
        self.oomKilled = oomKilled
    }
}

/// One reply line from the shim (and the content of the ready pipe and the exit file).
public enum ShimReply: Equatable, Sendable {
    /// `ok`.
    case ok
    /// `ready`: the shim listens and the runtime's create succeeded (ready pipe only).
    case ready
    /// `created`: not started yet (status only).
    case created
    /// `started <pid>` (reply to start) — the pid in the host's pid namespace.
    case started(pid: Int32)
    /// `running <pid>` (reply to status).
    case running(pid: Int32)
    /// `exited <code> <nanos> <oom 0|1>`.
    case exited(ShimExit)
    /// `error <message>`: the message is one line of text meant for the user.
    case error(String)

    /// The reply as a line, without the trailing newline.
    public var line: String {
        switch self {
        case .ok: return "ok"
        case .ready: return "ready"
        case .created: return "created"
        case .started(let pid): return "started \(pid)"
        case .running(let pid): return "running \(pid)"
        case .exited(let exit): return "exited \(exit.code) \(exit.exitedAt) \(exit.oomKilled ? 1 : 0)"
        case .error(let message):
            return "error " + String(message.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
        }
    }

    /// Parses a line (without its newline); nil when malformed.
    public init?(line: Substring) {
        if line.hasPrefix("error ") { self = .error(String(line.dropFirst(6))); return }
        let words = line.split(separator: " ")
        switch (words.first ?? "", words.count) {
        case ("ok", 1): self = .ok
        case ("ready", 1): self = .ready
        case ("created", 1): self = .created
        case ("started", 2):
            guard let pid = Int32(words[1]) else { return nil }
            self = .started(pid: pid)
        case ("running", 2):
            guard let pid = Int32(words[1]) else { return nil }
            self = .running(pid: pid)
        case ("exited", 4):
            guard let code = Int32(words[1]), let at = Int64(words[2]), words[3] == "0" || words[3] == "1" else { return nil }
            self = .exited(ShimExit(code: code, exitedAt: at, oomKilled: words[3] == "1"))
        default: return nil
        }
    }
}

/// The attach frame header: Docker's stdcopy header, so berthd can pass frames through unchanged
/// when the container has no tty. Byte 0 is the stream (1 stdout, 2 stderr), bytes 4–7 the payload
/// length, big-endian. With a tty all output arrives as stream 1.
public enum ShimFrame {
    /// Header length in bytes.
    public static let headerSize = 8
    /// Largest payload the shim puts in one frame.
    public static let maxPayload = 32 * 1024

    /// The header for `count` bytes of `stream`.
    public static func header(stream: UInt8, count: Int) -> [UInt8] {
        let size = UInt32(count)
        return [stream, 0, 0, 0, UInt8(size >> 24), UInt8((size >> 16) & 0xff), UInt8((size >> 8) & 0xff), UInt8(size & 0xff)]
    }

    /// Decodes a header: (stream, payload length); nil unless `bytes` holds 8 bytes with a known stream.
    public static func parse<C: Collection>(_ bytes: C) -> (stream: UInt8, count: Int)? where C.Element == UInt8 {
        guard bytes.count >= headerSize else { return nil }
        let b = Array(bytes.prefix(headerSize))
        guard b[0] <= 2 else { return nil }
        let count = Int(b[4]) << 24 | Int(b[5]) << 16 | Int(b[6]) << 8 | Int(b[7])
        return (b[0], count)
    }
}

/// The shim's command line. berthd builds it with `arguments`; the shim reads it with `init(arguments:)`.
public struct ShimArguments: Equatable, Sendable {
    /// Container ID (the runtime's container name).
    public var id: String
    /// OCI bundle directory (config.json; rootfs already mounted).
    public var bundle: String
    /// Directory for shim.sock, the exit file, console.sock and the runtime's pid file.
    public var stateDirectory: String
    /// Path of the OCI runtime binary (runc or crun).
    public var runtime: String
    /// The runtime's `--root` state directory.
    public var runtimeRoot: String
    /// The process has a pty (`-t`).
    public var tty: Bool = false
    /// The process's stdin is kept open for attach clients (`-i`); otherwise it is /dev/null.
    public var openStdin: Bool = false
    /// The process's stdin closes when the first attached client half-closes (`StdinOnce`).
    public var stdinOnce: Bool = false
    /// `json-file` or `none` (container mode); exec mode never logs.
    public var logDriver: String = "json-file"
    /// The log file (json-file).
    public var logPath: String?
    /// Rotate when the log reaches this many bytes; nil never rotates.
    public var logMaxSize: Int64?
    /// How many files to keep when rotating (the live one included); dockerd's default is 1.
    public var logMaxFiles: Int = 1
    /// Exec mode: the exec ID; the process comes from `processPath` and is started with `exec --detach`.
    public var execID: String?
    /// Exec mode: the OCI process JSON file.
    public var processPath: String?

    /// Makes arguments with the required fields.
    public init(id: String, bundle: String, stateDirectory: String, runtime: String, runtimeRoot: String) {
        self.id = id
        self.bundle = bundle
        self.stateDirectory = stateDirectory
        self.runtime = runtime
        self.runtimeRoot = runtimeRoot
    }

    /// The argument vector (without argv[0]).
    public var arguments: [String] {
        var list = ["--id", id, "--bundle", bundle, "--state-dir", stateDirectory, "--runtime", runtime, "--runtime-root", runtimeRoot]
        if tty { list.append("--tty") }
        if openStdin { list.append("--stdin") }
        if stdinOnce { list.append("--stdin-once") }
        list += ["--log-driver", logDriver]
        if let logPath { list += ["--log-path", logPath] }
        if let logMaxSize { list += ["--log-max-size", String(logMaxSize)] }
        list += ["--log-max-file", String(logMaxFiles)]
        if let execID { list += ["--exec", execID] }
        if let processPath { list += ["--process", processPath] }
        return list
    }

    /// Parses an argument vector (without argv[0]); the error names the bad or missing option.
    public init(arguments: [String]) throws(ShimArgumentError) {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var index = 0
        let valued: Set<String> = [
            "--id", "--bundle", "--state-dir", "--runtime", "--runtime-root", "--log-driver", "--log-path", "--log-max-size",
            "--log-max-file", "--exec", "--process",
        ]
        while index < arguments.count {
            let name = arguments[index]
            if ["--tty", "--stdin", "--stdin-once"].contains(name) {
                flags.insert(name)
            } else if valued.contains(name), index + 1 < arguments.count {
                values[name] = arguments[index + 1]
                index += 1
            } else {
                throw ShimArgumentError(message: "unknown or incomplete option \(name)")
            }
            index += 1
        }
        func required(_ name: String) throws(ShimArgumentError) -> String {
            guard let value = values[name], !value.isEmpty else { throw ShimArgumentError(message: "missing \(name)") }
            return value
        }
        self.init(
            id: try required("--id"), bundle: try required("--bundle"), stateDirectory: try required("--state-dir"),
            runtime: try required("--runtime"), runtimeRoot: try required("--runtime-root"))
        tty = flags.contains("--tty")
        openStdin = flags.contains("--stdin")
        stdinOnce = flags.contains("--stdin-once")
        logDriver = values["--log-driver"] ?? "json-file"
        logPath = values["--log-path"]
        if let size = values["--log-max-size"] {
            guard let bytes = Int64(size), bytes > 0 else { throw ShimArgumentError(message: "bad --log-max-size \(size)") }
            logMaxSize = bytes
        }
        if let files = values["--log-max-file"] {
            guard let count = Int(files), count >= 1 else { throw ShimArgumentError(message: "bad --log-max-file \(files)") }
            logMaxFiles = count
        }
        execID = values["--exec"]
        processPath = values["--process"]
        if execID != nil && processPath == nil { throw ShimArgumentError(message: "--exec needs --process") }
        if logDriver == "json-file" && execID == nil && logPath == nil { throw ShimArgumentError(message: "json-file needs --log-path") }
    }
}

/// A bad shim command line.
public struct ShimArgumentError: Error, Equatable, Sendable {
    /// What is wrong.
    public var message: String
}

/// File names inside the shim's state directory.
public enum ShimFiles {
    /// The request socket.
    public static let socket = "shim.sock"
    /// The exit record (one `exited` line).
    public static let exit = "exit"
    /// The shim's own pid.
    public static let shimPid = "shim.pid"
    /// The process pid the runtime wrote.
    public static let pid = "pid"
    /// The console socket the runtime sends the pty master to.
    public static let console = "console.sock"
}
