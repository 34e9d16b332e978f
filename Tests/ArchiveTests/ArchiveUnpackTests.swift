// SPDX-License-Identifier: Apache-2.0
// LayerUnpacker on well-formed layers: content, modes, times, owners, links, the DiffID for every
// compression, and whiteout conversion. Root-only effects (owners, mknod, trusted.* xattrs) are
// asserted as root; unprivileged runs assert the fallback instead.

import Foundation
import Glibc
import Testing

@testable import Archive
import Platform

@Suite struct ArchiveUnpackTests {
    static let isRoot = getuid() == 0

    private func sampleLayer(_ compression: TarWriter.Compression = .none) throws -> [UInt8] {
        try Fixture.tar(compression) { tar in
            try tar.addDirectory("bin/", mode: 0o755, mtime: 1_000_000)
            try tar.addFile("bin/tool", bytes: Array("#!/bin/sh\necho hi\n".utf8), mode: 0o755, mtime: 2_000_000, uid: 1000, gid: 1001)
            try tar.addFile("bin/suid", bytes: [1, 2, 3], mode: 0o4755, mtime: 2_000_001)
            try tar.addDirectory("usr/lib/", mode: 0o750, mtime: 1_500_000)
            try tar.addFile("usr/lib/libx.so", bytes: [UInt8](repeating: 7, count: 300_000), mode: 0o644, mtime: 3_000_000)
            try tar.addSymlink("lib", target: "usr/lib", mtime: 4_000_000)
            try tar.addSymlink("abs", target: "/usr/lib/libx.so")
            try tar.addHardlink("bin/tool-again", target: "bin/tool")
            try tar.addFile("/etc/absolute", bytes: Array("stripped\n".utf8))
        }
    }

    @Test(arguments: Fixture.containments) func extractsContentModesTimesAndLinks(containment: LayerUnpacker.Containment) async throws {
        let cwd = FileManager.default.currentDirectoryPath
        let (root, diff, outcome) = await Fixture.unpack(try sampleLayer(), containment: containment)
        defer { Fixture.remove(root) }
        let result = try outcome.get()
        #expect(result.entryCount == 9)
        #expect(result.containment == (containment == .automatic && Self.isRoot ? .chroot : .secureFlags))
        #expect(Fixture.read(diff + "/bin/tool") == Array("#!/bin/sh\necho hi\n".utf8))
        #expect(Fixture.read(diff + "/usr/lib/libx.so") == [UInt8](repeating: 7, count: 300_000))
        #expect(Fixture.read(diff + "/etc/absolute") == Array("stripped\n".utf8))
        #expect(Fixture.linkTarget(diff + "/lib") == "usr/lib")
        #expect(Fixture.linkTarget(diff + "/abs") == "/usr/lib/libx.so")
        let tool = try #require(Fixture.status(diff + "/bin/tool"))
        #expect(tool.st_mode & 0o7777 == 0o755)
        #expect(tool.st_mtim.tv_sec == 2_000_000)
        #expect(tool.st_nlink == 2)
        #expect(Fixture.status(diff + "/bin/tool-again")?.st_ino == tool.st_ino)
        #expect(Fixture.status(diff + "/usr/lib")?.st_mode.and(0o7777) == 0o750)
        // Directory times are fixed up after their children were written.
        #expect(Fixture.status(diff + "/bin")?.st_mtim.tv_sec == 1_000_000)
        #expect(Fixture.status(diff + "/usr/lib")?.st_mtim.tv_sec == 1_500_000)
        if Self.isRoot {
            #expect(tool.st_uid == 1000 && tool.st_gid == 1001)
            #expect(Fixture.status(diff + "/bin/suid")?.st_mode.and(0o7777) == 0o4755)
        } else {
            #expect(tool.st_uid == getuid())
        }
        // The worker thread's chroot and chdir never reach the rest of the process.
        #expect(FileManager.default.currentDirectoryPath == cwd)
        #expect(Fixture.status(root + "/blob") != nil)
    }

    @Test(arguments: [TarWriter.Compression.none, .gzip, .zstd]) func diffIDIsSHA256OfTheUncompressedTar(
        compression: TarWriter.Compression
    ) async throws {
        let plain = try sampleLayer()
        let blob = try sampleLayer(compression)
        #expect(compression == .none ? blob == plain : blob != plain)
        let (root, _, outcome) = await Fixture.unpack(blob)
        defer { Fixture.remove(root) }
        let result = try outcome.get()
        #expect(result.diffID == Crypto.sha256(plain))
        #expect(result.diffIDHex == Crypto.hex(Crypto.sha256(plain)))
        #expect(result.uncompressedSize == Int64(plain.count))
        #expect(result.compressedSize == Int64(blob.count))
    }

