// SPDX-License-Identifier: Apache-2.0
// Applies one image layer (tar; plain, gzip, bzip2, xz or zstd) into a directory, safely, off the
// cooperative pool, and reports the DiffID (SHA-256 of the uncompressed tar) from the same read.
//
// Threads: a DedicatedThread (resumes the caller) joins an IsolatedThread that unshares its fs state
// (CLONE_FS) and chroots into the destination, so no name, symlink or hard link can reach outside it
// (moby's chrootarchive; notes §5). The chrooted thread exits after the layer, is never reused, and
// starts no threads (they would share its root). Names are cleaned as Docker does (leading "/"
// dropped, ".." refused), hard links must name an earlier entry of the same layer, and OCI/AUFS
// whiteouts become overlayfs ones (0/0 char devices, opaque xattrs).
//
// One read of the blob: libarchive's raw format decompresses it (stage 1, DecompressedStream), every
// decompressed block is hashed and then handed by pointer to the tar reader (stage 2) through its
// read callback; the bytes after the tar's end marker are drained and hashed too.
//
// On failure the destination may hold part of the layer: the caller deletes it (a half-applied layer
// must never be used, and only the caller knows whether the directory was fresh).

import Platform

/// The outcome of applying one layer.
public struct LayerUnpackResult: Sendable, Equatable {
    /// SHA-256 of the uncompressed tar stream (the layer's DiffID), 32 bytes.
    public let diffID: [UInt8]
    /// Length of the uncompressed tar stream in bytes.
    public let uncompressedSize: Int64
    /// Bytes read from the input (the blob as stored).
    public let compressedSize: Int64
    /// Tar entries seen, whiteouts included.
    public let entryCount: Int
    /// How the extraction was contained.
    public let containment: LayerUnpacker.Containment
    /// libarchive's non-fatal warnings (the first 20), e.g. an xattr the filesystem refused.
    public let warnings: [String]

    /// The DiffID as 64 lowercase hex digits.
    public var diffIDHex: String { Crypto.hex(diffID) }
}

/// Applies image layers to directories (one overlayfs "diff" directory per layer).
public enum LayerUnpacker {
    /// How extraction is kept inside the destination.
    public enum Containment: Sendable, Equatable {
        /// `chroot` when the process may chroot (root), else `secureFlags`.
        case automatic
        /// The worker thread chroots into the destination; symlinks then resolve inside it, so
        /// legitimate absolute symlinks work and escapes stay contained. Needs CAP_SYS_CHROOT.
        case chroot
        /// No chroot (unprivileged): libarchive refuses any write through a symlink
        /// (ARCHIVE_EXTRACT_SECURE_SYMLINKS), which is safe but rejects layers that write through
        /// their own symlinks.
        case secureFlags
    }

    /// Per-call options.
    public struct Options: Sendable {
        /// How extraction is contained; `.automatic` by default.
        public var containment: Containment

        /// Options with the given containment.
        public init(containment: Containment = .automatic) { self.containment = containment }
    }

    /// Applies the layer read from `input` (from its current offset to end of file) into the existing
    /// directory `destination`. `input` may be a file, a pipe or a socket, blocking or not.
    public static func unpack(
        from input: FileDescriptor, into destination: String, options: Options = Options()
    ) async throws(ArchiveError) -> LayerUnpackResult {
        // The caller's reference keeps `input` open for the whole call; the worker sees only the number.
        try await run(.descriptor(input.rawValue), destination, options)
    }

    /// Applies the layer stored at `path` into the existing directory `destination`.
    public static func unpack(
        contentsOf path: String, into destination: String, options: Options = Options()
    ) async throws(ArchiveError) -> LayerUnpackResult {
        try await run(.path(path), destination, options)
    }

    private static func run(
        _ input: LayerExtraction.Input, _ destination: String, _ options: Options
    ) async throws(ArchiveError) -> LayerUnpackResult {
        let cancellation = CancellationFlag()
        do {
            return try await withTaskCancellationHandler {
                try await DedicatedThread.run(name: "berth-unpack") {
                    try LayerExtraction(
                        input: input, destination: destination, containment: options.containment,
                        cancellation: cancellation
                    ).run()
                }
            } onCancel: {
                cancellation.cancel()
            }
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.system, "\(error)", path: destination)
        }
    }
}
