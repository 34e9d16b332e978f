// SPDX-License-Identifier: Apache-2.0
// Cuts a stream into log lines as dockerd's copier does: at each "\n" (kept), or after 16 KiB without
// one (a partial line), and whatever is left at end of stream.

/// Buffers one output stream and hands out complete log lines.
public struct LogLineSplitter: Sendable {
    /// The longest line before it is cut (dockerd's 16 KiB copier buffer).
    public static let maxLine = 16 * 1024

    private var pending: [UInt8] = []

    /// An empty splitter.
    public init() {}

    /// True when bytes wait for their newline.
    public var hasPending: Bool { !pending.isEmpty }

    /// Adds `bytes` and calls `emit` for each line completed (newline included) or cut at `maxLine`.
    public mutating func append(_ bytes: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        while start < bytes.count {
            let room = Self.maxLine - pending.count
            let window = min(bytes.count, start + room)
            var end = start
            while end < window && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < window {
                // A newline: the line is pending + bytes[start...end].
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start...end])
                if pending.isEmpty {
                    emit(slice)
                } else {
                    pending.append(contentsOf: slice)
                    pending.withUnsafeBytes(emit)
                    pending.removeAll(keepingCapacity: false)
                }
                start = end + 1
            } else if window - start == room {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<window]))
                pending.withUnsafeBytes(emit)
                pending.removeAll(keepingCapacity: false)
                start = window
            } else {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<window]))
                start = window
            }
        }
    }

    /// Emits what is left (end of stream).
    public mutating func flush(emit: (UnsafeRawBufferPointer) -> Void) {
        guard !pending.isEmpty else { return }
        pending.withUnsafeBytes(emit)
        pending.removeAll(keepingCapacity: false)
    }
}
