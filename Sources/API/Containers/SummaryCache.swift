// SPDX-License-Identifier: Apache-2.0
// `docker ps -a` with 1,000 containers spent ~100 µs per container in JSONEncoder. A container's summary
// only changes with the container (its revision), except the `Status` text, which ages with the clock:
// each summary is encoded once with an empty Status and the current text is spliced in per request.
// Keys are sorted, so `"Status":""}` is always the end of the encoded object.

import Engine
import Models
import Synchronization

/// Encoded container summaries by container ID and revision.
final class SummaryCache: Sendable {
    private let entries = Mutex<[String: (revision: Int, json: [UInt8])]>([:])
    private static let emptyStatusTail = Array(#""Status":""}"#.utf8)

    /// The summary of `container` as JSON, with `status` as its Status.
    func json(for container: Container, status: String, make: () throws -> [UInt8]) rethrows -> [UInt8] {
        let cached = entries.withLock { $0[container.id] }
        var encoded: [UInt8]
        if let cached, cached.revision == container.revision {
            encoded = cached.json
        } else {
            encoded = try make()
            guard encoded.count >= Self.emptyStatusTail.count, encoded.suffix(Self.emptyStatusTail.count).elementsEqual(Self.emptyStatusTail)
            else { return encoded }  // not the expected shape: serve it as is, uncached
            let fresh = encoded
            entries.withLock { $0[container.id] = (container.revision, fresh) }
        }
        encoded.removeLast(2)  // `"}` of the empty Status
        encoded += Self.escaped(status)
        encoded += [UInt8(ascii: "\""), UInt8(ascii: "}")]
        return encoded
    }

    /// Drops entries of containers that no longer exist.
    func keep(only ids: Set<String>) {
        entries.withLock { entries in
            if entries.count > ids.count { entries = entries.filter { ids.contains($0.key) } }
        }
    }

    /// JSON string content for `text` (quotes, backslashes and control characters escaped).
    static func escaped(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), byte]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
