// SPDX-License-Identifier: Apache-2.0
// Size and free space of a mounted filesystem (statvfs(3)), for `GET /system/df` and storage driver status.

import Glibc

/// What statvfs(3) reports for the filesystem holding a path. (statfs(2), which also gives the type magic, is not
/// exported by the Glibc module; the filesystem type is in /proc/self/mountinfo instead.)
public struct FilesystemStats: Sendable, Equatable {
    /// Fragment size in bytes (`f_frsize`), the unit of the block counts.
    public var blockSize: Int64
    /// Total size in bytes (`f_blocks` × `f_frsize`).
    public var totalBytes: Int64
    /// Free bytes, root's reserve included (`f_bfree` × `f_frsize`).
    public var freeBytes: Int64
    /// Bytes available to unprivileged users (`f_bavail` × `f_frsize`).
    public var availableBytes: Int64

    /// Creates a value from known numbers (tests, fixtures).
    public init(blockSize: Int64, totalBytes: Int64, freeBytes: Int64, availableBytes: Int64) {
        self.blockSize = blockSize
        self.totalBytes = totalBytes
        self.freeBytes = freeBytes
        self.availableBytes = availableBytes
    }

    /// Bytes in use (`totalBytes - freeBytes`).
    public var usedBytes: Int64 { totalBytes - freeBytes }

    /// Asks the kernel about the filesystem holding `path`; the corresponding C call is `statvfs(3)`.
    public static func of(path: String) throws(Errno) -> FilesystemStats {
        var info = statvfs()
        _ = try retryingEINTR("statvfs \(path)") { statvfs(path, &info) }
        let blockSize = Int64(clamping: info.f_frsize)
        return FilesystemStats(
            blockSize: blockSize,
            totalBytes: Int64(clamping: info.f_blocks).multipliedReportingOverflow(by: blockSize).partialValue,
            freeBytes: Int64(clamping: info.f_bfree).multipliedReportingOverflow(by: blockSize).partialValue,
            availableBytes: Int64(clamping: info.f_bavail).multipliedReportingOverflow(by: blockSize).partialValue)
    }
}
