// SPDX-License-Identifier: Apache-2.0
// Runs the OCI runtime (runc/crun) with posix_spawn and waits for it: create, start, exec, delete.
// Blocking waits are fine here: the shim has one job, and the runtime returns in milliseconds.

import CShimSupport
import Glibc
import ShimProtocol

/// The runtime's command lines and the error text it leaves behind.
struct RuntimeCommand {
    /// The shim's arguments (runtime path, root, state directory).
    let arguments: ShimArguments

    /// `<state-dir>/runtime.log`.
    var logPath: String { arguments.stateDirectory + "/runtime.log" }

    /// Global options every verb gets: the state root and the JSON log.
    var globalOptions: [String] { ["--root", arguments.runtimeRoot, "--log", logPath, "--log-format", "json"] }

    /// Runs the runtime with `verb` arguments and the given stdio; nil on success, else the runtime's own error text.
    func run(_ verb: [String], stdin: Int32 = -1, stdout: Int32 = -1, stderr: Int32 = -1) -> String? {
        let logStart = SystemCalls.fileSize(logPath)
        // Our own pipe for the runtime's stderr unless the caller wires it: the fallback error text.
        let errorPipe = stderr < 0 ? SystemCalls.pipe() : nil
        defer {
            if let errorPipe { close(errorPipe.read) }
        }
        let errorTarget = errorPipe?.write ?? stderr
        if let errorPipe { SystemCalls.setNonBlocking(errorPipe.read) }
        let spawned = Spawn.run(arguments.runtime, globalOptions + verb, stdio: [stdin, stdout, errorTarget])
        if let errorPipe { close(errorPipe.write) }
        guard case .success(let pid) = spawned else {
            if case .failure(let code) = spawned { return "\(arguments.runtime): \(SystemCalls.describe(code))" }
            return nil
        }
        let status = Spawn.wait(pid)
        if status == 0 { return nil }
        if let message = RuntimeLog.lastErrorMessage(SystemCalls.readFile(logPath, from: logStart) ?? []), !message.isEmpty {
            return message
        }
        let errorText = errorPipe.map { SystemCalls.readAll($0.read) } ?? []
        let trimmed = String(decoding: errorText, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return trimmed.isEmpty ? "\(verb.first ?? "runtime") failed with exit status \(status)" : trimmed
    }

    /// Reads the process pid the runtime wrote; 0 when missing.
    func readPid() -> Int32 {
        let text = SystemCalls.readFile(arguments.stateDirectory + "/" + ShimFiles.pid) ?? []
        return Int32(String(decoding: text, as: UTF8.self).split(separator: "\n").first ?? "") ?? 0
    }
}

/// posix_spawn with an explicit stdio layout and every other descriptor closed.
enum Spawn {
    /// Outcome of a spawn: the pid, or the errno posix_spawn returned.
    enum Outcome {
        case success(pid_t)
        case failure(Int32)
    }

    /// Spawns `path` with `arguments`; `stdio[i]` < 0 means /dev/null at fd i.
    static func run(_ path: String, _ arguments: [String], stdio: [Int32]) -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Stage the sources above 2 first so a source already at 0–2 is not clobbered by another dup2.
        for (index, fd) in stdio.enumerated() where fd >= 0 {
            posix_spawn_file_actions_adddup2(&actions, fd, Int32(100 + index))
        }
        for (index, fd) in stdio.enumerated() {
            if fd >= 0 {
                posix_spawn_file_actions_adddup2(&actions, Int32(100 + index), Int32(index))
            } else {
                posix_spawn_file_actions_addopen(&actions, Int32(index), "/dev/null", index == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        shim_spawn_addclosefrom(&actions, 3)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children get default dispositions (we ignore SIGPIPE/SIGHUP) and an empty mask (we block SIGCHLD).
        var all = sigset_t()
        sigfillset(&all)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = argv.withUnsafeMutableBufferPointer { args -> Int32 in
            guard let base = args.baseAddress else { return EINVAL }
            return posix_spawn(&pid, path, &actions, &attributes, base, shim_environ())
        }
        return rc == 0 ? .success(pid) : .failure(rc)
    }

    /// Waits for `pid` (blocking) and returns its Docker-style exit code.
    static func wait(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return shim_exit_code(status)
    }
}
