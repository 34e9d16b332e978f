// SPDX-License-Identifier: Apache-2.0
// A flag set from a task's cancellation handler and polled by the thread doing the blocking work.

import Synchronization
import Platform

/// Set once when the awaiting task is cancelled; read by the worker thread between blocks.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// True once `cancel()` ran.
    var isCancelled: Bool { flag.load(ordering: .relaxed) }

    /// Asks the worker to stop at its next check.
    func cancel() { flag.store(true, ordering: .relaxed) }
}
