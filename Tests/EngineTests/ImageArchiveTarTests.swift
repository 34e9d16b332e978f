// SPDX-License-Identifier: Apache-2.0
// The daemon's own tar writer and streaming reader: round trips, pieces split anywhere, pax long names,
// and refusal of bad checksums, unsafe names and truncated streams.

import Testing

@testable import Engine

/// One parsed member with its data.
struct ParsedMember: Equatable {
    var entry: TarStreamEntry
    var data: [UInt8]
}

/// Parses `pieces` in order; throws what the reader throws.
func parseTar(_ pieces: [[UInt8]]) throws -> [ParsedMember] {
    var reader = TarStreamReader()
    var members: [ParsedMember] = []
    for piece in pieces {
        try reader.feed(piece) { event in
            switch event {
            case .entry(let entry): members.append(ParsedMember(entry: entry, data: []))
            case .data(let slice): members[members.count - 1].data += slice
            case .end: break
            }
        }
    }
    try reader.finish()
    return members
}

/// An archive of `members` as TarStreamWriter writes it.
func writeTar(_ members: [ParsedMember]) -> [UInt8] {
    var out: [UInt8] = []
    for member in members {
        out += TarStreamWriter.header(for: member.entry) + member.data + TarStreamWriter.padding(forSize: Int64(member.data.count))
    }
    return out + TarStreamWriter.endOfArchive
}

/// A regular-file member.
func fileMember(_ path: String, _ data: [UInt8]) -> ParsedMember {
    ParsedMember(entry: TarStreamEntry(path: path, kind: .file, size: Int64(data.count)), data: data)
}

