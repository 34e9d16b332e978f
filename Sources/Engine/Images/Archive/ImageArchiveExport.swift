// SPDX-License-Identifier: Apache-2.0
// A `docker save` tarball, planned: the members in order, small ones as bytes and blobs as files of the
// content store. `write(to:)` streams it in pieces of about 1 MiB, never holding a layer in memory.

import Glibc
import Platform

/// The members of an image tarball, ready to stream.
public struct ImageArchiveExport: Sendable {
    /// Where a member's bytes come from.
    enum Source: Sendable {
        case directory
        case bytes([UInt8])
        case file(path: String, size: Int64)
    }

    /// One member.
    struct Member: Sendable {
        let path: String
        let source: Source
    }

    /// The members in archive order.
    let members: [Member]
    /// How many bytes a piece holds before it is sent.
    static let pieceSize = 1 << 20

    /// Sends the tarball to `send`, piece by piece, ending with the end-of-archive marker.
    public func write(to send: @Sendable ([UInt8]) async throws -> Void) async throws {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.pieceSize + TarStreamHeader.blockSize * 2)
        for member in members {
            switch member.source {
            case .directory:
                buffer += TarStreamWriter.header(for: TarStreamEntry(path: member.path, kind: .directory, mode: 0o755))
            case .bytes(let bytes):
                buffer += TarStreamWriter.header(for: TarStreamEntry(path: member.path, kind: .file, size: Int64(bytes.count)))
                buffer += bytes
                buffer += TarStreamWriter.padding(forSize: Int64(bytes.count))
            case .file(let path, let size):
                buffer += TarStreamWriter.header(for: TarStreamEntry(path: member.path, kind: .file, size: size))
                try await Self.copy(path: path, size: size, into: &buffer, send: send)
                buffer += TarStreamWriter.padding(forSize: size)
            }
            if buffer.count >= Self.pieceSize {
                try await send(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        buffer += TarStreamWriter.endOfArchive
        try await send(buffer)
    }

    /// Appends exactly `size` bytes of the file at `path`, sending full pieces on the way.
    static func copy(path: String, size: Int64, into buffer: inout [UInt8], send: @Sendable ([UInt8]) async throws -> Void) async throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw EngineError.system("open \(path): \(Errno.current("open").message)") }
        defer { close(fd) }
        var left = size
        var chunk = [UInt8](repeating: 0, count: pieceSize)
        while left > 0 {
            let count = read(fd, &chunk, Int(min(Int64(chunk.count), left)))
            if count < 0 {
                if errno == EINTR { continue }
                throw EngineError.system("read \(path): \(Errno.current("read").message)")
            }
            guard count > 0 else { throw EngineError.system("blob \(path) is shorter than its \(size) bytes") }
            buffer += chunk[..<count]
            left -= Int64(count)
            if buffer.count >= pieceSize {
                try await send(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }
}
