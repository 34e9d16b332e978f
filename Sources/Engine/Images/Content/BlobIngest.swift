// SPDX-License-Identifier: Apache-2.0
// One blob being written: bytes go to a temporary file while they are hashed; commit() checks the
// digest and size, syncs, and renames the file to its content address.

import Glibc
import Platform

/// A blob write in progress. Not shared between tasks: one writer appends, then commits or aborts.
public final class BlobIngest {
    private let store: ContentStore
    private let temporaryPath: String
    private let expectedDigest: String?
    private let expectedSize: Int64?
    private let fd: Int32
    private var hasher: SHA256Hasher? = SHA256Hasher()
    private var written: Int64 = 0
    private var finished = false
    private var closed = false

    init(store: ContentStore, temporaryPath: String, expectedDigest: String?, expectedSize: Int64?) throws {
        self.store = store
        self.temporaryPath = temporaryPath
        self.expectedDigest = expectedDigest
        self.expectedSize = expectedSize
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw EngineError.system("create \(temporaryPath): \(Errno.current("open").message)") }
    }

    deinit { abort() }

    /// Bytes written so far.
    public var count: Int64 { written }

    /// Appends bytes, failing early when they exceed the announced size.
    public func append(_ bytes: [UInt8]) throws {
        if let expectedSize, written + Int64(bytes.count) > expectedSize {
            throw EngineError.invalidParameter("blob is larger than its announced size \(expectedSize)")
        }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw EngineError.system("write blob: \(Errno.current("write").message)")
                }
                offset += count
            }
        }
        hasher?.update(bytes)
        written += Int64(bytes.count)
    }

    /// Verifies, syncs and moves the blob into place; returns its digest and size.
    public func commit() throws -> (digest: String, size: Int64) {
        guard let completed = hasher.take() else { throw EngineError.system("blob already committed") }
        let digest = "sha256:" + completed.finalizeHex()
        defer { abort() }
        if let expectedDigest, expectedDigest != digest {
            throw EngineError.invalidParameter("digest mismatch: expected \(expectedDigest), got \(digest)")
        }
        if let expectedSize, expectedSize != written {
            throw EngineError.invalidParameter("size mismatch: expected \(expectedSize) bytes, got \(written)")
        }
        guard fsync(fd) == 0 else { throw EngineError.system("sync blob: \(Errno.current("fsync").message)") }
        guard let final = store.path(for: digest), rename(temporaryPath, final) == 0 else {
            throw EngineError.system("store blob \(digest): \(Errno.current("rename").message)")
        }
        finished = true
        return (digest, written)
    }

    /// Drops the temporary file (no effect after a successful commit).
    public func abort() {
        if !closed {
            closed = true
            close(fd)
        }
        if !finished { unlink(temporaryPath) }
        finished = true
    }
}
