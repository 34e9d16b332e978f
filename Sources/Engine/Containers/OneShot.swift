// SPDX-License-Identifier: Apache-2.0
// A value delivered once and awaited by one task: the link between a container's exit (or removal) and a
// `wait` request whose headers already went out.

import Synchronization

/// A single-assignment value that one task awaits.
public final class OneShot<Value: Sendable>: Sendable {
    private enum Slot {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        /// A cancellable wait (`valueUnlessCancelled`).
        case waitingCancellable(CheckedContinuation<Value?, Never>)
        case filled(Value)
        /// Its one waiter was cancelled: the value, if it ever comes, has nobody to go to.
        case abandoned
    }
    private let slot = Mutex<Slot>(.empty)

    private enum Waiter {
        case none
        case plain(CheckedContinuation<Value, Never>)
        case cancellable(CheckedContinuation<Value?, Never>)
    }

    /// An empty slot.
    public init() {}

    /// Delivers `value`; later calls are ignored.
    public func fulfil(_ value: Value) {
        let waiter: Waiter = slot.withLock { slot in
            switch slot {
            case .empty:
                slot = .filled(value)
                return .none
            case .waiting(let continuation):
                slot = .filled(value)
                return .plain(continuation)
            case .waitingCancellable(let continuation):
                slot = .filled(value)
                return .cancellable(continuation)
            case .filled, .abandoned:
                return .none
            }
        }
        switch waiter {
        case .none: break
        case .plain(let continuation): continuation.resume(returning: value)
        case .cancellable(let continuation): continuation.resume(returning: value)
        }
    }

    /// Waits for the value; nil as soon as the task is cancelled (e.g. the client of a `wait` request left),
    /// after which a delivered value is dropped.
    public func valueUnlessCancelled() async -> Value? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
                let ready: Value?? = slot.withLock { slot in
                    switch slot {
                    case .filled(let value): return .some(value)
                    case .abandoned: return .some(nil)
                    default:
                        slot = .waitingCancellable(continuation)
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Value?, Never>? = slot.withLock { slot in
                switch slot {
                case .waitingCancellable(let continuation):
                    slot = .abandoned
                    return continuation
                case .empty:
                    slot = .abandoned
                    return nil
                default:
                    return nil
                }
            }
            waiter?.resume(returning: nil)
        }
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
