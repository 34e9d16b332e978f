// SPDX-License-Identifier: Apache-2.0
// Monotonic time in nanoseconds; deadlines are compared on the event-loop thread without allocation.

import Glibc

/// A point on the monotonic clock (`CLOCK_MONOTONIC`), in nanoseconds.
public struct Deadline: Comparable, Sendable {
    /// Nanoseconds since an arbitrary start, as `clock_gettime(CLOCK_MONOTONIC)` reports.
    public let nanoseconds: UInt64

    /// Wraps a raw monotonic value.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// The current monotonic time.
    public static var now: Deadline {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Deadline(nanoseconds: UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
    }

    /// `seconds` from now.
    public static func after(seconds: Double) -> Deadline {
        Deadline(nanoseconds: now.nanoseconds &+ UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// True once the monotonic clock has reached this point.
    public var hasPassed: Bool { Deadline.now >= self }

    public static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}
