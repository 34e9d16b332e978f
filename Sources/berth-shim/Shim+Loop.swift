// SPDX-License-Identifier: Apache-2.0
// The single-threaded poll(2) loop: shim.sock, SIGCHLD, the process's output and stdin, the clients.

import CShimSupport
import Glibc

/// What one pollfd entry stands for.
private enum Slot {
    case listener
    case signals
    case output(Int)
    case stdin
    case client(Client)
}

extension Shim {
    /// Runs until the process has exited and every client got its last bytes.
    func run() -> Never {
        var entries: [pollfd] = []
        var slots: [Slot] = []
        while true {
            let now = SystemCalls.monotonicMilliseconds()
            if !idleReleased && now - lastActivity >= Self.idleReleaseMilliseconds {
                releaseStartupMemory()
                idleReleased = true
            }
            if exit != nil && !finished && (outputs.allSatisfy { $0.fd < 0 } || now >= drainDeadline) { finish() }
            clients.removeAll { $0.isClosed }
            if finished && (clients.isEmpty || now >= flushDeadline) { Glibc.exit(0) }

            entries.removeAll(keepingCapacity: true)
            slots.removeAll(keepingCapacity: true)
            func add(_ fd: Int32, _ events: Int32, _ slot: Slot) {
                entries.append(pollfd(fd: fd, events: Int16(events), revents: 0))
                slots.append(slot)
            }
            if listener >= 0 { add(listener, Int32(POLLIN), .listener) }
            add(signals, Int32(POLLIN), .signals)
            for (index, output) in outputs.enumerated() where output.fd >= 0 { add(output.fd, Int32(POLLIN), .output(index)) }
            if stdinFD >= 0 && !stdinBuffer.isEmpty { add(stdinFD, Int32(POLLOUT), .stdin) }
            for client in clients {
                var events: Int32 = 0
                // Stop reading stdin from clients while the process is not taking it (backpressure).
                if !client.inputClosed && stdinBuffer.count < 256 * 1024 { events |= Int32(POLLIN) }
                if client.hasBacklog { events |= Int32(POLLOUT) }
                add(client.fd, events, .client(client))
            }
            var timeout: Int32 = -1
            if exit != nil && !finished { timeout = Int32(max(0, drainDeadline - now)) }
            if finished { timeout = Int32(max(0, flushDeadline - now)) }
            if !idleReleased {
                let left = Int32(max(0, Self.idleReleaseMilliseconds - (now - lastActivity)))
                timeout = timeout < 0 ? left : min(timeout, left)
            }
            let ready = poll(&entries, nfds_t(entries.count), timeout)
            if ready < 0 && errno != EINTR { Glibc.exit(1) }
            guard ready > 0 else { continue }
            lastActivity = SystemCalls.monotonicMilliseconds()
            idleReleased = false
            for (entry, slot) in zip(entries, slots) where entry.revents != 0 {
                dispatch(slot, Int32(entry.revents))
            }
        }
    }

    private func dispatch(_ slot: Slot, _ events: Int32) {
        switch slot {
        case .listener: acceptClients()
        case .signals:
            // A closed signalfd would make poll spin: without it no exit can be seen, so give up.
            if events & Int32(POLLNVAL) != 0 { Glibc.exit(1) }
            shim_drain_signalfd(signals)
            reapChildren()
        case .output(let index): readOutput(index)
        case .stdin: writeStdin()
        case .client(let client):
            guard !client.isClosed else { return }
            if events & Int32(POLLOUT) != 0 { client.flush() }
            if !client.isClosed && events & Int32(POLLIN | POLLHUP | POLLERR) != 0 { readClient(client) }
        }
    }

    private func acceptClients() {
        while true {
            let fd = shim_accept(listener)
            if fd < 0 { return }
            clients.append(Client(fd: fd))
        }
    }
}
