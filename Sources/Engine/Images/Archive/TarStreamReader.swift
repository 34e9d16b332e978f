// SPDX-License-Identifier: Apache-2.0
// A push parser for tar streams that arrive in pieces of any size (a request body): it reports each
// member's header, then its data as slices of the pieces, so nothing is held but one header block.
// Handles ustar, pax (`x` with path/linkpath/size; `g` skipped) and GNU long names (`L`, `K`).

/// Parses a tar stream fed piece by piece.
struct TarStreamReader {
    /// What the parser found.
    enum Event {
        /// A member's header; its data (if any) follows as `.data`, then `.end`.
        case entry(TarStreamEntry)
        /// A slice of the current member's data.
        case data(ArraySlice<UInt8>)
        /// The current member is complete.
        case end
    }

    private enum State {
        case header
        case data(remaining: Int64, padding: Int)
        case metadata(flag: UInt8, remaining: Int64, padding: Int)
        case skip(remaining: Int64)
        case done
    }

    /// The largest pax or GNU long-name header accepted.
    static let metadataLimit = 1 << 20

    private var state = State.header
    private var block: [UInt8] = []
    private var metadata: [UInt8] = []
    private var sawZeroBlock = false
    private var overrides: [String: String] = [:]
    /// Bytes consumed so far.
    private(set) var offset: Int64 = 0

    /// Creates a reader at the start of a stream.
    init() { block.reserveCapacity(TarStreamHeader.blockSize) }

    /// Parses `piece`, calling `sink` for every event it completes.
    mutating func feed(_ piece: [UInt8], _ sink: (Event) throws -> Void) throws {
        var index = 0
        while index < piece.count {
            let available = piece.count - index
            switch state {
            case .done:
                return  // anything after the end marker (record padding) is ignored
            case .header:
                let take = min(TarStreamHeader.blockSize - block.count, available)
                block += piece[index..<(index + take)]
                index += take
                offset += Int64(take)
                if block.count == TarStreamHeader.blockSize {
                    try headerComplete(sink)
                    block.removeAll(keepingCapacity: true)
                }
            case .data(let remaining, let padding):
                let take = Int(min(remaining, Int64(available)))
                try sink(.data(piece[index..<(index + take)]))
                index += take
                offset += Int64(take)
                if remaining == Int64(take) {
                    try sink(.end)
                    state = padding > 0 ? .skip(remaining: Int64(padding)) : .header
                } else {
                    state = .data(remaining: remaining - Int64(take), padding: padding)
                }
            case .metadata(let flag, let remaining, let padding):
                let take = Int(min(remaining, Int64(available)))
                metadata += piece[index..<(index + take)]
                index += take
                offset += Int64(take)
                if remaining == Int64(take) {
                    try metadataComplete(flag)
                    state = padding > 0 ? .skip(remaining: Int64(padding)) : .header
                } else {
                    state = .metadata(flag: flag, remaining: remaining - Int64(take), padding: padding)
                }
            case .skip(let remaining):
                let take = Int(min(remaining, Int64(available)))
                index += take
                offset += Int64(take)
                state = remaining == Int64(take) ? .header : .skip(remaining: remaining - Int64(take))
            }
        }
    }

    /// Checks the stream may end here: at the end marker, or (as Go's archive/tar allows) between members.
    func finish() throws(TarStreamError) {
        switch state {
        case .done: return
        case .header where block.isEmpty && overrides.isEmpty: return
        default: throw .truncated(offset: offset)
        }
    }

    private mutating func headerComplete(_ sink: (Event) throws -> Void) throws {
        let start = offset - Int64(TarStreamHeader.blockSize)
        if TarStreamHeader.isZero(block[...]) {
            if sawZeroBlock { state = .done }
            sawZeroBlock = true
            return
        }
        // Go's archive/tar: a zero block followed by anything but a second zero block is corrupt.
        guard !sawZeroBlock else { throw TarStreamError.badHeader("data after a zero block", offset: start) }
        let header = try TarStreamHeader(block[...], offset: start)
        let padding = Int((512 - header.size % 512) % 512)
        switch header.typeflag {
        case UInt8(ascii: "x"), UInt8(ascii: "L"), UInt8(ascii: "K"):
            guard header.size <= Self.metadataLimit else { throw TarStreamError.oversizedMetadata(offset: start) }
            metadata.removeAll()
            state = header.size > 0 ? .metadata(flag: header.typeflag, remaining: header.size, padding: padding) : .header
            return
        case UInt8(ascii: "g"):
            state = header.size > 0 ? .skip(remaining: header.size + Int64(padding)) : .header
            return
        default:
            break
        }
        let entry = try makeEntry(header, offset: start)
        overrides = [:]
        try sink(.entry(entry))
        if entry.size > 0 {
            state = .data(remaining: entry.size, padding: Int((512 - entry.size % 512) % 512))
        } else {
            try sink(.end)
        }
    }

    private mutating func makeEntry(_ header: TarStreamHeader, offset start: Int64) throws -> TarStreamEntry {
        let kind: TarStreamEntry.Kind
        switch header.typeflag {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = .file
        case UInt8(ascii: "1"): kind = .hardLink
        case UInt8(ascii: "2"): kind = .symlink
        case UInt8(ascii: "5"): kind = .directory
        default: kind = .other
        }
        let rawName = overrides["path"] ?? header.name
        // An old-style name with a trailing slash is a directory (v7 archives).
        let isDirectory = kind == .directory || (header.typeflag == 0 && rawName.hasSuffix("/"))
        guard let path = TarStreamPath.clean(rawName) else { throw TarStreamError.unsafePath(rawName) }
        var size = header.size
        if let text = overrides["size"] {
            guard let value = Int64(text), value >= 0 else { throw TarStreamError.badHeader("pax size", offset: start) }
            size = value
        }
        // Header-only kinds carry no data whatever their size field says (Go's isHeaderOnlyType).
        let headerOnly = [UInt8(ascii: "1"), UInt8(ascii: "2"), UInt8(ascii: "3"), UInt8(ascii: "4"), UInt8(ascii: "5"), UInt8(ascii: "6")]
        if headerOnly.contains(header.typeflag) { size = 0 }
        var target = overrides["linkpath"] ?? header.linkName
        if kind == .hardLink {
            guard let cleaned = TarStreamPath.clean(target) else { throw TarStreamError.unsafePath(target) }
            target = cleaned
        }
        return TarStreamEntry(
            path: path, kind: isDirectory ? .directory : kind, size: size, mode: header.mode, mtime: header.mtime, linkTarget: target)
    }

    private mutating func metadataComplete(_ flag: UInt8) throws {
        switch flag {
        case UInt8(ascii: "x"):
            guard let records = TarStreamHeader.paxRecords(metadata) else {
                throw TarStreamError.badHeader("pax records", offset: offset)
            }
            overrides.merge(records) { $1 }
        case UInt8(ascii: "L"):
            overrides["path"] = TarStreamHeader.string(metadata[...])
        default:
            overrides["linkpath"] = TarStreamHeader.string(metadata[...])
        }
        metadata.removeAll()
    }
}
