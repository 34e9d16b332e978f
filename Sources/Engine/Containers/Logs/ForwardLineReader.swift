// SPDX-License-Identifier: Apache-2.0
// ForwardLineReader: reads a log file front to back in chunks and parses each complete line in place.
// The last, unterminated piece of a chunk waits for the rest of its line (the shim may be mid-write).

/// Sequential line reader over one log file.
final class ForwardLineReader {
    /// A line growing past this without a newline is dropped: a corrupt file must not eat memory.
    static let maxLineLength = 1 << 20

    let file: LogFileHandle
    /// Where the next read starts.
    private(set) var offset: Int64
    private var pending: [UInt8] = []
    private var discarding = false

    /// Starts reading `file` at `offset` (which must be the start of a line).
    init(file: LogFileHandle, offset: Int64 = 0) {
        self.file = file
        self.offset = offset
    }

    /// Reads one chunk and returns the entries of the lines it completed (malformed lines are skipped,
    /// so this may be empty); nil at the current end of the file.
    func next() throws -> [LogEntry]? {
        let chunk = try file.read(at: offset)
        guard !chunk.isEmpty else { return nil }
        offset += Int64(chunk.count)
        var entries: [LogEntry] = []
        entries.reserveCapacity(chunk.count / 96)
        chunk.withUnsafeBufferPointer { buffer in
            var start = 0
            var index = 0
            while index < buffer.count {
                if buffer[index] == 0x0a {
                    if pending.isEmpty && !discarding {
                        if let entry = JSONFileLogLine.parse(UnsafeBufferPointer(rebasing: buffer[start..<index])) { entries.append(entry) }
                    } else {
                        pending.append(contentsOf: buffer[start..<index])
                        if !discarding, let entry = JSONFileLogLine.parse(pending) { entries.append(entry) }
                        pending.removeAll(keepingCapacity: true)
                        discarding = false
                    }
                    start = index + 1
                }
                index += 1
            }
            if start < buffer.count && !discarding {
                pending.append(contentsOf: buffer[start...])
                if pending.count > Self.maxLineLength {
                    pending.removeAll()
                    discarding = true
                }
            }
        }
        return entries
    }

    /// For a file that will not grow any more (rotated, or its writer gone): the unterminated last line, if it parses.
    func finish() -> LogEntry? {
        defer {
            pending.removeAll()
            discarding = false
        }
        return discarding ? nil : JSONFileLogLine.parse(pending)
    }
}
