// SPDX-License-Identifier: Apache-2.0
// OCI/AUFS whiteouts become overlayfs whiteouts (0/0 char devices, trusted.overlay.opaque=y); a
// layer cannot forge overlay xattrs of its own. trusted.* needs root: unprivileged runs expect the
// clear EPERM failure instead.

import Glibc
import Testing

@testable import Archive
import Platform

@Suite struct ArchiveWhiteoutTests {
    static let isRoot = getuid() == 0

    private func whiteoutLayer() throws -> [UInt8] {
        try Fixture.tar(.gzip) { tar in
            try tar.addDirectory("a/")
            try tar.add(TarEntry(name: "a/.wh.gone", kind: .file, uid: 7, gid: 8))
            try tar.addFile(".wh.top", bytes: [])
            try tar.addDirectory("b/", mode: 0o711, mtime: 5_000_000)
            try tar.addFile("b/.wh..wh..opq", bytes: [])
            try tar.addFile("b/keep", bytes: [1])
            try tar.addFile("c/.wh..wh..opq", bytes: [])
            try tar.addDirectory(".wh..wh.plnk/")
            try tar.addFile(".wh..wh.plnk/123.456", bytes: [9, 9])
            try tar.addFile("d/.wh..wh.aufs", bytes: [])
        }
    }

    @Test(arguments: Fixture.containments) func convertsWhiteoutsToOverlayForm(containment: LayerUnpacker.Containment) async throws {
        let (root, diff, outcome) = await Fixture.unpack(try whiteoutLayer(), containment: containment)
        defer { Fixture.remove(root) }
        guard Self.isRoot else {
            // trusted.* needs CAP_SYS_ADMIN; a 0/0 whiteout device needs CAP_MKNOD before Linux 5.8 only.
            #expect(throws: ArchiveError.self) { try outcome.get() }
            if case .failure(let error) = outcome {
                #expect(error.code == EPERM && ["a/.wh.gone", "b/.wh..wh..opq"].contains(error.path), "\(error)")
            }
            return
        }
        let result = try outcome.get()
        #expect(result.entryCount == 10)
        for path in ["a/gone", "top"] {
            let info = try #require(Fixture.status(diff + "/" + path))
            #expect(info.st_mode & S_IFMT == S_IFCHR)
            #expect(info.st_rdev == 0)
        }
        #expect(Fixture.status(diff + "/a/gone")?.st_uid == 7)
        #expect(Fixture.xattrs(diff + "/b")["trusted.overlay.opaque"] == [UInt8(ascii: "y")])
        #expect(Fixture.xattrs(diff + "/c")["trusted.overlay.opaque"] == [UInt8(ascii: "y")])
        #expect(Fixture.xattrs(diff + "/a")["trusted.overlay.opaque"] == nil)
        #expect(Fixture.read(diff + "/b/keep") == [1])
        // The opaque marker leaves the directory's own metadata as the layer set it.
        #expect(Fixture.status(diff + "/b")?.st_mode.and(0o7777) == 0o711)
        #expect(Fixture.status(diff + "/b")?.st_mtim.tv_sec == 5_000_000)
        for hidden in [".wh.top", "a/.wh.gone", "b/.wh..wh..opq", ".wh..wh.plnk", "d/.wh..wh.aufs"] {
            #expect(Fixture.status(diff + "/" + hidden) == nil, "\(hidden) should not exist")
        }
    }

    @Test func layerCannotSetOverlayAttributes() async throws {
        let layer = try Fixture.tar { tar in
            let forged: [String: [UInt8]] = [
                "trusted.overlay.opaque": [UInt8(ascii: "y")], "trusted.overlay.redirect": Array("/etc".utf8),
                "trusted.berth-test": [1], "user.berth-test": [2],
            ]
            try tar.add(TarEntry(name: "d/", kind: .directory, mode: 0o755, xattrs: forged))
        }
        let (root, diff, outcome) = await Fixture.unpack(layer)
        defer { Fixture.remove(root) }
        _ = try outcome.get()
        let attributes = Fixture.xattrs(diff + "/d")
        #expect(attributes["trusted.overlay.opaque"] == nil)
        #expect(attributes["trusted.overlay.redirect"] == nil)
        #expect(attributes["user.berth-test"] == [2])
        if Self.isRoot { #expect(attributes["trusted.berth-test"] == [1]) }
    }

    @Test func whiteoutIsNotWrittenThroughASymlink() async throws {
        let name = Fixture.escapeName()
        let layer = try Fixture.tar { tar in
            try tar.addSymlink("esc", target: "/tmp")
            try tar.addFile("esc/.wh.\(name)", bytes: [])
        }
        let (root, _, outcome) = await Fixture.unpack(layer)
        defer { Fixture.remove(root) }
        #expect(throws: ArchiveError.self) { try outcome.get() }
        #expect(Fixture.status("/tmp/" + name) == nil)
    }
}
