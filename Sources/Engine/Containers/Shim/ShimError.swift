// SPDX-License-Identifier: Apache-2.0
// What can go wrong between berthd and a berth-shim, kept apart so the daemon can tell the runtime's
// own words (exit code 125/126/127 come from them) from a shim that is simply gone.

/// A failure talking to or starting a shim.
public enum ShimError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The runtime (or the shim's setup) failed; the text is the runtime's own message.
    case runtime(String)
    /// No shim answers on the socket (missing socket or connection refused): read the exit file.
    case unavailable(String)
    /// The shim said something outside the protocol, or closed the connection early.
    case protocolViolation(String)

    /// The message.
    public var description: String {
        switch self {
        case .runtime(let text), .unavailable(let text), .protocolViolation(let text): text
        }
    }
}
