// SPDX-License-Identifier: Apache-2.0
// A growable read buffer: bytes are appended at the end and consumed from the front.

/// Bytes received but not yet consumed by a decoder.
public struct ByteBuffer: Sendable {
    /// Storage; the unread bytes are `storage[readerIndex...]`.
    public private(set) var storage: [UInt8] = []
    /// Offset of the first unread byte.
    public private(set) var readerIndex = 0

    /// An empty buffer.
    public init() {}

    /// A buffer holding `bytes`.
    public init(_ bytes: [UInt8]) { storage = bytes }

    /// Number of unread bytes.
    public var readableCount: Int { storage.count - readerIndex }

    /// True when nothing is left to read.
    public var isEmpty: Bool { readableCount == 0 }

    /// The unread bytes.
    public var readable: ArraySlice<UInt8> { storage[readerIndex...] }

    /// Appends bytes at the end.
    public mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    /// Appends bytes written by `body` into up to `capacity` bytes of fresh space; `body` returns how many it wrote.
    public mutating func append(capacity: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) rethrows {
        compactIfWorthIt()
        let start = storage.count
        storage.append(contentsOf: repeatElement(0, count: capacity))
        let written = try storage.withUnsafeMutableBytes { raw in
            try body(UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
        }
        storage.removeLast(capacity - max(0, written))
    }

    /// Consumes `count` bytes and returns them.
    public mutating func read(_ count: Int) -> ArraySlice<UInt8> {
        let end = readerIndex + min(count, readableCount)
        defer { readerIndex = end }
        return storage[readerIndex..<end]
    }

    /// Skips `count` bytes.
    public mutating func skip(_ count: Int) { readerIndex += min(count, readableCount) }

    /// Takes every unread byte, leaving the buffer empty.
    public mutating func readAll() -> [UInt8] {
        defer { storage.removeAll(keepingCapacity: true); readerIndex = 0 }
        return Array(storage[readerIndex...])
    }

    /// Index (absolute, into `storage`) of the first `byte` at or after `from`, searching unread bytes only.
    public func firstIndex(of byte: UInt8, from: Int? = nil) -> Int? {
        storage[(from ?? readerIndex)...].firstIndex(of: byte)
    }

    private mutating func compactIfWorthIt() {
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex > 4096 && readerIndex * 2 > storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }
}
