// SPDX-License-Identifier: Apache-2.0
// A short-lived pthread that the calling thread joins, for work that changes per-thread state
// (unshare(CLONE_FS) then chroot). Such a thread must never create threads: pthread_create shares the
// creator's fs state (CLONE_FS), so anything it started would run chrooted in a layer. Resuming a
// continuation can make Dispatch start a pool thread from the resuming thread, so the isolated
// thread never resumes one: its parent (a DedicatedThread) joins it and resumes the caller instead.

import CShims
import Glibc
import Platform

/// Runs work on a fresh thread and waits for it to exit; the thread is never reused.
enum IsolatedThread {
    /// Runs `body` on a new thread named `name` and returns once that thread has exited.
    static func join(name: String, _ body: () -> Void) throws(Errno) {
        let rc = withoutActuallyEscaping(body) { work -> Int32 in
            let start = Start(name: name, work: work)
            let context = Unmanaged.passRetained(start).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(
                &thread, nil,
                { raw in
                    guard let raw else { return nil }
                    let start = Unmanaged<Start>.fromOpaque(raw).takeRetainedValue()
                    cshim_set_thread_name(start.name)
                    start.work()
                    return nil
                }, context)
            guard rc == 0 else {
                Unmanaged<Start>.fromOpaque(context).release()
                return rc
            }
            // pthread_join also orders the thread's writes before our reads of what `body` captured.
            return pthread_join(thread, nil)
        }
        guard rc == 0 else { throw Errno(rc, "pthread_create \(name)") }
    }

    /// What the thread runs.
    private final class Start {
        let name: String
        let work: () -> Void

        init(name: String, work: @escaping () -> Void) {
            self.name = String(name.utf8.prefix(15)) ?? "berth-isolated"
            self.work = work
        }
    }
}
