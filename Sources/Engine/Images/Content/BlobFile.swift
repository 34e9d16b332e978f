// SPDX-License-Identifier: Apache-2.0
// Whole-file reads of small blobs.

import Glibc
import Platform

/// Small-file helpers for blobs.
enum BlobFile {
    /// Reads `path` whole; throws past `limit` bytes or when it is missing.
    static func readAll(path: String, limit: Int) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw EngineError.notFound("blob \(path) not found") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw EngineError.system("read \(path): \(Errno.current("read").message)")
            }
            if count == 0 { return bytes }
            bytes += chunk[..<count]
            if bytes.count > limit { throw EngineError.invalidParameter("blob \(path) is larger than \(limit) bytes") }
        }
    }
}