    @Test(arguments: ["bzip2", "xz"]) func otherCompressionsAreDetected(filter: String) async throws {
        let plain = try sampleLayer()
        let blob = Fixture.compress(plain, with: filter)
        #expect(!blob.isEmpty && blob != plain)
        let (root, diff, outcome) = await Fixture.unpack(blob)
        defer { Fixture.remove(root) }
        #expect(try outcome.get().diffID == Crypto.sha256(plain))
        #expect(Fixture.read(diff + "/bin/tool") != nil)
    }

    @Test func diffIDCoversPaddingAfterTheEndMarker() async throws {
        // docker/GNU tar pad to 10 KiB records; those zeros are part of the DiffID.
        let plain = try sampleLayer() + [UInt8](repeating: 0, count: 9216)
        let (root, _, outcome) = await Fixture.unpack(Fixture.compress(plain, with: "gzip"))
        defer { Fixture.remove(root) }
        let result = try outcome.get()
        #expect(result.diffID == Crypto.sha256(plain))
        #expect(result.uncompressedSize == Int64(plain.count))
    }

    @Test func readsANonBlockingPipe() async throws {
        let blob = try sampleLayer(.gzip)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let reader = FileDescriptor(owning: fds[0])
        try reader.setNonBlocking()
        let writeEnd = fds[1]
        // The writer trickles the blob so the unpacker meets EAGAIN and has to wait in poll.
        async let written: Void = DedicatedThread.run(name: "test-writer") {
            defer { close(writeEnd) }
            var offset = 0
            while offset < blob.count {
                let end = min(blob.count, offset + 1000)
                let count = blob[offset..<end].withUnsafeBytes { Glibc.write(writeEnd, $0.baseAddress, $0.count) }
                guard count > 0 else { return }
                offset += count
                usleep(200)
            }
        }
        let diff = Fixture.directory()
        defer { Fixture.remove(diff) }
        let result = try await LayerUnpacker.unpack(from: reader, into: diff)
        try await written
        #expect(result.diffID == Crypto.sha256(try sampleLayer()))
        #expect(result.compressedSize == Int64(blob.count))
        #expect(Fixture.read(diff + "/usr/lib/libx.so")?.count == 300_000)
    }

    @Test func keepsUTF8Names() async throws {
        let name = "caf\u{e9}/na\u{ef}ve \u{1F40B}.txt"
        let (root, diff, outcome) = await Fixture.unpack(try Fixture.tar { try $0.addFile(name, bytes: [42]) })
        defer { Fixture.remove(root) }
        _ = try outcome.get()
        #expect(Fixture.read(diff + "/" + name) == [42])
    }

    @Test func noThreadIsLeftInsideALayer() async throws {
        let blob = try sampleLayer(.gzip)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let (root, _, outcome) = await Fixture.unpack(blob)
                    defer { Fixture.remove(root) }
                    _ = try outcome.get()
                }
            }
            try await group.waitForAll()
        }
        // Every thread of the process gets back to the host's root: the chrooted workers exit and start
        // nothing (a thread created by one would share its chroot forever). Other suites unpack in
        // parallel, so a worker of theirs may be chrooted for a moment: only a lasting one is a leak.
        var leaked: [String] = []
        for _ in 0..<100 {
            leaked = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").filter { task in
                (Fixture.linkTarget("/proc/self/task/\(task)/root") ?? "/") != "/"
            }
            if leaked.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(leaked.isEmpty, "threads still chrooted: \(leaked)")
    }

    @Test func missingBlobIsASystemError() async {
        let diff = Fixture.directory()
        defer { Fixture.remove(diff) }
        let error = await #expect(throws: ArchiveError.self) { try await LayerUnpacker.unpack(contentsOf: diff + "/nope", into: diff) }
        #expect(error?.kind == .system && error?.code == ENOENT)
        #expect(error?.path == diff + "/nope")
    }

    @Test func cancellationStopsTheWorker() async throws {
        let root = Fixture.directory()
        defer { Fixture.remove(root) }
        Fixture.write(try sampleLayer(), to: root + "/blob")
        let task = Task {
            // Cancelled before the call: the handler fires at once and the worker stops at its first block.
            withUnsafeCurrentTask { $0?.cancel() }
            return try await LayerUnpacker.unpack(contentsOf: root + "/blob", into: root)
        }
        let error = await #expect(throws: ArchiveError.self) { try await task.value }
        #expect(error?.kind == .cancelled)
    }
}

extension mode_t {
    /// `self & mask`, for optional chains.
    func and(_ mask: mode_t) -> mode_t { self & mask }
}
