// SPDX-License-Identifier: Apache-2.0
// The one epoll thread. Tasks park a continuation per (fd, interest); the loop resumes them.
//
// Descriptors are registered once, edge-triggered (EPOLLET), for both directions. An edge that
// arrives while nobody waits is latched (`readReady`/`writeReady`), so the usual pattern "try the
// syscall, on EAGAIN wait, retry" never misses a wake-up and never needs an epoll_ctl per wait
// (redis ae_epoll.c and FlyingSocks re-arm per wait; edge + latch saves that syscall per request).
// Deadlines are checked every `scanInterval` on the loop thread, which is precise enough for the
// second-scale header and idle timeouts of the HTTP server.

import CShims
import Glibc
import Synchronization

/// Why a wait on the event loop ended without readiness.
public enum EventLoopError: Error, Sendable {
    /// The descriptor was closed while a task waited on it.
    case closed
    /// The wait's deadline passed.
    case timedOut
}

/// Which readiness a task waits for.
public enum IOInterest: Sendable {
    case read, write
}

/// A dedicated thread in `epoll_wait` that resumes tasks waiting for descriptor readiness, and that
/// also runs tasks which prefer it as their executor (see EventLoop+Executor.swift).
public final class EventLoop: Sendable {
    /// The loops: one per online CPU (or `BERTH_EVENT_LOOPS`), started on first use.
    public static let all: [EventLoop] = (0..<loopCount()).map { EventLoop(index: $0) }

    /// The loop whose thread is running, or the first loop when called from any other thread. An
    /// fd's waits must all go to one loop: tasks that do I/O prefer one loop as their executor.
    public static var current: EventLoop {
        let me = UInt(pthread_self())
        return all.first { $0.loopThread.load(ordering: .relaxed) == me } ?? all[0]
    }

    private static let nextIndex = Atomic<Int>(0)

    /// Loops in turn, for spreading new connections.
    public static func next() -> EventLoop {
        all[nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue % all.count]
    }

    private static func loopCount() -> Int {
        if let raw = getenv("BERTH_EVENT_LOOPS"), let count = Int(String(cString: raw)), count > 0 { return min(count, 64) }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
        let deadline: Deadline?
    }

    /// A class, so the hot paths change a slot where it lies: a struct was copied out of the dictionary
    /// and back on every wait and event (its waiters retained and released each time). Only ever
    /// touched under `state`'s lock.
    private final class Slot {
        var readReady = false
        /// The peer closed or the socket failed (EPOLLRDHUP, EPOLLHUP, EPOLLERR). Sticky: the edge that
        /// reported it can also have carried the last data, and a read that took only that data (a short
        /// read) leaves the end of stream pending with no edge to come. Every read wait returns at once.
        var hungUp = false
        var writeReady = false
        /// epoll reported an event for this registration since it was added, so it is alive.
        var confirmed = false
        var reader: Waiter?
        var writer: Waiter?
    }

    private struct State {
        var slots: [Int32: Slot] = [:]
        var nextID: UInt64 = 1
    }

    private typealias Wakeup = (CheckedContinuation<Void, any Error>, (any Error)?)

    private let epfd: Int32
    private let state = Mutex(State())
    private static let scanIntervalMillis: Int32 = 200
    /// Jobs of tasks that prefer this loop as their executor, run between epoll_waits.
    let jobs = Mutex<[UnownedJob]>([])
    /// Written to wake the loop when a job arrives from another thread.
    let wakeFD: Int32
    /// The loop thread's pthread_t, so enqueues from the loop itself skip the wake-up.
    let loopThread = Atomic<UInt>(0)

