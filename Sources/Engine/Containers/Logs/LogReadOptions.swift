// SPDX-License-Identifier: Apache-2.0
// LogReadOptions: what `GET /containers/{id}/logs` asks of a log reader, already parsed from the query.

/// Which entries to read and whether to keep following the log.
public struct LogReadOptions: Sendable, Equatable {
    /// Include stdout entries.
    public var stdout: Bool
    /// Include stderr entries.
    public var stderr: Bool
    /// Skip entries older than this (Unix nanoseconds), nil for no lower bound.
    public var since: Int64?
    /// Stop at the first entry newer than this (Unix nanoseconds), nil for no upper bound.
    public var until: Int64?
    /// Only the last N lines of the log (counted before the stream and time filters, as dockerd does);
    /// nil for all, 0 for none.
    public var tail: Int?
    /// Keep reading as the log grows until the container stops.
    public var follow: Bool

    /// Describes one read; the defaults read both streams, everything, once.
    public init(stdout: Bool = true, stderr: Bool = true, since: Int64? = nil, until: Int64? = nil, tail: Int? = nil, follow: Bool = false)
    {
        self.stdout = stdout
        self.stderr = stderr
        self.since = since
        self.until = until
        self.tail = tail
        self.follow = follow
    }
}
