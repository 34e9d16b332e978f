// SPDX-License-Identifier: Apache-2.0
// Collects a probe's output from the exec shim's attach stream: stdcopy frames (8-byte header, payload)
// that may arrive split anywhere; stdout and stderr go into one buffer, as dockerd's probe writes both to
// its limitedBuffer, which keeps the first 4096 bytes and marks a cut with "...".

import ShimProtocol

/// The output of one probe.
struct ProbeOutput {
    /// dockerd's maxOutputLen.
    static let limit = 4096

    private var pending: [UInt8] = []
    private var kept: [UInt8] = []
    private var truncated = false

    /// Feeds bytes as read from the stream.
    mutating func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        pending.append(contentsOf: bytes)
        while let (_, count) = ShimFrame.parse(pending), pending.count >= ShimFrame.headerSize + count {
            let payload = pending[ShimFrame.headerSize..<(ShimFrame.headerSize + count)]
            let room = Self.limit - kept.count
            kept.append(contentsOf: payload.prefix(max(0, room)))
            if payload.count > room { truncated = true }
            pending.removeFirst(ShimFrame.headerSize + count)
        }
    }

    /// The text so far, with "..." when something was cut (invalid UTF-8 is replaced, as Go's JSON does).
    var text: String {
        String(decoding: kept, as: UTF8.self) + (truncated ? "..." : "")
    }
}
