// SPDX-License-Identifier: Apache-2.0
// The engine's one error type: Docker's error classes (moby errdefs), each with the exact message.

/// An error the engine reports to clients; the API maps each case to one status code.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such object (404).
    case notFound(String)
    /// Bad input (400).
    case invalidParameter(String)
    /// The request clashes with current state (409).
    case conflict(String)
    /// Authentication missing or wrong (401).
    case unauthorized(String)
    /// Authenticated but not allowed (403).
    case forbidden(String)
    /// Temporarily unable (503).
    case unavailable(String)
    /// Nothing changed (304).
    case notModified(String)
    /// Not supported (501).
    case notImplemented(String)
    /// An internal fault (500); the message says what failed.
    case system(String)

    /// The message for the client.
    public var message: String {
        switch self {
        case .notFound(let text), .invalidParameter(let text), .conflict(let text), .unauthorized(let text),
            .forbidden(let text), .unavailable(let text), .notModified(let text), .notImplemented(let text), .system(let text):
            text
        }
    }

    /// The message.
    public var description: String { message }
}
