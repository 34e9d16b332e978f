// SPDX-License-Identifier: Apache-2.0
// The one error type for failed syscalls: the errno value plus the call that failed.

import Glibc

/// A failed system call: `code` is the C `errno` value, `call` names the operation that failed.
public struct Errno: Error, Equatable, CustomStringConvertible, Sendable {
    /// The C `errno` value.
    public let code: Int32
    /// What was being done, e.g. `bind /var/run/docker.sock`.
    public let call: String

    /// Wraps an explicit errno value.
    public init(_ code: Int32, _ call: String) {
        self.code = code
        self.call = call
    }

    /// Captures the calling thread's current `errno`.
    public static func current(_ call: String) -> Errno { Errno(errno, call) }

    /// `strerror(3)` text for the code.
    public var message: String { String(cString: strerror(code)) }

    /// `call: message` as Go and dockerd print it.
    public var description: String { "\(call): \(message)" }

    /// True for EAGAIN/EWOULDBLOCK.
    public var isWouldBlock: Bool { code == EAGAIN || code == EWOULDBLOCK }

    public static func == (lhs: Errno, rhs: Errno) -> Bool { lhs.code == rhs.code }
}

/// Runs `body` until it stops failing with EINTR; throws `Errno` for any other negative result.
@inline(__always)
public func retryingEINTR<T: BinaryInteger>(_ call: @autoclosure () -> String, _ body: () -> T) throws(Errno) -> T {
    while true {
        let result = body()
        if result >= 0 { return result }
        if errno == EINTR { continue }
        throw Errno.current(call())
    }
}
