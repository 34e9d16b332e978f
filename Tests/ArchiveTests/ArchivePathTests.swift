// SPDX-License-Identifier: Apache-2.0
// Name cleaning and whiteout classification, without touching the disk.

import Testing

@testable import Archive
import Platform

@Suite struct ArchivePathTests {
    private func parts(_ name: String) -> [String]? {
        ArchivePath.components(Array(name.utf8)).map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func dropsLeadingSlashDotsAndEmptyParts() {
        #expect(parts("/etc/passwd") == ["etc", "passwd"])
        #expect(parts("./a//b/./c/") == ["a", "b", "c"])
        #expect(parts("./") == [])
        #expect(parts("") == [])
        #expect(parts("...") == ["..."])
        #expect(parts(".hidden/..x") == [".hidden", "..x"])
    }

    @Test func refusesDotDotAnywhere() {
        #expect(parts("../x") == nil)
        #expect(parts("a/../../x") == nil)
        #expect(parts("a/..") == nil)
        #expect(parts("/..") == nil)
    }

    @Test func joinsWithRootAsDot() {
        #expect(ArchivePath.join([]) == Array(".".utf8))
        #expect(ArchivePath.join([Array("a".utf8), Array("b".utf8)]) == Array("a/b".utf8))
    }

    private func whiteout(_ name: String) -> Whiteout? {
        Whiteout(ArchivePath.components(Array(name.utf8)) ?? [])
    }

    @Test func classifiesWhiteouts() {
        #expect(whiteout("a/b") == Whiteout.plain)
        #expect(whiteout("a/.wh.b") == .remove(parent: [Array("a".utf8)], name: Array("b".utf8)))
        #expect(whiteout(".wh.top") == .remove(parent: [], name: Array("top".utf8)))
        #expect(whiteout("a/.wh..wh..opq") == .opaque(directory: [Array("a".utf8)]))
        #expect(whiteout(".wh..wh..opq") == .opaque(directory: []))
        #expect(whiteout(".wh..wh.plnk") == .metadata)
        #expect(whiteout(".wh..wh.plnk/1234.5") == .metadata)
        #expect(whiteout("a/.wh..wh.aufs") == .metadata)
        #expect(whiteout("a/.wh.") == nil)
        #expect(whiteout("a/.wh..") == nil)
        #expect(whiteout("a/.wh...") == nil)
        #expect(whiteout("a/.wh.b/c") == Whiteout.plain)
    }
}
