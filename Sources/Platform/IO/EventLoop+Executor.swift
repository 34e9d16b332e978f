// SPDX-License-Identifier: Apache-2.0
// The event loop as a task executor (SE-0417). Connection tasks prefer it, so a socket becoming
// ready resumes its task on this same thread: no hand-off to the cooperative pool, no futex wake-up
// and context switch per request (SwiftNIO's event loops work the same way). Jobs enqueued from other
// threads (a database reply, a timer) wake the loop through its eventfd.

import Glibc

extension EventLoop: TaskExecutor {
    /// Queues a job; it runs on the loop thread after the current batch of I/O events.
    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        let wasIdle = jobs.withLock { queue -> Bool in
            queue.append(unowned)
            return queue.count == 1
        }
        if wasIdle && !isLoopThread {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, 8)
        }
    }

    /// True on the loop's own thread.
    public var isLoopThread: Bool { loopThread.load(ordering: .acquiring) == UInt(pthread_self()) }

    /// Runs queued jobs, a bounded number of rounds so I/O is polled again soon.
    func runJobs() {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<64 {
            let batch = jobs.withLock { queue -> [UnownedJob] in
                defer { queue.removeAll(keepingCapacity: true) }
                return queue
            }
            if batch.isEmpty { return }
            for job in batch { job.runSynchronously(on: executor) }
        }
    }
}
