// SPDX-License-Identifier: Apache-2.0
// Where downloaded blob bytes go and where uploaded ones come from: a file descriptor (the content
// store's temp file) or memory (manifests, configs, tests).

import Glibc
import Platform
import Synchronization

/// Receives a blob's bytes in order.
public protocol BlobSink: Sendable {
    /// Appends `bytes`.
    func write(_ bytes: [UInt8]) async throws
}

/// Supplies a blob's bytes by position, so a chunk can be read again when a request is retried.
public protocol BlobSource: Sendable {
    /// Up to `count` bytes starting at `offset` (fewer only at the end).
    func read(at offset: Int64, count: Int) async throws -> [UInt8]
}

extension FileDescriptor: BlobSink {
    /// Appends `bytes` at the descriptor's offset.
    public func write(_ bytes: [UInt8]) async throws { try await writeAll(bytes) }
}

extension FileDescriptor: BlobSource {
    /// pread(2) of up to `count` bytes at `offset`.
    public func read(at offset: Int64, count: Int) async throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { raw in
                pread(rawValue, raw.baseAddress.map { $0 + filled }, count - filled, off_t(offset) + off_t(filled))
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw Errno.current("pread") }
            if got == 0 { break }
            filled += got
        }
        return Array(bytes[..<filled])
    }
}

/// Bytes in memory as a source.
public struct MemoryBlobSource: BlobSource {
    /// The content.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// A slice of the content.
    public func read(at offset: Int64, count: Int) async throws -> [UInt8] {
        let start = Int(min(max(offset, 0), Int64(bytes.count)))
        return Array(bytes[start..<min(start + count, bytes.count)])
    }
}

/// Collects a blob in memory (configs, small blobs, tests).
public final class MemoryBlobSink: BlobSink {
    private let storage = Mutex<[UInt8]>([])

    /// An empty sink.
    public init() {}

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) async throws { storage.withLock { $0 += bytes } }

    /// Everything written so far.
    public var bytes: [UInt8] { storage.withLock { $0 } }
}
