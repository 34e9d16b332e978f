// SPDX-License-Identifier: Apache-2.0
// ByteBuffer: appending, consuming from the front, searching, and compaction keeping unread bytes.

import Testing

@testable import HTTPCore

@Suite struct ByteBufferTests {
    @Test func readConsumesFromTheFront() {
        var buffer = ByteBuffer(Array("hello".utf8))
        #expect(buffer.readableCount == 5)
        #expect(Array(buffer.read(2)) == Array("he".utf8))
        buffer.skip(1)
        #expect(Array(buffer.readable) == Array("lo".utf8))
        #expect(Array(buffer.read(10)) == Array("lo".utf8), "read stops at the end")
        #expect(buffer.isEmpty)
        buffer.skip(3)
        #expect(buffer.readerIndex == 5, "skip past the end is clamped")
    }

    @Test func firstIndexSearchesUnreadBytesOnly() {
        var buffer = ByteBuffer(Array("a\nb\nc".utf8))
        #expect(buffer.firstIndex(of: 10) == 1)
        buffer.skip(2)
        #expect(buffer.firstIndex(of: 10) == 3)
        #expect(buffer.firstIndex(of: 10, from: 4) == nil)
        #expect(buffer.firstIndex(of: UInt8(ascii: "a")) == nil)
    }

    @Test func readAllEmptiesTheBuffer() {
        var buffer = ByteBuffer(Array("abc".utf8))
        buffer.skip(1)
        #expect(buffer.readAll() == Array("bc".utf8))
        #expect(buffer.isEmpty)
        #expect(buffer.readerIndex == 0)
        buffer.append(Array("d".utf8))
        #expect(Array(buffer.readable) == Array("d".utf8))
    }

    @Test func compactionKeepsUnreadBytes() {
        var buffer = ByteBuffer()
        buffer.append([UInt8](repeating: 1, count: 5000) + [2, 3])
        buffer.skip(5000)
        buffer.append([4])
        #expect(buffer.readerIndex == 0, "more than 4 KiB consumed and over half the storage: compacted")
        #expect(Array(buffer.readable) == [2, 3, 4])
        buffer.skip(3)
        buffer.append([5])
        #expect(buffer.storage == [5], "fully consumed storage is dropped on append")
    }

    @Test func appendIntoFreshSpace() {
        var buffer = ByteBuffer(Array("ab".utf8))
        buffer.append(capacity: 8) { raw in
            raw.copyBytes(from: Array("cde".utf8))
            return 3
        }
        #expect(Array(buffer.readable) == Array("abcde".utf8))
        buffer.append(capacity: 4) { _ in 0 }
        #expect(buffer.readableCount == 5)
    }
}
