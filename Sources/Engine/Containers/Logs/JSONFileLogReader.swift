// SPDX-License-Identifier: Apache-2.0
// JSONFileLogReader: `docker logs` over a json-file log and its rotated files (path.1 … path.N, N oldest),
// as batches in time order. Reads are pull-driven: nothing is read ahead of a slow consumer.

/// Reads a container's json-file log.
public enum JSONFileLogReader {
    /// Streams the log at `path` (with up to `maxFiles - 1` rotated files before it) as batches of entries.
    /// With `follow`, it keeps reading as the log grows or rotates, and ends once `isRunning()` returns false
    /// and everything written has been read. Cancelling the consuming task ends the stream.
    public static func entries(
        path: String, maxFiles: Int, options: LogReadOptions, isRunning: @escaping @Sendable () async -> Bool
    ) -> AsyncThrowingStream<[LogEntry], any Error> {
        let cursor = JSONFileLogCursor(path: path, maxFiles: maxFiles, options: options, isRunning: isRunning)
        return AsyncThrowingStream(unfolding: { try await cursor.next() })
    }
}
