// SPDX-License-Identifier: Apache-2.0
// The owning wrapper of a file descriptor: closes exactly once, and tells the event loop first so
// no waiter is left parked on a number the kernel may hand out again.

import Glibc
import Synchronization

/// An open file descriptor that this process owns; `close()` is idempotent and also runs on deinit.
public final class FileDescriptor: Sendable {
    /// The kernel's number for the descriptor.
    public let rawValue: Int32
    private let closed = Atomic<Bool>(false)

    /// Takes ownership of `rawValue`.
    public init(owning rawValue: Int32) { self.rawValue = rawValue }

    deinit { close() }

    /// True once `close()` ran.
    public var isClosed: Bool { closed.load(ordering: .acquiring) }

    /// Wakes any task waiting on this descriptor (with `EventLoopError.closed`), then closes it.
    public func close() {
        guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        EventLoop.forget(rawValue)
        _ = Glibc.close(rawValue)
    }

    /// Sets or clears `O_NONBLOCK` (fcntl F_SETFL).
    public func setNonBlocking(_ on: Bool = true) throws(Errno) {
        let flags = fcntl(rawValue, F_GETFL)
        guard flags >= 0 else { throw Errno.current("fcntl F_GETFL") }
        let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        guard fcntl(rawValue, F_SETFL, wanted) == 0 else { throw Errno.current("fcntl F_SETFL") }
    }
}
