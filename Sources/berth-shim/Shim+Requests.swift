// SPDX-License-Identifier: Apache-2.0
// Requests on shim.sock: one line per connection, then attach clients carry stdin.

import CShimSupport
import Glibc
import ShimProtocol

extension Shim {
    /// Reads from a client: its request line first, stdin bytes after an attach.
    func readClient(_ client: Client) {
        let count = read(client.fd, scratch.baseAddress, min(scratch.count, 16 * 1024))
        if count < 0 {
            if errno == EAGAIN || errno == EINTR { return }
            return client.close()
        }
        if count == 0 { return endOfInput(client) }
        var bytes = UnsafeRawBufferPointer(rebasing: scratch[..<count])
        if !client.hasRequest {
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
                client.requestLine.append(contentsOf: bytes)
                if client.requestLine.count > 256 { client.close() }
                return
            }
            client.requestLine.append(contentsOf: bytes[..<newline])
            client.hasRequest = true
            let line = String(decoding: client.requestLine, as: UTF8.self)
            client.requestLine = []
            handle(ShimRequest(line: Substring(line)), from: client)
            bytes = UnsafeRawBufferPointer(rebasing: bytes[(newline + 1)...])
        }
        // Bytes after the request go to the process only from a client attached with stdin.
        guard client.attached && client.wantsStdin && stdinFD >= 0 && !stdinClosing && !bytes.isEmpty else { return }
        stdinBuffer.append(contentsOf: bytes)
        writeStdin()
    }

    /// A client half-closed: with stdin-once its stdin ends the process's stdin (pipes only: a pty
    /// master stays open, as dockerd does).
    private func endOfInput(_ client: Client) {
        client.inputClosed = true
        if !client.hasRequest { return client.close() }
        if client.attached && client.wantsStdin && arguments.stdinOnce && master < 0 && stdinFD >= 0 {
            stdinClosing = true
            writeStdin()
        }
        if !client.attached && !client.waiting { client.closeWhenFlushed = true }
        client.finishIfDone()
    }

    /// Moves buffered stdin into the process; closes stdin when asked to and drained.
    func writeStdin() {
        guard stdinFD >= 0 else { return stdinBuffer.removeAll() }
        while !stdinBuffer.isEmpty {
            let count = stdinBuffer.withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
            if count > 0 {
                stdinBuffer.removeFirst(count)
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
            // The process closed its stdin (EPIPE): nothing will take these bytes.
            stdinBuffer.removeAll()
            if master < 0 { stdinClosing = true }
        }
        if stdinClosing && master < 0 {
            close(stdinFD)
            stdinFD = -1
        }
    }

    private func handle(_ request: ShimRequest?, from client: Client) {
        guard let request else {
            client.closeWhenFlushed = true
            return client.reply(ShimReply.error("malformed request").line)
        }
        switch request {
        case .attach(let stdin, let stdout, let stderr):
            client.attached = true
            client.wantsStdin = stdin
            client.wantsStdout = stdout
            client.wantsStderr = stderr
            client.reply(ShimReply.ok.line)
            return
        case .wait:
            if let exit, finished {
                client.closeWhenFlushed = true
                return client.reply(ShimReply.exited(exit).line)
            }
            client.waiting = true
            return
        case .start:
            let reply = start()
            client.reply(reply.line)
            // Nothing will run after a failed start: clean up and leave once the reply is out
            // (no exit record: the process never ran).
            if case .error = reply {
                if !isExec { _ = runtime.run(["delete", "--force", arguments.id]) }
                abandon()
            }
            releaseStartupMemory()
        case .status: client.reply(status().line)
        case .resize(let rows, let columns):
            if master < 0 {
                client.reply(ShimReply.error("the process has no tty").line)
            } else if shim_set_window_size(master, rows, columns) != 0 {
                client.reply(ShimReply.error("resize: " + SystemCalls.describe(errno)).line)
            } else {
                client.reply(ShimReply.ok.line)
            }
        case .signal(let number):
            if pid <= 0 || exit != nil {
                client.reply(ShimReply.error("the process is not running").line)
            } else if kill(pid, number) != 0 {
                client.reply(ShimReply.error("kill: " + SystemCalls.describe(errno)).line)
            } else {
                client.reply(ShimReply.ok.line)
            }
        }
        client.closeWhenFlushed = true
        client.finishIfDone()
    }

    private func status() -> ShimReply {
        if let exit { return .exited(exit) }
        return started ? .running(pid: pid) : .created
    }

    /// `start`: the runtime's start (container) or exec --detach (exec mode).
    private func start() -> ShimReply {
        guard !started else { return .error("already started") }
        let failure: ShimFailure?
        if isExec, let processPath = arguments.processPath {
            var verb = ["exec", "--detach", "--pid-file", statePath + "/" + ShimFiles.pid, "--process", processPath]
            if arguments.tty { verb += ["--console-socket", Self.consoleSocketForRuntime] }
            failure = launch(verb + [arguments.id])
        } else {
            failure = runtime.run(["start", arguments.id]).map(ShimFailure.init)
        }
        if let failure { return .error(failure.message) }
        started = true
        return .started(pid: pid)
    }
}
