// SPDX-License-Identifier: Apache-2.0
// The container's json-file log: appends encoded entries and rotates like dockerd's max-size/max-file
// (path → path.1 → path.2 …, keeping max-file files in all, the live one included).

import Glibc
import ShimProtocol

/// An open json-file log.
final class LogWriter {
    private let path: String
    private let maxSize: Int64?
    private let maxFiles: Int
    private var fd: Int32
    private var size: Int64
    private var entry: [UInt8] = []

    /// Opens (or creates) the log for appending; nil with errno set when it cannot.
    init?(path: String, maxSize: Int64?, maxFiles: Int) {
        self.path = path
        self.maxSize = maxSize
        self.maxFiles = maxFiles
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { return nil }
        size = SystemCalls.fileSize(path)
    }

    deinit { close(fd) }

    /// Writes one entry for `message` from `stream` ("stdout"/"stderr") stamped `nanoseconds`.
    func write(_ message: UnsafeRawBufferPointer, stream: StaticString, nanoseconds: Int64) {
        entry.removeAll(keepingCapacity: true)
        JSONFileLog.appendEntry(message, stream: stream, nanoseconds: nanoseconds, to: &entry)
        if let maxSize, size > 0, size + Int64(entry.count) > maxSize { rotate() }
        if SystemCalls.writeAll(fd, entry) { size += Int64(entry.count) }
        // Give back a buffer grown by one long line; the common line is short.
        if entry.capacity > 64 * 1024 { entry = [] }
    }

    /// Shifts the files up one number, dropping the oldest, and starts an empty live file.
    private func rotate() {
        if maxFiles > 1 {
            unlink("\(path).\(maxFiles - 1)")
            var number = maxFiles - 2
            while number >= 1 {
                rename("\(path).\(number)", "\(path).\(number + 1)")
                number -= 1
            }
            rename(path, "\(path).1")
        }
        let fresh = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o640)
        guard fresh >= 0 else { return }
        close(fd)
        fd = fresh
        size = 0
    }
}
