// SPDX-License-Identifier: Apache-2.0
// A program run on a real pseudo-terminal, as a person at a terminal runs `docker run -it`: it is a
// session leader whose controlling terminal is the pty slave, so a window-size change reaches it as
// SIGWINCH from the kernel. The test types into the master and reads what the program shows.

import CShims
import Foundation
import Platform
import Synchronization

/// One program on its own pty.
final class PtyProcess: Sendable {
    /// The process id.
    let pid: pid_t
    private let master: FileDescriptor
    private let screen = ScreenBuffer()
    private let exit = Mutex<ExitStatus?>(nil)
    private let reader: Task<Void, Never>

    /// Starts `executable` with `arguments` on a new pty of `rows` × `columns`; the environment is this
    /// process's without `DOCKER_*`, plus `environment`.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], rows: UInt16 = 24, columns: UInt16 = 80)
        throws
    {
        let (master, slavePath) = try PseudoTerminal.open()
        try PseudoTerminal.setWindowSize(master, rows: rows, cols: columns)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (glibc runs the session step before file actions) and without O_NOCTTY,
        // the slave becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = SpawnSetup.environment(environment)
        defer { for pointer in argv + envp { free(pointer) } }
        var pid = pid_t()
        let rc = SpawnSetup.withAttributes(flags: cshim_spawn_setsid_flag()) { posix_spawn(&pid, executable, &actions, &$0, argv, envp) }
        guard rc == 0 else { throw TestFailure("cannot start \(executable): \(String(cString: strerror(rc)))") }
        self.pid = pid
        self.master = master
        let screen = self.screen
        _ = fcntl(master.rawValue, F_SETFL, fcntl(master.rawValue, F_GETFL) | O_NONBLOCK)
        // Keep draining the master (a full pty buffer would block the program); the task holds the
        // descriptor, so it closes only after the last read.
        reader = Task.detached {
            let fd = master.rawValue
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !Task.isCancelled {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    screen.bytes.withLock { $0 += buffer[..<count] }
                } else if count < 0 && (errno == EAGAIN || errno == EINTR) {
                    try? await Task.sleep(for: .milliseconds(5))
                } else {
                    return  // EIO: every slave descriptor is closed
                }
            }
        }
    }

    deinit {
        reader.cancel()
        if poll() == nil { kill(pid, SIGKILL) }
    }

    /// Everything the program wrote so far, with `\r\n` as `\n`.
    var output: String {
        String(decoding: screen.bytes.withLock { $0 }, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Types `text` (raw bytes: "\u{10}" is ctrl-p).
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(master.rawValue, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw TestFailure("write to pty: \(String(cString: strerror(errno)))") }
    }

    /// Waits until the output matches the regular expression `pattern`; throws with the screen after `timeout`.
    func expect(_ pattern: String, timeout: Double = 20) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while output.range(of: pattern, options: .regularExpression) == nil {
            guard Date() < deadline else { throw TestFailure("pty: no /\(pattern)/ within \(timeout) s; screen:\n\(output)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for busybox sh's `/ # ` prompt, then a moment for the cursor query it sends after it
    /// (`ESC[6n`, which no terminal here answers) to time out.
    func expectPrompt() async throws {
        try await expect("/ # ")
        try await Task.sleep(for: .milliseconds(200))
    }

    /// Changes the window size: the kernel sends SIGWINCH to the terminal's foreground process group.
    func resize(rows: UInt16, columns: UInt16) throws {
        try PseudoTerminal.setWindowSize(master, rows: rows, cols: columns)
    }

    /// The exit status once the program ended (reaps it), else nil.
    private func poll() -> ExitStatus? {
        exit.withLock { known in
            if let known { return known }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let signal = status & 0x7f
            known = signal == 0 ? ExitStatus(code: (status >> 8) & 0xff, signaled: false) : ExitStatus(code: signal, signaled: true)
            return known
        }
    }

    /// Waits for the exit; throws with the screen when the program still runs after `timeout`.
    func wait(timeout: Double = 30) async throws -> ExitStatus {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let status = poll() {
                // Let the reader take the last bytes.
                try await Task.sleep(for: .milliseconds(50))
                return status
            }
            guard Date() < deadline else {
                kill(pid, SIGKILL)
                throw TestFailure("pty: program still running after \(timeout) s; screen:\n\(output)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// What a pty program wrote, shared with the task that reads it.
private final class ScreenBuffer: Sendable {
    let bytes = Mutex<[UInt8]>([])
}

extension DockerCLI {
    /// Starts `docker <arguments>` on a pty of `rows` × `columns`.
    func onTerminal(_ arguments: [String], rows: UInt16 = 24, columns: UInt16 = 80) throws -> PtyProcess {
        var environment = ["DOCKER_CONFIG": configDirectory, "DOCKER_CLI_HINTS": "false", "TERM": "xterm"]
        if let host { environment["DOCKER_HOST"] = host }
        return try PtyProcess(try Env.tool("docker"), arguments, environment: environment, rows: rows, columns: columns)
    }
}
