// SPDX-License-Identifier: Apache-2.0
// The worker behind LayerUnpacker. On its DedicatedThread it opens the input; on an IsolatedThread
// below that it enters the destination (unshare CLONE_FS, then chroot or fchdir), pulls entries from
// the tar reader (stage 2, fed by DecompressedStream, stage 1) and writes them with archive_write_disk.

import CArchive
import CShims
import Glibc
import Platform

/// One layer's extraction; used by its DedicatedThread and, while that thread waits, its IsolatedThread.
final class LayerExtraction {
    /// Where the layer's bytes come from.
    ///
    /// A raw descriptor, not a `FileDescriptor`: the caller's reference keeps it open and closes it on
    /// the caller's side, since a `FileDescriptor` deinit talks to the EventLoop (and may start its
    /// threads), which must never happen on the chrooted thread.
    enum Input: Sendable {
        case descriptor(Int32)
        case path(String)
    }

    let input: Input
    let destination: String
    let requested: LayerUnpacker.Containment
    let cancellation: CancellationFlag
    /// Cleaned names of the non-directory entries written so far: the only valid hard link targets.
    var written: Set<[UInt8]> = []
    var warnings: [String] = []

    init(input: Input, destination: String, containment: LayerUnpacker.Containment, cancellation: CancellationFlag) {
        self.input = input
        self.destination = destination
        self.requested = containment
        self.cancellation = cancellation
    }

    /// Opens the input, then enters the destination and extracts on an IsolatedThread (which exits
    /// with its chroot) and returns what it produced.
    func run() throws(ArchiveError) -> LayerUnpackResult {
        // The input is opened before the chroot: its path means the host's file system.
        let fd: Int32
        var owned = false
        switch input {
        case .descriptor(let descriptor):
            fd = descriptor
        case .path(let path):
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw ArchiveError.system("open", path: path) }
            owned = true
        }
        defer { if owned { close(fd) } }
        var outcome: Result<LayerUnpackResult, ArchiveError> = .failure(ArchiveError(.system, "extraction thread did not run"))
        do {
            try IsolatedThread.join(name: "berth-chroot") {
                outcome = Result { () throws(ArchiveError) -> LayerUnpackResult in
                    let containment = try enterDestination()
                    return try ArchiveSupport.withUTF8Locale { () throws(ArchiveError) -> LayerUnpackResult in
                        try extract(from: fd, containment: containment)
                    }
                }
            }
        } catch {
            throw ArchiveError.system("pthread_create", code: error.code)
        }
        return try outcome.get()
    }

    /// Makes the destination this thread's root (or only its cwd when chroot is not allowed).
    private func enterDestination() throws(ArchiveError) -> LayerUnpacker.Containment {
        // CLONE_FS first: chroot and chdir then change this thread only, never the daemon's other threads.
        guard cshim_unshare_fs() == 0 else { throw ArchiveError.system("unshare(CLONE_FS)") }
        let directory = open(destination, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { throw ArchiveError.system("open", path: destination) }
        defer { close(directory) }
        if requested != .secureFlags {
            if cshim_chroot_fd(directory) == 0 { return .chroot }
            let code = errno
            guard requested == .automatic, code == EPERM else { throw ArchiveError.system("chroot", code: code, path: destination) }
        }
        guard fchdir(directory) == 0 else { throw ArchiveError.system("fchdir", path: destination) }
        return .secureFlags
    }

    private func extract(from fd: Int32, containment: LayerUnpacker.Containment) throws(ArchiveError) -> LayerUnpackResult {
        let stream = try DecompressedStream(fd: fd, cancellation: cancellation)
        guard let tar = archive_read_new() else { throw ArchiveError(.system, "archive_read_new: out of memory") }
        defer { archive_read_free(tar) }
        guard archive_read_support_format_tar(tar) == ARCHIVE_OK else { throw ArchiveError.library(tar, "tar format") }
        guard stream.feed(tar) == ARCHIVE_OK else { throw stream.failure ?? ArchiveError.library(tar, "not a tar stream") }
        guard let disk = archive_write_disk_new() else { throw ArchiveError(.system, "archive_write_disk_new: out of memory") }
        defer { archive_write_free(disk) }
        // Numeric uid/gid only: archive_write_disk_set_standard_lookup would load NSS modules from the
        // image inside the chroot (CVE-2019-14271). SECURE_SYMLINKS only without chroot: it rejects
        // legitimate merged-/usr layouts (notes §5), and the chroot already contains symlinks.
        var flags =
            ARCHIVE_EXTRACT_TIME | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_XATTR
            | ARCHIVE_EXTRACT_SECURE_NODOTDOT | ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS
        if geteuid() == 0 { flags |= ARCHIVE_EXTRACT_OWNER }
        if containment == .secureFlags { flags |= ARCHIVE_EXTRACT_SECURE_SYMLINKS }
        guard archive_write_disk_set_options(disk, flags) == ARCHIVE_OK else { throw ArchiveError.library(disk, "extract options") }

        var entries = 0
        var lastPath: String?
        while true {
            var entry: OpaquePointer?
            let rc = archive_read_next_header(tar, &entry)
            if rc == ARCHIVE_EOF { break }
            guard rc >= ARCHIVE_WARN, let entry else { throw stream.failure ?? ArchiveError.library(tar, "bad tar header", path: lastPath) }
            if rc == ARCHIVE_WARN { warn(tar) }
            entries += 1
            lastPath = try apply(entry, from: tar, to: disk, stream: stream)
        }
        // Directory times and modes are fixed up at close (libarchive defers them), still inside the root.
        guard archive_write_close(disk) >= ARCHIVE_WARN else { throw ArchiveError.library(disk, "finishing the extraction") }
        try stream.drain()
        let (digest, size) = stream.finish()
        return LayerUnpackResult(
            diffID: digest, uncompressedSize: size, compressedSize: stream.compressedSize, entryCount: entries,
            containment: containment, warnings: warnings)
    }

    /// Keeps the first 20 non-fatal messages of `archive`.
    func warn(_ archive: OpaquePointer, path: String? = nil) {
        guard warnings.count < 20, let text = archive_error_string(archive) else { return }
        warnings.append(path.map { "\($0): \(String(cString: text))" } ?? String(cString: text))
    }
}
