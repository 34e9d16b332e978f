// SPDX-License-Identifier: Apache-2.0
// One operation at a time per container (start, stop, kill, remove, rename…), first come first served, so a
// `docker rm -f` racing a `docker start` sees a consistent container. Exit handling never takes the gate:
// a `stop` holding it waits for the exit.

/// Per-container mutual exclusion for an actor's async operations (use only from one actor).
struct ContainerGate {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Takes the gate for `id` when it is free; false means the caller must `enqueue` and wait.
    mutating func tryEnter(_ id: String) -> Bool { busy.insert(id).inserted }

    /// Queues a continuation for `id` (resumed by `leave` with the gate handed over).
    mutating func enqueue(_ id: String, _ continuation: CheckedContinuation<Void, Never>) {
        waiting[id, default: []].append(continuation)
    }

    /// Hands the gate to the next waiter, or frees it.
    mutating func leave(_ id: String) {
        if var queue = waiting[id], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[id] = queue.isEmpty ? nil : queue
            next.resume()
        } else {
            busy.remove(id)
        }
    }
}
