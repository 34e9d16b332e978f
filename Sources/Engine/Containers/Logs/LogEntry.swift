// SPDX-License-Identifier: Apache-2.0
// LogEntry: one line of container output as the log drivers store it and `docker logs` returns it.

/// Which output stream a log line came from.
public enum LogStream: String, Sendable, Equatable {
    /// The container's standard output.
    case stdout
    /// The container's standard error.
    case stderr
}

/// One logged chunk of output: a line (with its "\n") or a piece of a line cut at 16 KiB.
public struct LogEntry: Sendable, Equatable {
    /// Where it was written.
    public var stream: LogStream
    /// When the shim read it, Unix nanoseconds.
    public var timestamp: Int64
    /// The bytes exactly as written, newline included when there was one.
    public var message: [UInt8]

    /// Describes one entry.
    public init(stream: LogStream, timestamp: Int64, message: [UInt8]) {
        self.stream = stream
        self.timestamp = timestamp
        self.message = message
    }
}