    private init(index: Int) {
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        precondition(epfd >= 0, "epoll_create1 failed: \(errno)")
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        precondition(wakeFD >= 0, "eventfd failed: \(errno)")
        var wakeEvent = epoll_event()
        wakeEvent.events = EPOLLIN.rawValue
        wakeEvent.data.fd = wakeFD
        _ = epoll_ctl(epfd, EPOLL_CTL_ADD, wakeFD, &wakeEvent)
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            guard let raw else { return nil }
            let loop = Unmanaged<EventLoop>.fromOpaque(raw).takeRetainedValue()
            cshim_set_thread_name("berth-loop")
            loop.loopThread.store(UInt(pthread_self()), ordering: .releasing)
            loop.run()
            return nil
        }, context)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    /// Suspends until `fd` is ready for `interest`, the deadline passes (`EventLoopError.timedOut`), the
    /// descriptor is closed through `FileDescriptor.close()` (`.closed`), or the task is cancelled.
    public func wait(_ fd: Int32, for interest: IOInterest, until deadline: Deadline? = nil) async throws {
        // Fast path: an edge already latched means "retry the syscall" without suspending the task.
        let id = state.withLock { state -> UInt64? in
            if let slot = state.slots[fd] {
                switch interest {
                case .read where slot.readReady || slot.hungUp:
                    slot.readReady = false
                    return nil
                case .write where slot.writeReady:
                    slot.writeReady = false
                    return nil
                default: break
                }
            }
            defer { state.nextID &+= 1 }
            return state.nextID
        }
        guard let id else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let wakeup = park(fd, interest, Waiter(id: id, continuation: continuation, deadline: deadline))
                if let wakeup { wakeup.0.resume(with: wakeup.1) }
            }
        } onCancel: {
            if let wakeup = unpark(fd, interest, id: id, error: CancellationError()) { wakeup.0.resume(with: wakeup.1) }
        }
    }

    /// True when an edge for `interest` on `fd` has arrived that no wait has taken yet: a read or write
    /// attempt may then succeed. Does not take the edge.
    public func hasPendingEdge(_ fd: Int32, for interest: IOInterest) -> Bool {
        state.withLock { state in
            guard let slot = state.slots[fd] else { return false }
            return interest == .read ? slot.readReady || slot.hungUp : slot.writeReady
        }
    }

    /// Wakes every waiter on `fd`, in every loop, with `EventLoopError.closed`. Call before close(2).
    public static func forget(_ fd: Int32) {
        for loop in all { loop.forget(fd) }
    }

    /// Wakes every waiter on `fd` with `EventLoopError.closed` and drops its registration.
    public func forget(_ fd: Int32) {
        let waiters = state.withLock { state -> [Waiter] in
            guard let slot = state.slots.removeValue(forKey: fd) else { return [] }
            return [slot.reader, slot.writer].compactMap { $0 }
        }
        _ = epoll_ctl(epfd, EPOLL_CTL_DEL, fd, nil)
        for waiter in waiters { waiter.continuation.resume(throwing: EventLoopError.closed) }
    }

    // MARK: - Registration (any thread)

    private func park(_ fd: Int32, _ interest: IOInterest, _ waiter: Waiter) -> Wakeup? {
        state.withLock { state -> Wakeup? in
            if Task.isCancelled { return (waiter.continuation, CancellationError()) }
            if let deadline = waiter.deadline, deadline.hasPassed { return (waiter.continuation, EventLoopError.timedOut) }
            var event = epoll_event()
            event.events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
            event.data.fd = fd
            let slot: Slot
            if let existing = state.slots[fd], existing.confirmed || epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &event) == 0 {
                // A slot epoll has reported on is alive: every close goes through
                // `FileDescriptor.close()`, which drops the slot first. Otherwise MOD proves it: a number
                // closed behind our back (and reused) makes MOD fail with ENOENT, and the stale slot is
                // replaced below. Skipping MOD for confirmed slots saves a syscall on every wait of a
                // keep-alive connection.
                slot = existing
            } else {
                if epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event) != 0 {
                    let code = errno
                    if code == EEXIST {
                        _ = epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &event)
                    } else {
                        return (waiter.continuation, Errno(code, "epoll_ctl"))
                    }
                }
                if let stale = state.slots[fd] {
                    stale.reader?.continuation.resume(throwing: EventLoopError.closed)
                    stale.writer?.continuation.resume(throwing: EventLoopError.closed)
                }
                slot = Slot()
                state.slots[fd] = slot
            }
            switch interest {
            case .read:
                if slot.readReady || slot.hungUp {
                    slot.readReady = false
                    return (waiter.continuation, nil)
                }
                if let old = slot.reader { old.continuation.resume(throwing: EventLoopError.closed) }
                slot.reader = waiter
            case .write:
                if slot.writeReady {
                    slot.writeReady = false
                    return (waiter.continuation, nil)
                }
                if let old = slot.writer { old.continuation.resume(throwing: EventLoopError.closed) }
                slot.writer = waiter
            }
            return nil
        }
    }

    private func unpark(_ fd: Int32, _ interest: IOInterest, id: UInt64, error: any Error) -> Wakeup? {
        state.withLock { state -> Wakeup? in
            guard let slot = state.slots[fd] else { return nil }
            var found: Waiter?
            switch interest {
            case .read:
                if slot.reader?.id == id { found = slot.reader; slot.reader = nil }
            case .write:
                if slot.writer?.id == id { found = slot.writer; slot.writer = nil }
            }
            return found.map { ($0.continuation, error) }
        }
    }

    // MARK: - The loop thread

    private func run() {
        let capacity = 256
        let events = UnsafeMutablePointer<epoll_event>.allocate(capacity: capacity)
        var nextScan = Deadline.now.nanoseconds + UInt64(Self.scanIntervalMillis) * 1_000_000
        var wakeups: [Wakeup] = []
        wakeups.reserveCapacity(capacity)
        while true {
            // With jobs queued, only poll; otherwise sleep until I/O, a wake-up, or the deadline scan.
            let pending = jobs.withLock { !$0.isEmpty }
            let count = epoll_wait(epfd, events, Int32(capacity), pending ? 0 : Self.scanIntervalMillis)
            if count < 0 && errno != EINTR { continue }
            let now = Deadline.now
            state.withLock { state in
                for index in 0..<max(0, Int(count)) {
                    let event = events[index]
                    let fd = event.data.fd
                    if fd == wakeFD {
                        var value: UInt64 = 0
                        _ = Glibc.read(wakeFD, &value, 8)
                        continue
                    }
                    guard let slot = state.slots[fd] else { continue }
                    slot.confirmed = true
                    let bits = event.events
                    let failed = bits & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
                    if failed || bits & EPOLLRDHUP.rawValue != 0 { slot.hungUp = true }
                    if failed || bits & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0 {
                        if let reader = slot.reader {
                            wakeups.append((reader.continuation, nil))
                            slot.reader = nil
                        } else {
                            slot.readReady = true
                        }
                    }
                    if failed || bits & EPOLLOUT.rawValue != 0 {
                        if let writer = slot.writer {
                            wakeups.append((writer.continuation, nil))
                            slot.writer = nil
                        } else {
                            slot.writeReady = true
                        }
                    }
                }
                if now.nanoseconds >= nextScan {
                    nextScan = now.nanoseconds + UInt64(Self.scanIntervalMillis) * 1_000_000
                    Self.expire(&state, now: now, into: &wakeups)
                }
            }
            for (continuation, error) in wakeups {
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
            wakeups.removeAll(keepingCapacity: true)
            runJobs()
        }
    }

    private static func expire(_ state: inout State, now: Deadline, into wakeups: inout [Wakeup]) {
        for slot in state.slots.values {
            if let reader = slot.reader, let deadline = reader.deadline, deadline <= now {
                wakeups.append((reader.continuation, EventLoopError.timedOut))
                slot.reader = nil
            }
            if let writer = slot.writer, let deadline = writer.deadline, deadline <= now {
                wakeups.append((writer.continuation, EventLoopError.timedOut))
                slot.writer = nil
            }
        }
    }
}

extension CheckedContinuation where E == any Error, T == Void {
    fileprivate func resume(with error: (any Error)?) {
        if let error { resume(throwing: error) } else { resume() }
    }
}
