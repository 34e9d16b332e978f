// SPDX-License-Identifier: Apache-2.0
// Small blocking reads of kernel and config text files (/proc, /sys, /etc) for host facts.

import Glibc

/// Whole-file reads of small text files. Blocking: meant for startup and `GET /info`, never a hot path.
enum SystemFile {
    /// Reads `path` to its end (at most `limit` bytes); /proc files report size 0, so this reads until EOF.
    static func read(_ path: String, limit: Int = 1 << 20) throws(Errno) -> String {
        let fd = try retryingEINTR("open \(path)") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Errno.current("read \(path)")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes.prefix(limit), as: UTF8.self)
    }

    /// The file's text, or nil when it cannot be read (absent, no permission).
    static func readIfPresent(_ path: String) -> String? {
        try? read(path)
    }

    /// True when `path` exists (access(2) with `F_OK`; symlinks followed).
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// `text` without leading and trailing whitespace (spaces, tabs, line ends).
    static func trimmed<Text: StringProtocol>(_ text: Text) -> String {
        guard let start = text.firstIndex(where: { !$0.isWhitespace }), let end = text.lastIndex(where: { !$0.isWhitespace }) else {
            return ""
        }
        return String(text[start...end])
    }
}
