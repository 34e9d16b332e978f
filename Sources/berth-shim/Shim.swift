// SPDX-License-Identifier: Apache-2.0
// The shim's state: the process, its stdio, the log, the clients. The loop is in Shim+Loop.swift,
// requests in Shim+Requests.swift, output in Shim+Output.swift, the end in Shim+Exit.swift.

import CShimSupport
import Glibc
import ShimProtocol

/// One output source: stdout/stderr pipes, or the pty master (stream 1).
struct OutputSource {
    /// The read end; -1 once it ended.
    var fd: Int32
    /// Stream number for frames (1 stdout, 2 stderr).
    let stream: UInt8
    /// Cuts the bytes into log lines.
    var splitter = LogLineSplitter()
}

/// The monitor of one container process (or one exec process).
final class Shim {
    let arguments: ShimArguments
    let runtime: RuntimeCommand
    /// shim.sock.
    var listener: Int32 = -1
    /// The SIGCHLD signalfd.
    var signals: Int32 = -1
    /// Output sources (the stdout/stderr pipes or the pty master).
    var outputs: [OutputSource] = []
    /// Where stdin bytes go: the stdin pipe, the pty master, or -1.
    var stdinFD: Int32 = -1
    /// The pty master (also in `outputs` and `stdinFD`), for resize.
    var master: Int32 = -1
    /// Stdin bytes not yet taken by the process.
    var stdinBuffer: [UInt8] = []
    /// Close stdin once `stdinBuffer` is written (stdin-once half-close).
    var stdinClosing = false
    var clients: [Client] = []
    var log: LogWriter?
    /// The process pid (from the runtime's pid file); 0 before create/start.
    var pid: Int32 = 0
    var started = false
    var exit: ShimExit?
    /// The memory cgroup's OOM counter file, learned while the process runs.
    var oomFile: (path: String, isV2: Bool)?
    /// After exit, stop waiting for output at this monotonic time (a leftover process may hold a pipe).
    var drainDeadline: Int64 = 0
    /// When the loop last handled an event (monotonic ms), and whether memory was given back since:
    /// output bursts page in log/frame code; after a quiet spell those pages are released again.
    var lastActivity: Int64 = 0
    var idleReleased = true
    /// Quiet time before releasing pages again.
    static let idleReleaseMilliseconds: Int64 = 3000
    var finished = false
    /// After finishing, give clients until this time to take their last bytes.
    var flushDeadline: Int64 = 0
    /// One read buffer for all output.
    let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: ShimFrame.maxPayload, alignment: 8)

    var isExec: Bool { arguments.execID != nil }
    var statePath: String { arguments.stateDirectory }
    /// console.sock as the runtime should dial it: short whatever the state directory's length.
    static var consoleSocketForRuntime: String { "/proc/\(getpid())/cwd/" + ShimFiles.console }

    init(arguments: ShimArguments) {
        self.arguments = arguments
        runtime = RuntimeCommand(arguments: arguments)
    }

    /// Listens, runs the runtime's create (container mode) and reports on fd 3; nil error = ready.
    func setUp() -> ShimFailure? {
        guard shim_set_subreaper() == 0 else { return ShimFailure("prctl(PR_SET_CHILD_SUBREAPER): " + SystemCalls.describe(errno)) }
        signals = shim_sigchld_fd()
        guard signals >= 0 else { return ShimFailure("signalfd: " + SystemCalls.describe(errno)) }
        _ = SystemCalls.writeFileAtomically(statePath + "/" + ShimFiles.shimPid, "\(getpid())\n")
        // Socket paths are limited to 107 bytes: bind by a name relative to the state directory (the
        // shim is single-threaded, so its cwd is its own), and hand the runtime a /proc path to it.
        guard chdir(statePath) == 0 else { return ShimFailure("chdir \(statePath): " + SystemCalls.describe(errno)) }
        listener = UnixListener.listen(at: ShimFiles.socket)
        guard listener >= 0 else { return ShimFailure("listen \(ShimFiles.socket): " + SystemCalls.describe(errno)) }
        if isExec { return nil }
        if arguments.logDriver == "json-file", let path = arguments.logPath {
            log = LogWriter(path: path, maxSize: arguments.logMaxSize, maxFiles: arguments.logMaxFiles)
            if log == nil { return ShimFailure("open log \(path): " + SystemCalls.describe(errno)) }
        }
        var verb = ["create", "--bundle", arguments.bundle, "--pid-file", statePath + "/" + ShimFiles.pid]
        if arguments.tty { verb += ["--console-socket", Self.consoleSocketForRuntime] }
        return launch(verb + [arguments.id])
    }

    /// Gives back what setting up needed once: freed heap (malloc_trim) and our mappings of startup code.
    func releaseStartupMemory() {
        _ = shim_release_file_pages()
    }

    /// Runs `verb` with the process's stdio wired (create, or exec --detach) and takes the parent ends.
    func launch(_ verb: [String]) -> ShimFailure? {
        if arguments.tty {
            let consolePath = ShimFiles.console
            let console = UnixListener.listen(at: consolePath)
            guard console >= 0 else { return ShimFailure("listen \(ShimFiles.console): " + SystemCalls.describe(errno)) }
            defer {
                close(console)
                unlink(consolePath)
            }
            if let message = runtime.run(verb) { return ShimFailure(message) }
            switch UnixListener.receiveConsole(console, milliseconds: 5000) {
            case .failure(let failure): return failure
            case .success(let fd):
                master = fd
                outputs = [OutputSource(fd: fd, stream: 1)]
                if arguments.openStdin { stdinFD = fd }
            }
        } else {
            guard let out = SystemCalls.pipe(), let err = SystemCalls.pipe() else { return ShimFailure("pipe: " + SystemCalls.describe(errno)) }
            let input = arguments.openStdin ? SystemCalls.pipe() : nil
            let message = runtime.run(verb, stdin: input?.read ?? -1, stdout: out.write, stderr: err.write)
            close(out.write)
            close(err.write)
            if let input { close(input.read) }
            if let message {
                close(out.read)
                close(err.read)
                if let input { close(input.write) }
                return ShimFailure(message)
            }
            SystemCalls.setNonBlocking(out.read)
            SystemCalls.setNonBlocking(err.read)
            outputs = [OutputSource(fd: out.read, stream: 1), OutputSource(fd: err.read, stream: 2)]
            if let input {
                SystemCalls.setNonBlocking(input.write)
                stdinFD = input.write
            }
        }
        pid = runtime.readPid()
        guard pid > 0 else { return ShimFailure("runtime wrote no pid file") }
        oomFile = MemoryCgroup.oomCounterFile(pid: pid)
        return nil
    }
}
