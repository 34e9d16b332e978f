// SPDX-License-Identifier: Apache-2.0
// Lets the registry client stream a blob straight into the content store's ingest.

import Synchronization

/// A registry blob sink writing into a content-store ingest.
final class IngestSink: BlobSink {
    private let ingest: Mutex<BlobIngest>

    init(_ ingest: sending BlobIngest) { self.ingest = Mutex(ingest) }

    func write(_ bytes: [UInt8]) async throws { try ingest.withLock { try $0.append(bytes) } }

    /// Verifies and stores the blob.
    func commit() throws -> (digest: String, size: Int64) { try ingest.withLock { try $0.commit() } }

    /// Drops the partial blob.
    func abort() { ingest.withLock { $0.abort() } }
}
