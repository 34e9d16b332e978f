// SPDX-License-Identifier: Apache-2.0
// A received response: the head at once, the body on demand (collected, or piece by piece as an
// async sequence for streams such as /events).

import HTTPCore
import Platform

/// A response whose body is read from its connection when asked for.
public struct HTTPClientResponse: Sendable {
    /// Status line and headers.
    public let head: HTTPResponseHead
    /// How the body is delimited.
    public let framing: HTTP1ResponseDecoder.Framing
    /// The connection the body comes from (for `upgrade()` after a 101).
    public let connection: HTTPConnection
    let generation: UInt64

    /// The status code and reason.
    public var status: HTTPStatus { head.status }
    /// The header fields.
    public var headers: HTTPHeaders { head.headers }

    /// The next piece of the body, or nil at its end; waits for the server until `deadline`.
    public func nextPiece(until deadline: Deadline? = nil) async throws -> [UInt8]? {
        try await connection.nextBodyPiece(generation: generation, until: deadline)
    }

    /// Reads the whole body; throws `HTTPClientError.bodyTooLarge` (and closes the connection) past `limit` bytes.
    public func body(upTo limit: Int, until deadline: Deadline? = nil) async throws -> [UInt8] {
        if case .length(let length) = framing, length > limit {
            await connection.close()
            throw HTTPClientError.bodyTooLarge(limit: limit)
        }
        var all: [UInt8] = []
        while let piece = try await nextPiece(until: deadline) {
            guard all.count + piece.count <= limit else {
                await connection.close()
                throw HTTPClientError.bodyTooLarge(limit: limit)
            }
            all += piece
        }
        return all
    }

    /// Reads and drops the rest of the body, so the connection can serve the next request.
    public func discardBody(until deadline: Deadline? = nil) async throws {
        while try await nextPiece(until: deadline) != nil {}
    }

    /// The body as an async sequence of pieces, each waited for at most `idleTimeout` seconds (nil: forever).
    public func pieces(idleTimeout: Double? = nil) -> HTTPResponseBodyPieces {
        HTTPResponseBodyPieces(response: self, idleTimeout: idleTimeout)
    }
}

/// The pieces of a response body as they arrive.
public struct HTTPResponseBodyPieces: AsyncSequence, Sendable {
    /// A body piece.
    public typealias Element = [UInt8]
    let response: HTTPClientResponse
    let idleTimeout: Double?

    /// Reads pieces from the response's connection.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let response: HTTPClientResponse
        let idleTimeout: Double?

        /// The next piece, or nil at the end of the body.
        public mutating func next() async throws -> [UInt8]? {
            try await response.nextPiece(until: idleTimeout.map { Deadline.after(seconds: $0) })
        }
    }

    /// Starts iterating.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(response: response, idleTimeout: idleTimeout) }
}
