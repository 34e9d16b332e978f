// SPDX-License-Identifier: Apache-2.0
// TailScanner: the last N lines of a log file, found by reading blocks backwards from the end, so
// `docker logs --tail 10` costs a few small reads however large the file is.

/// Backward reading of log files.
enum TailScanner {
    /// Block size for backward reads: small, since most tails are a few lines.
    static let blockSize: Int64 = 64 * 1024

    /// The offset just past the last "\n" before `size` (0 if there is none): where complete lines end.
    static func endOfLastLine(_ file: LogFileHandle, size: Int64) throws -> Int64 {
        var position = size
        while position > 0 {
            let start = max(0, position - blockSize)
            let block = try file.read(at: start, count: Int(position - start))
            if let last = block.lastIndex(of: 0x0a) { return start + Int64(last) + 1 }
            position = start
        }
        return 0
    }

    /// Up to `count` entries from the lines in `[0, end)`, oldest first. A last line without "\n" counts as
    /// a line (rotated files are complete); malformed lines are skipped and not counted.
    static func lastEntries(of file: LogFileHandle, end: Int64, count: Int) throws -> [LogEntry] {
        var found: [LogEntry] = []  // newest first
        var position = end
        // The start of a line whose "\n" is already seen but whose beginning lies before `position`.
        var carry: [UInt8] = []
        var discarding = false
        var first = true
        while position > 0 && found.count < count {
            let start = max(0, position - blockSize)
            var block = try file.read(at: start, count: Int(position - start))
            guard Int64(block.count) == position - start else { break }  // truncated under us: stop quietly
            if first && block.last == 0x0a { block.removeLast() }
            first = false
            block.append(contentsOf: carry)
            var lineEnd = block.count
            block.withUnsafeBufferPointer { buffer in
                var index = buffer.count - 1
                while index >= 0 && found.count < count {
                    if buffer[index] == 0x0a {
                        if !discarding, let entry = JSONFileLogLine.parse(UnsafeBufferPointer(rebasing: buffer[(index + 1)..<lineEnd])) {
                            found.append(entry)
                        }
                        discarding = false
                        lineEnd = index
                    }
                    index -= 1
                }
            }
            carry = Array(block[0..<lineEnd])
            if carry.count > ForwardLineReader.maxLineLength {
                carry = []
                discarding = true
            }
            position = start
        }
        if position == 0 && found.count < count && !discarding, let entry = JSONFileLogLine.parse(carry) {
            found.append(entry)
        }
        return found.reversed()
    }
}
