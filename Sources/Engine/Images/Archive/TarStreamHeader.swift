// SPDX-License-Identifier: Apache-2.0
// Parsing one 512-byte tar header block (v7, POSIX ustar, GNU) and pax extended records (POSIX.1-2001
// pax "Extended header" format: "<length> <key>=<value>\n").

/// A raw header block, decoded field by field.
struct TarStreamHeader {
    /// The block size of the format.
    static let blockSize = 512

    /// The name (with the ustar prefix joined in), not yet cleaned.
    var name: String
    /// The type flag byte.
    var typeflag: UInt8
    /// The size field.
    var size: Int64
    /// The mode field.
    var mode: UInt32
    /// The mtime field.
    var mtime: Int64
    /// The link name field.
    var linkName: String

    /// Decodes `block` (512 bytes) found at `offset`; checks the checksum.
    init(_ block: ArraySlice<UInt8>, offset: Int64) throws(TarStreamError) {
        let base = block.startIndex
        func field(_ start: Int, _ length: Int) -> ArraySlice<UInt8> { block[(base + start)..<(base + start + length)] }
        guard let stored = Self.number(field(148, 8)) else { throw .badHeader("checksum", offset: offset) }
        // The checksum sums the block with its own field read as spaces; some old writers summed signed bytes.
        var unsigned: Int64 = 8 * 32
        var signed: Int64 = 8 * 32
        for (index, byte) in block.enumerated() where !(148..<156).contains(index) {
            unsigned += Int64(byte)
            signed += Int64(Int8(bitPattern: byte))
        }
        guard stored == unsigned || stored == signed else { throw .badChecksum(offset: offset) }
        guard let size = Self.number(field(124, 12)), size >= 0 else { throw .badHeader("size", offset: offset) }
        self.size = size
        mode = UInt32(truncatingIfNeeded: Self.number(field(100, 8)) ?? 0)
        mtime = Self.number(field(136, 12)) ?? 0
        typeflag = block[base + 156]
        linkName = Self.string(field(157, 100))
        name = Self.string(field(0, 100))
        // POSIX ustar ("ustar\0" + "00") keeps a name prefix; GNU's "ustar  \0" uses those bytes otherwise.
        if Array(field(257, 6)) == Array("ustar\0".utf8) {
            let prefix = Self.string(field(345, 155))
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
    }

    /// True for a block of zeros (end-of-archive marker).
    static func isZero(_ block: ArraySlice<UInt8>) -> Bool { block.allSatisfy { $0 == 0 } }

    /// A NUL-terminated field as text.
    static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field (spaces and NULs around it allowed), or GNU base-256 when the high bit is set.
    static func number(_ field: ArraySlice<UInt8>) -> Int64? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first & 0x40 == 0 else { return nil }  // negative
            var value = Int64(first & 0x3f)
            for byte in field.dropFirst() {
                guard value <= Int64.max >> 8 else { return nil }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        let digits = field.drop { $0 == 32 || $0 == 0 }.prefix { $0 != 32 && $0 != 0 }
        guard digits.allSatisfy({ $0 >= 48 && $0 <= 55 }) else { return nil }
        var value: Int64 = 0
        for digit in digits {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 8)
            guard !overflow else { return nil }
            value = shifted + Int64(digit - 48)
        }
        return value
    }

    /// The records of a pax extended header: key → value (later keys win); nil when malformed.
    static func paxRecords(_ data: [UInt8]) -> [String: String]? {
        var records: [String: String] = [:]
        var index = 0
        while index < data.count {
            // Trailing NUL padding is tolerated (some writers pad the data block).
            if data[index] == 0 { break }
            var length = 0
            var cursor = index
            while cursor < data.count, data[cursor] >= 48, data[cursor] <= 57, length < 1 << 24 {
                length = length * 10 + Int(data[cursor] - 48)
                cursor += 1
            }
            guard cursor < data.count, data[cursor] == 32, length > cursor - index + 1, index + length <= data.count,
                data[index + length - 1] == 10
            else { return nil }
            let record = data[(cursor + 1)..<(index + length - 1)]
            guard let equals = record.firstIndex(of: 61) else { return nil }
            records[String(decoding: record[..<equals], as: UTF8.self)] = String(decoding: record[(equals + 1)...], as: UTF8.self)
            index += length
        }
        return records
    }
}
