// SPDX-License-Identifier: Apache-2.0
// Reads and writes of single cgroup control files, each failure an `Errno` naming the file.

import Glibc

/// Control-file access for the cgroup types. Blocking: cgroupfs answers from memory, but callers on the
/// cooperative pool should still hop to a blocking thread for bulk work.
enum CgroupFile {
    /// The file's text (empty for an empty file); throws `Errno` with `read <path>` or `open <path>`.
    static func read(_ path: String) throws(Errno) -> String {
        try SystemFile.read(path)
    }

    /// The file's text, or nil when it is absent or unreadable (optional control files).
    static func readIfPresent(_ path: String) -> String? {
        SystemFile.readIfPresent(path)
    }

    /// Writes `value` with one write(2), as the kernel expects for control files (no O_CREAT: a missing file
    /// means a missing controller feature and must fail with ENOENT rather than create a regular file).
    static func write(_ value: String, to path: String) throws(Errno) {
        let fd = try retryingEINTR("open \(path)") { open(path, O_WRONLY | O_TRUNC | O_CLOEXEC) }
        defer { _ = close(fd) }
        let bytes = Array(value.utf8)
        let written = try retryingEINTR("write \(path)") {
            bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        }
        if written != bytes.count { throw Errno(EIO, "write \(path): short write") }
    }

    /// True when `path` exists.
    static func exists(_ path: String) -> Bool {
        SystemFile.exists(path)
    }
}
