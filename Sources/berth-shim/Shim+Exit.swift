// SPDX-License-Identifier: Apache-2.0
// The end: reap children as subreaper, record the process's exit, drain output, write the exit file,
// delete the container, answer the waiters and leave.

import CShimSupport
import Glibc
import ShimProtocol

extension Shim {
    /// How long output may go on after the process exited (a leftover exec child may hold a pipe).
    static let drainMilliseconds: Int64 = 3000
    /// How long clients get to take their last bytes.
    static let flushMilliseconds: Int64 = 5000

    /// Reaps every exited child; the watched process's status becomes the exit record.
    func reapChildren() {
        while true {
            var status: Int32 = 0
            let child = waitpid(-1, &status, WNOHANG)
            if child < 0 && errno == EINTR { continue }
            guard child > 0 else { return }
            if child == pid && exit == nil {
                exit = ShimExit(code: shim_exit_code(status), exitedAt: SystemCalls.now(), oomKilled: MemoryCgroup.wasOOMKilled(oomFile))
                drainDeadline = SystemCalls.monotonicMilliseconds() + Self.drainMilliseconds
                // Nothing will read stdin any more.
                if stdinFD >= 0 && stdinFD != master { close(stdinFD) }
                if stdinFD != master { stdinFD = -1 }
                stdinBuffer = []
            }
        }
    }

    /// Output is drained: log the rest, record the exit, delete the container, answer everyone.
    func finish() {
        guard let exit else { return }
        for index in outputs.indices { endOutput(index) }
        log = nil
        _ = SystemCalls.writeFileAtomically(statePath + "/" + ShimFiles.exit, ShimReply.exited(exit).line + "\n")
        // Waiters first: the runtime's delete takes ~9 ms and nobody needs to wait for it. berthd waits
        // for the runtime's state to go before it creates the same container again.
        let line = ShimReply.exited(exit).line
        for client in clients where client.waiting { client.reply(line) }
        if !isExec { _ = runtime.run(["delete", "--force", arguments.id]) }
        abandon()
    }

    /// Stops serving: no new connections; every client is closed once its backlog is sent.
    func abandon() {
        finished = true
        flushDeadline = SystemCalls.monotonicMilliseconds() + Self.flushMilliseconds
        if listener >= 0 {
            close(listener)
            listener = -1
            unlink(statePath + "/" + ShimFiles.socket)
        }
        for client in clients {
            client.closeWhenFlushed = true
            client.finishIfDone()
        }
    }
}
