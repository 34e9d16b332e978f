// SPDX-License-Identifier: Apache-2.0
// TarWriter and TarReader: in-memory members, streamed members, directory trees, compression, limits
// and write errors.

import Foundation
import Glibc
import Testing

@testable import Archive
import Platform

@Suite struct ArchiveTarTests {
    /// Reads every member of `bytes` with its data.
    private func members(_ bytes: [UInt8]) throws -> [(TarEntry, [UInt8])] {
        let directory = Fixture.directory()
        defer { Fixture.remove(directory) }
        Fixture.write(bytes, to: directory + "/in.tar")
        let fd = open(directory + "/in.tar", O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        let reader = try TarReader(fileDescriptor: fd)
        var out: [(TarEntry, [UInt8])] = []
        while let entry = try reader.next() { out.append((entry, try reader.readAll())) }
        return out
    }

    @Test(arguments: [TarWriter.Compression.none, .gzip, .zstd]) func roundTripsEveryKind(compression: TarWriter.Compression) throws {
        let long = String(repeating: "deep/", count: 40) + "file"
        let bytes = try Fixture.tar(compression) { tar in
            try tar.addDirectory("dir/", mode: 0o750, mtime: 10)
            try tar.addFile("dir/file", bytes: Array("hello".utf8), mode: 0o600, mtime: 20, uid: 1000, gid: 100)
            try tar.addSymlink("dir/link", target: "/abs/target", mtime: 30)
            try tar.addHardlink("dir/again", target: "dir/file")
            try tar.add(TarEntry(name: "dev/null0", kind: .characterDevice, mode: 0o666, deviceMajor: 1, deviceMinor: 3))
            try tar.add(TarEntry(name: "fifo", kind: .fifo, mode: 0o644))
            try tar.add(TarEntry(name: "x", kind: .file, xattrs: ["user.a": [1, 2], "security.capability": [0, 0, 0, 2]]), bytes: [9])
            try tar.addFile(long, bytes: [7])
            try tar.addFile("../hostile", bytes: [])
        }
        let read = try members(bytes)
        #expect(read.map(\.0.name) == ["dir/", "dir/file", "dir/link", "dir/again", "dev/null0", "fifo", "x", long, "../hostile"])
        #expect(read.map(\.0.kind) == [.directory, .file, .symlink, .hardlink, .characterDevice, .fifo, .file, .file, .file])
        let file = read[1].0
        #expect(file.mode == 0o600 && file.mtime == 20 && file.uid == 1000 && file.gid == 100 && file.size == 5)
        #expect(read[1].1 == Array("hello".utf8))
        #expect(read[0].0.mode == 0o750 && read[0].0.mtime == 10)
        #expect(read[2].0.linkTarget == "/abs/target")
        #expect(read[3].0.linkTarget == "dir/file")
        #expect(read[4].0.deviceMajor == 1 && read[4].0.deviceMinor == 3)
        #expect(read[6].0.xattrs == ["user.a": [1, 2], "security.capability": [0, 0, 0, 2]])
        #expect(read[6].1 == [9])
    }

    @Test func plainOutputEndsAfterTheTrailerAndIsReproducible() throws {
        let build: (TarWriter) throws -> Void = { try $0.addFile("a", bytes: [1], mtime: 5) }
        let plain = try Fixture.tar(.none, build)
        // One header, one data block, two zero blocks: no padding to a 10 KiB record.
        #expect(plain.count == 4 * 512)
        #expect(try Fixture.tar(.gzip, build) == (try Fixture.tar(.gzip, build)))
    }

    @Test func streamsMembersFromAndToDescriptors() throws {
        let directory = Fixture.directory()
        defer { Fixture.remove(directory) }
        let payload = (0..<700_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        Fixture.write(payload, to: directory + "/blob")
        let source = open(directory + "/blob", O_RDONLY | O_CLOEXEC)
        defer { close(source) }
        let bytes = try Fixture.tar {
            try $0.add(TarEntry(name: "blobs/sha256/x", kind: .file, size: Int64(payload.count)), contentsOf: source)
        }
        Fixture.write(bytes, to: directory + "/out.tar")
        let input = open(directory + "/out.tar", O_RDONLY | O_CLOEXEC)
        let output = open(directory + "/copy", O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        defer {
            close(input)
            close(output)
        }
        let reader = try TarReader(fileDescriptor: input)
        #expect(try reader.next()?.size == Int64(payload.count))
        #expect(try reader.copyData(to: output) == Int64(payload.count))
        #expect(try reader.next() == nil)
        #expect(Fixture.read(directory + "/copy") == payload)
    }

    @Test func readAllHonoursItsLimit() throws {
        let bytes = try Fixture.tar { try $0.addFile("manifest.json", bytes: [UInt8](repeating: 32, count: 5000)) }
        let directory = Fixture.directory()
        defer { Fixture.remove(directory) }
        Fixture.write(bytes, to: directory + "/t.tar")
        let fd = open(directory + "/t.tar", O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        let reader = try TarReader(fileDescriptor: fd)
        _ = try reader.next()
        let error = #expect(throws: ArchiveError.self) { try reader.readAll(limit: 1000) }
        #expect(error?.path == "manifest.json")
    }

    @Test func garbageIsNotATar() throws {
        let error = #expect(throws: ArchiveError.self) { try members(Array(repeating: 0x41, count: 3000)) }
        #expect(error?.message.isEmpty == false)
    }

    @Test func writeErrorsCarryTheErrno() throws {
        let full = open("/dev/full", O_WRONLY | O_CLOEXEC)
        defer { close(full) }
        let writer = try TarWriter(fileDescriptor: full)
        let error = #expect(throws: ArchiveError.self) {
            try writer.addFile("a", bytes: [UInt8](repeating: 1, count: 100_000))
            try writer.finish()
        }
        #expect(error?.kind == .system && error?.code == ENOSPC)
    }

    @Test func archivesADirectoryTree() async throws {
        let tree = Fixture.directory()
        defer { Fixture.remove(tree) }
        mkdir(tree + "/sub", 0o700)
        Fixture.write([1, 2, 3], to: tree + "/sub/file")
        chmod(tree + "/sub/file", 0o640)
        link(tree + "/sub/file", tree + "/hard")
        symlink("../escape/target", tree + "/sub/link")
        mkfifo(tree + "/pipe", 0o600)
        Fixture.write([], to: tree + "/b-empty")
        var times = [timespec(tv_sec: 1_234_567, tv_nsec: 999), timespec(tv_sec: 1_234_567, tv_nsec: 999)]
        utimensat(AT_FDCWD, tree + "/sub/file", &times, 0)

        let bytes = try Fixture.tar { try $0.addTree(at: tree, prefix: "rootfs/") }
        let read = try members(bytes)
        #expect(
            read.map(\.0.name) == ["rootfs/b-empty", "rootfs/hard", "rootfs/pipe", "rootfs/sub/", "rootfs/sub/file", "rootfs/sub/link"])
        #expect(read.map(\.0.kind) == [.file, .file, .fifo, .directory, .hardlink, .symlink])
        #expect(read[1].1 == [1, 2, 3])
        #expect(read[4].0.linkTarget == "rootfs/hard")
        #expect(read[5].0.linkTarget == "../escape/target")
        #expect(read[3].0.mode == 0o700)
        #expect(read[1].0.mode == 0o640 && read[1].0.mtime == 1_234_567)

        // The tree unpacks back to the same content.
        let (root, diff, outcome) = await Fixture.unpack(bytes)
        defer { Fixture.remove(root) }
        _ = try outcome.get()
        #expect(Fixture.read(diff + "/rootfs/sub/file") == [1, 2, 3])
        #expect(Fixture.status(diff + "/rootfs/hard")?.st_ino == Fixture.status(diff + "/rootfs/sub/file")?.st_ino)
        #expect(Fixture.status(diff + "/rootfs/pipe")?.st_mode.and(S_IFMT) == S_IFIFO)
    }
}
