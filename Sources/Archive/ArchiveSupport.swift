// SPDX-License-Identifier: Apache-2.0
// Setup shared by every libarchive reader and writer here: which decompressors, and the locale.

import CArchive
import CShims
import Glibc
import Platform

/// Helpers for libarchive handles.
enum ArchiveSupport {
    /// Enables the decompressors that libarchive runs in-process: gzip, bzip2, xz and zstd (the ones
    /// Docker accepts for layers and `docker load`).
    ///
    /// Not `archive_read_support_filter_all`: it also registers lzop, lrzip and grzip, which this
    /// libarchive (Debian 12) runs as external programs; inside the extraction chroot that would exec
    /// a binary shipped by the image, as root (the CVE-2019-14271 class of bug). A filter that would
    /// need a program (ARCHIVE_WARN) is refused for the same reason.
    static func enableFilters(_ archive: OpaquePointer) throws(ArchiveError) {
        let filters: [(String, (OpaquePointer) -> Int32)] = [
            ("gzip", archive_read_support_filter_gzip),
            ("bzip2", archive_read_support_filter_bzip2),
            ("xz", archive_read_support_filter_xz),
            ("zstd", archive_read_support_filter_zstd),
        ]
        for (name, enable) in filters where enable(archive) != ARCHIVE_OK {
            throw ArchiveError(.library, "libarchive has no built-in \(name) support (an external program would be needed)")
        }
    }

    /// Runs `body` with the calling thread in the C.UTF-8 locale (uselocale), then restores it.
    ///
    /// Swift leaves the process in the "C" locale, where libarchive cannot convert pax's UTF-8 names
    /// to the "current charset" and mangles them; a thread-local locale fixes that without touching
    /// other threads (setlocale would be process-wide).
    static func withUTF8Locale<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let previous = cshim_use_utf8_locale()
        defer { cshim_restore_locale(previous) }
        return try body()
    }

    /// A NUL-terminated copy of `bytes`, to pass where C wants `const char *`.
    static func cString(_ bytes: [UInt8]) -> [CChar] {
        var chars = bytes.map { CChar(bitPattern: $0) }
        chars.append(0)
        return chars
    }

    /// The bytes of a C string (nil stays nil).
    static func bytes(_ pointer: UnsafePointer<CChar>?) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
    }
}
