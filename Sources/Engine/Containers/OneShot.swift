// SPDX-License-Identifier: Apache-2.0
// A value delivered once and awaited by one task: the link between a container's exit (or removal) and a
// `wait` request whose headers already went out.

import Synchronization

/// A single-assignment value that one task awaits.
public final class OneShot<Value: Sendable>: Sendable {
    private enum Slot {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case filled(Value)
    }
    private let slot = Mutex<Slot>(.empty)

    /// An empty slot.
    public init() {}

    /// Delivers `value`; later calls are ignored.
    public func fulfil(_ value: Value) {
        let waiter: CheckedContinuation<Value, Never>? = slot.withLock { slot in
            switch slot {
            case .empty:
                slot = .filled(value)
                return nil
            case .waiting(let continuation):
                slot = .filled(value)
                return continuation
            case .filled:
                return nil
            }
        }
        waiter?.resume(returning: value)
    }

    /// Waits for the value.
    public func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = slot.withLock { slot in
                if case .filled(let value) = slot { return value }
                slot = .waiting(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
