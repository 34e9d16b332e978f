// SPDX-License-Identifier: Apache-2.0
// LogFileHandle: one open log file, read with pread in bounded chunks. Holding the descriptor keeps
// reading the same file after the shim renames it to path.1, which is how a rotation loses no lines.

import Glibc
import Platform

/// An open, read-only log file with its identity (device + inode) for spotting rotations.
final class LogFileHandle {
    /// The largest read; keeps each call short so the cooperative pool is never held for long.
    static let chunkSize = 256 * 1024

    let descriptor: FileDescriptor
    /// Device and inode at open time.
    let identity: FileIdentity

    /// Opens `path`; nil when it does not exist (no log yet, or a rotation between rename and create).
    init?(path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Errno.current("open \(path)")
        }
        descriptor = FileDescriptor(owning: fd)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Errno.current("fstat \(path)") }
        identity = FileIdentity(info)
    }

    /// The current size in bytes.
    func size() throws -> Int64 {
        var info = stat()
        guard fstat(descriptor.rawValue, &info) == 0 else { throw Errno.current("fstat") }
        return Int64(info.st_size)
    }

    /// Reads up to `count` bytes (at most `chunkSize`) at `offset`; empty at end of file.
    func read(at offset: Int64, count: Int = chunkSize) throws -> [UInt8] {
        let wanted = min(count, Self.chunkSize)
        guard wanted > 0 else { return [] }
        let fd = descriptor.rawValue
        return try [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
            initialized = try retryingEINTR("pread") { pread(fd, buffer.baseAddress, wanted, off_t(offset)) }
        }
    }

    /// The identity of whatever file `path` names now, nil if none.
    static func identity(of path: String) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(info)
    }
}

/// Device and inode: the same pair means the same file, whatever its name now.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
