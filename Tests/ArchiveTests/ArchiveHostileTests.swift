// SPDX-License-Identifier: Apache-2.0
// Hostile layers: every escape is refused or lands inside the destination, never on the host; broken
// streams fail with libarchive's message. Each case runs chrooted (as root) and with secure flags.

import Glibc
import Testing

@testable import Archive
import Platform

@Suite struct ArchiveHostileTests {
    /// Unpacks `layer` into `<tmp>/parent/diff` and returns the outcome plus the parent (to check for
    /// files that climbed one level) and the diff dir.
    private func attempt(_ containment: LayerUnpacker.Containment, _ build: (TarWriter) throws -> Void) async throws
        -> (root: String, diff: String, outcome: Result<LayerUnpackResult, ArchiveError>)
    {
        await Fixture.unpack(try Fixture.tar(.none, build), containment: containment)
    }

    @Test(arguments: Fixture.containments) func dotDotNamesAreRefused(containment: LayerUnpacker.Containment) async throws {
        for name in ["../x", "a/../../x", "a/b/../../../x", "./.."] {
            let (root, diff, outcome) = try await attempt(containment) { try $0.addFile(name, bytes: [1]) }
            defer { Fixture.remove(root) }
            #expect(throws: ArchiveError.self) { try outcome.get() }
            if case .failure(let error) = outcome {
                #expect(error.kind == .unsafeEntry && error.path == name && error.message.contains(".."))
            }
            #expect(Fixture.status(root + "/x") == nil)
            #expect(Fixture.status(diff + "/x") == nil)
        }
    }

    @Test(arguments: Fixture.containments) func absoluteNamesLandInside(containment: LayerUnpacker.Containment) async throws {
        let name = Fixture.escapeName()
        let (root, diff, outcome) = try await attempt(containment) { tar in
            try tar.addFile("/etc/\(name)", bytes: [1])
            try tar.addFile("/tmp/\(name)", bytes: [2])
        }
        defer { Fixture.remove(root) }
        _ = try outcome.get()
        #expect(Fixture.status("/etc/" + name) == nil)
        #expect(Fixture.status("/tmp/" + name) == nil)
        #expect(Fixture.read(diff + "/etc/" + name) == [1])
        #expect(Fixture.read(diff + "/tmp/" + name) == [2])
    }

    @Test(arguments: Fixture.containments, ["/", "../../..", "../../../../../../tmp/..", "/tmp/.."])
    func symlinkEscapesStayInside(containment: LayerUnpacker.Containment, target: String) async throws {
        let name = Fixture.escapeName()
        let (root, diff, outcome) = try await attempt(containment) { tar in
            try tar.addSymlink("esc", target: target)
            try tar.addFile("esc/tmp/\(name)", bytes: [3])
        }
        defer { Fixture.remove(root) }
        #expect(Fixture.status("/tmp/" + name) == nil)
        #expect(Fixture.status(root + "/tmp/" + name) == nil)
        switch outcome {
        case .success(let result):
            // Only a chroot may accept it, and then the file resolves inside the destination.
            #expect(result.containment == .chroot)
            #expect(Fixture.read(diff + "/tmp/" + name) == [3])
        case .failure(let error):
            // Secure flags refuse the write; in a chroot "/tmp/.." dangles (no /tmp inside) and fails.
            let resolvesInChroot = target == "/" || target == "../../.."
            #expect(containment == .secureFlags || getuid() != 0 || !resolvesInChroot, "\(error)")
            #expect(!error.message.isEmpty && error.path == "esc/tmp/\(name)")
        }
    }

    @Test(arguments: Fixture.containments, ["/etc/passwd", "etc/passwd", "../outside", "esc/etc/passwd", "never/written"])
    func hardLinksOutsideTheLayerAreRefused(containment: LayerUnpacker.Containment, target: String) async throws {
        let before = Fixture.status("/etc/passwd")?.st_nlink
        let (root, diff, outcome) = try await attempt(containment) { tar in
            try tar.addSymlink("esc", target: "/")
            try tar.addFile("outside-name", bytes: [4])
            try tar.addHardlink("link", target: target)
        }
        defer { Fixture.remove(root) }
        #expect(throws: ArchiveError.self) { try outcome.get() }
        if case .failure(let error) = outcome { #expect(error.kind == .unsafeEntry && error.path == "link") }
        #expect(Fixture.status(diff + "/link") == nil)
        #expect(Fixture.status("/etc/passwd")?.st_nlink == before)
    }

    @Test func hardLinkToAnEarlierEntryWorks() async throws {
        let (root, diff, outcome) = try await attempt(.automatic) { tar in
            try tar.addFile("/data/first", bytes: [5])
            try tar.addHardlink("second", target: "./data//first")
        }
        defer { Fixture.remove(root) }
        _ = try outcome.get()
        #expect(Fixture.status(diff + "/second")?.st_ino == Fixture.status(diff + "/data/first")?.st_ino)
    }

    @Test func rootMustStayADirectory() async throws {
        let (root, diff, outcome) = try await attempt(.automatic) { try $0.addSymlink("./", target: "/") }
        defer { Fixture.remove(root) }
        #expect(throws: ArchiveError.self) { try outcome.get() }
        #expect(Fixture.status(diff)?.st_mode.and(S_IFMT) == S_IFDIR)
    }

    @Test func truncatedGzipFails() async throws {
        let blob = try Fixture.tar(.gzip) { tar in
            try tar.addFile("big", bytes: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        }
        for cut in [blob.count / 2, blob.count - 9, 10] {
            let (root, _, outcome) = await Fixture.unpack(Array(blob[0..<cut]))
            defer { Fixture.remove(root) }
            #expect(throws: ArchiveError.self) { try outcome.get() }
            if case .failure(let error) = outcome { #expect(error.kind == .library && !error.message.isEmpty) }
        }
    }

    @Test func truncatedPlainTarFails() async throws {
        let blob = try Fixture.tar { try $0.addFile("big", bytes: [UInt8](repeating: 1, count: 50_000)) }
        let (root, _, outcome) = await Fixture.unpack(Array(blob[0..<30_000]))
        defer { Fixture.remove(root) }
        #expect(throws: ArchiveError.self) { try outcome.get() }
        if case .failure(let error) = outcome { #expect(error.message.lowercased().contains("truncated")) }
    }

    @Test func garbageAndEmptyInputFail() async throws {
        let garbage = Array(repeating: Array("this is not a tar stream, just text. ".utf8), count: 200).flatMap { $0 }
        for blob in [garbage, Crypto.randomBytes(4096).map { $0 | 0x80 }, []] {
            let (root, _, outcome) = await Fixture.unpack(blob)
            defer { Fixture.remove(root) }
            #expect(throws: ArchiveError.self) { try outcome.get() }
            if case .failure(let error) = outcome { #expect(error.kind == .library && !error.message.isEmpty) }
        }
    }
}
