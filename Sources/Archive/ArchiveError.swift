// SPDX-License-Identifier: Apache-2.0
// The one error of the Archive area: what failed, libarchive's or the kernel's words, and the entry.

import CArchive
import Glibc
import Platform

/// A failed archive operation: reading, writing or extracting a tar stream.
public struct ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is, so callers can tell bad input from a broken host.
    public enum Kind: Sendable, Equatable {
        /// libarchive refused the stream: corrupt, truncated, not a tar, or an entry it could not write.
        case library
        /// The stream asked for something unsafe (`..`, a hard link out of the layer); nothing was written for it.
        case unsafeEntry
        /// A system call failed (`code` is the errno).
        case system
        /// The caller's task was cancelled; extraction stopped between blocks.
        case cancelled
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// libarchive's `archive_error_string`, `strerror(code)`, or our own text.
    public let message: String
    /// The entry being handled, as named in the archive, when there was one.
    public let path: String?
    /// The errno (`archive_errno` or the syscall's), 0 when none applies.
    public let code: Int32

    /// Makes an error from its parts.
    public init(_ kind: Kind, _ message: String, path: String? = nil, code: Int32 = 0) {
        self.kind = kind
        self.message = message
        self.path = path
        self.code = code
    }

    /// `path: message`, or just the message when no entry was involved.
    public var description: String { path.map { "\($0): \(message)" } ?? message }

    /// The error state of a libarchive handle (archive_error_string, archive_errno).
    static func library(_ archive: OpaquePointer?, _ fallback: String, path: String? = nil) -> ArchiveError {
        let text = archive.flatMap { archive_error_string($0) }.map { String(cString: $0) }
        let code = archive.map { archive_errno($0) } ?? 0
        return ArchiveError(.library, text ?? fallback, path: path, code: code)
    }

    /// A failed system call, with the thread's current errno.
    static func system(_ call: String, path: String? = nil) -> ArchiveError {
        system(call, code: errno, path: path)
    }

    /// A failed system call with an explicit errno.
    static func system(_ call: String, code: Int32, path: String? = nil) -> ArchiveError {
        ArchiveError(.system, "\(call): \(String(cString: strerror(code)))", path: path, code: code)
    }
}
