// SPDX-License-Identifier: Apache-2.0
// RequestBody: collecting under a limit (413 beyond) and reading pieces in arrival order.

import Synchronization
import Testing

@testable import HTTPCore

/// A body source handing out fixed pieces, counting how many were read.
private final class PiecesSource: RequestBodySource {
    let declaredLength: Int?
    private let state: Mutex<(pieces: [[UInt8]], reads: Int)>

    init(_ pieces: [String], declaredLength: Int?) {
        self.declaredLength = declaredLength
        state = Mutex((pieces: pieces.map { Array($0.utf8) }, reads: 0))
    }

    var reads: Int { state.withLock { $0.reads } }

    func nextPiece() async throws -> [UInt8]? {
        state.withLock { state in
            state.reads += 1
            return state.pieces.isEmpty ? nil : state.pieces.removeFirst()
        }
    }
}

@Suite struct RequestBodyTests {
    @Test func piecesArriveInOrder() async throws {
        let body = RequestBody(source: PiecesSource(["ab", "cd", "e"], declaredLength: nil))
        #expect(try await body.nextPiece() == Array("ab".utf8))
        #expect(try await body.nextPiece() == Array("cd".utf8))
        #expect(try await body.nextPiece() == Array("e".utf8))
        #expect(try await body.nextPiece() == nil)
        #expect(body.declaredLength == nil)
    }

    @Test func collectJoinsPiecesUpToTheLimit() async throws {
        let body = RequestBody(source: PiecesSource(["ab", "cd", "e"], declaredLength: nil))
        #expect(try await body.collect(upTo: 5) == Array("abcde".utf8))
    }

    @Test func collectPastTheLimitIsPayloadTooLarge() async throws {
        let source = PiecesSource(["ab", "cd", "ef", "gh"], declaredLength: nil)
        await #expect(throws: HTTPParseError.payloadTooLarge) { try await RequestBody(source: source).collect(upTo: 5) }
        // It stops at the piece that crossed the limit rather than reading the rest.
        #expect(source.reads == 3)
    }

    @Test func declaredLengthOverTheLimitFailsBeforeReading() async throws {
        let source = PiecesSource(["abcdef"], declaredLength: 6)
        await #expect(throws: HTTPParseError.payloadTooLarge) { try await RequestBody(source: source).collect(upTo: 5) }
        #expect(source.reads == 0)
    }

    @Test func memoryBody() async throws {
        let body = RequestBody(bytes: Array("{}".utf8))
        #expect(body.declaredLength == 2)
        #expect(try await body.collect(upTo: 2) == Array("{}".utf8))
        #expect(try await RequestBody().collect(upTo: 0) == [])
        await #expect(throws: HTTPParseError.payloadTooLarge) { try await RequestBody(bytes: [1, 2, 3]).collect(upTo: 2) }
    }
}