@Suite struct ImageArchiveTarTests {
    static let longName = "blobs/" + String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: 80) + "/layer.tar"

    static let sample: [ParsedMember] = [
        ParsedMember(entry: TarStreamEntry(path: "blobs", kind: .directory, mode: 0o755), data: []),
        fileMember("empty", []),
        fileMember("a.json", Array("{\"a\":1}".utf8)),
        fileMember("blobs/exact", [UInt8](repeating: 7, count: 512)),
        fileMember("blobs/odd", (0..<1500).map { UInt8($0 % 251) }),
        fileMember(longName, Array("long\n".utf8)),
        ParsedMember(entry: TarStreamEntry(path: "link", kind: .symlink, mode: 0o777, linkTarget: "../x/" + longName), data: []),
        ParsedMember(entry: TarStreamEntry(path: "hard", kind: .hardLink, linkTarget: "a.json"), data: []),
    ]

    @Test func roundTrip() throws {
        let bytes = writeTar(Self.sample)
        #expect(bytes.count % 512 == 0)
        #expect(try parseTar([bytes]) == Self.sample)
    }

    @Test func piecesSplitAtEveryOffset() throws {
        let members = Array(Self.sample.prefix(5)) + [Self.sample[6]]
        let bytes = writeTar(members)
        for split in 0...bytes.count {
            #expect(try parseTar([Array(bytes[..<split]), Array(bytes[split...])]) == members, "split at \(split)")
        }
        #expect(try parseTar(bytes.map { [$0] }) == members, "one byte at a time")
    }

    @Test func paxLongNamesAndSizes() throws {
        let header = TarStreamWriter.header(for: TarStreamEntry(path: Self.longName, kind: .file, size: 5))
        #expect(header.count == 3 * 512, "pax header, its data block, then the ustar header")
        #expect(header[156] == UInt8(ascii: "x"))
        let record = TarStreamWriter.paxRecord("path", Self.longName)
        #expect(String(decoding: record, as: UTF8.self).hasPrefix("\(record.count) path="))
        #expect(TarStreamHeader.paxRecords(record) == ["path": Self.longName])
        #expect(TarStreamHeader.paxRecords(Array("5 a=b\n".utf8) + Array("9 bad\n".utf8)) == nil)
        // Sizes past the octal field go in a pax record; GNU base-256 numbers parse.
        #expect(TarStreamWriter.paxRecord("size", "9000000000") == Array("19 size=9000000000\n".utf8))
        #expect(TarStreamHeader.number([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00][...]) == 256)
        #expect(TarStreamHeader.number(Array("0000644 \0".utf8)[...]) == 0o644)
        #expect(TarStreamHeader.number(Array("0009".utf8)[...]) == nil)
    }

    @Test func gnuLongNameHeaders() throws {
        // A GNU `L` member carries the next member's name.
        let name = Array(Self.longName.utf8) + [0]
        var long = TarStreamWriter.ustarBlock(
            name: "././@LongLink", typeflag: UInt8(ascii: "L"), size: Int64(name.count), mode: 0o644, mtime: 0, linkName: "")
        long += name + TarStreamWriter.padding(forSize: Int64(name.count))
        let file = TarStreamWriter.ustarBlock(name: "truncated", typeflag: UInt8(ascii: "0"), size: 2, mode: 0o644, mtime: 0, linkName: "")
        let bytes = long + file + [104, 105] + TarStreamWriter.padding(forSize: 2) + TarStreamWriter.endOfArchive
        #expect(try parseTar([bytes]).map(\.entry.path) == [Self.longName])
    }

    @Test func badChecksumIsRefused() throws {
        var bytes = writeTar([fileMember("a", [1, 2, 3])])
        bytes[10] = 0x41
        #expect(throws: TarStreamError.badChecksum(offset: 0)) { try parseTar([bytes]) }
        var second = writeTar([fileMember("a", [1]), fileMember("b", [2])])
        second[1024 + 20] ^= 0xff
        #expect(throws: TarStreamError.badChecksum(offset: 1024)) { try parseTar([second]) }
    }

    @Test func unsafeNamesAreRefused() throws {
        for name in ["../evil", "a/../../evil", "/etc/passwd", "a/.."] {
            let bytes = writeTar([fileMember(name, [1])])
            #expect(throws: TarStreamError.unsafePath(name)) { try parseTar([bytes]) }
        }
        let hardLink = writeTar([ParsedMember(entry: TarStreamEntry(path: "h", kind: .hardLink, linkTarget: "../../etc/shadow"), data: [])])
        #expect(throws: TarStreamError.unsafePath("../../etc/shadow")) { try parseTar([hardLink]) }
        // A long hostile name arrives through pax and is checked after it is applied.
        let longEvil = "../" + String(repeating: "x", count: 120)
        #expect(throws: TarStreamError.unsafePath(longEvil)) { try parseTar([writeTar([fileMember(longEvil, [1])])]) }
        #expect(TarStreamPath.clean("./a//b/./c/") == "a/b/c")
        #expect(TarStreamPath.resolve(link: "x/y/layer.tar", target: "../z/layer.tar") == "x/z/layer.tar")
        #expect(TarStreamPath.resolve(link: "x/layer.tar", target: "../../etc/passwd") == nil)
    }

    @Test func truncatedAndGarbageStreamsAreRefused() throws {
        let bytes = writeTar([fileMember("a", [UInt8](repeating: 1, count: 700)), fileMember("b", [2])])
        for cut in [1, 100, 511, 600, 1023, 1500, 1600] {
            #expect(throws: TarStreamError.truncated(offset: Int64(cut)), "cut at \(cut)") { try parseTar([Array(bytes[..<cut])]) }
        }
        // Between members, or with only the end marker missing, the stream may end (as Go's archive/tar allows).
        #expect(try parseTar([Array(bytes[..<1536])]).count == 1)
        #expect(try parseTar([Array(bytes[..<2560])]).count == 2)
        #expect(throws: TarStreamError.truncated(offset: 20)) { try parseTar([Array("not a tarball at all".utf8)]) }
        #expect(throws: TarStreamError.self) { try parseTar([[UInt8](repeating: 0x41, count: 1024)]) }
        // A zero block followed by a header is corrupt, not an end.
        let corrupt = [UInt8](repeating: 0, count: 512) + writeTar([fileMember("a", [1])])
        #expect(throws: TarStreamError.badHeader("data after a zero block", offset: 512)) { try parseTar([corrupt]) }
        // Anything after the end marker (record padding) is ignored.
        #expect(try parseTar([writeTar([fileMember("a", [1])]) + [UInt8](repeating: 9, count: 100)]).count == 1)
    }
}
