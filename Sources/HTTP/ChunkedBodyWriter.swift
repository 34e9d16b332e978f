// SPDX-License-Identifier: Apache-2.0
// Streams a response body as HTTP/1.1 chunks (or raw bytes for HTTP/1.0 peers, ended by close).

import HTTPCore
import Platform

/// Writes each piece as one chunk straight to the connection.
struct ChunkedBodyWriter: ResponseBodyWriter {
    let stream: any ByteStream
    let chunked: Bool
    let timeout: Double

    func write(_ bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await stream.write(chunked ? HTTP1ResponseEncoder.chunk(bytes) : bytes, until: .after(seconds: timeout))
    }
}

/// Swallows the body of a streamed response to a HEAD request.
struct DiscardingBodyWriter: ResponseBodyWriter {
    func write(_ bytes: [UInt8]) async throws {}
}
