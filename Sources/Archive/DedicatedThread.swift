// SPDX-License-Identifier: Apache-2.0
// Runs one blocking job (libarchive, fsync, chroot work) on a fresh pthread and awaits it, so the
// cooperative pool never blocks (STYLE §6). The thread exits after the job and is never reused.
// It resumes the caller, so it must keep the process's fs state: chroot work runs one level
// further down, on an IsolatedThread that this thread joins.

import CShims
import Glibc
import Platform

/// A new thread per blocking job, awaited through a continuation.
public enum DedicatedThread {
    /// Runs `body` on a new thread named `name` (at most 15 bytes are kept), which exits when `body`
    /// returns; the caller is resumed with the value or the thrown error.
    public static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            let job = Job(name: name) { continuation.resume(returning: Result { try body() }) }
            let context = Unmanaged.passRetained(job).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(
                &thread, nil,
                { raw in
                    guard let raw else { return nil }
                    let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
                    cshim_set_thread_name(job.name)
                    job.work()
                    return nil
                }, context)
            guard rc == 0 else {
                Unmanaged<Job>.fromOpaque(context).release()
                continuation.resume(returning: .failure(Errno(rc, "pthread_create \(name)")))
                return
            }
            pthread_detach(thread)
        }
        return try result.get()
    }

    /// What the new thread runs: the name to set and the work that resumes the caller.
    private final class Job: Sendable {
        let name: String
        let work: @Sendable () -> Void

        init(name: String, work: @escaping @Sendable () -> Void) {
            self.name = String(name.utf8.prefix(15)) ?? "berth-job"
            self.work = work
        }
    }
}
