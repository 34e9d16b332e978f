// SPDX-License-Identifier: Apache-2.0
// In-root path resolution: symlinks and `..` inside a fake rootfs must never reach the host.

import Foundation
import Glibc
import Testing

@testable import Platform

@Suite struct RootfsPathTests {
    /// A fake rootfs with its own etc/passwd and hostile links: hostetc -> /etc, up -> ../../..,
    /// scratch -> /tmp (no tmp inside), hn -> /etc/hostname (no such file inside), loop -> /loop.
    final class FakeRoot {
        let path = NSTemporaryDirectory() + "berth-rootfs-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        static let passwd = "root:x:0:0:fake:/root:/bin/sh\n"

        init() throws {
            let fm = FileManager.default
            try fm.createDirectory(atPath: path + "/etc", withIntermediateDirectories: true)
            try Self.passwd.write(toFile: path + "/etc/passwd", atomically: false, encoding: .utf8)
            for (link, target) in [
                ("hostetc", "/etc"), ("up", "../../.."), ("scratch", "/tmp"), ("hn", "/etc/hostname"), ("loop", "/loop"),
            ] {
                try fm.createSymbolicLink(atPath: path + "/" + link, withDestinationPath: target)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        func read(_ inside: String) throws -> String? {
            try RootfsPath.readFile(root: path, path: inside).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    @Test func absoluteSymlinkIsReadInsideTheRoot() throws {
        let root = try FakeRoot()
        #expect(try root.read("hostetc/passwd") == FakeRoot.passwd)
        #expect(try root.read("/hostetc/../hostetc/passwd") == FakeRoot.passwd)
        #expect(try RootfsPath.resolve(root: root.path, path: "hostetc") == root.path + "/etc")
    }

    @Test func dotDotLinksAreClampedAtTheRoot() throws {
        let root = try FakeRoot()
        #expect(try root.read("up/etc/passwd") == FakeRoot.passwd)
        #expect(try root.read("../../../../etc/passwd") == FakeRoot.passwd)
        #expect(try root.read("up/up/hostetc/passwd") == FakeRoot.passwd)
        #expect(try RootfsPath.resolve(root: root.path, path: "up/up/etc") == root.path + "/etc")
        #expect(try RootfsPath.resolve(root: root.path, path: "/nonexistent/x") == nil)
    }

    @Test func hostFileIsNeverRead() throws {
        let root = try FakeRoot()
        // The host has /etc/hostname; the root has none, so the link leads nowhere.
        #expect(FileManager.default.fileExists(atPath: "/etc/hostname"))
        #expect(try root.read("hn") == nil)
        // A link to itself is a loop inside the root, not a way out.
        #expect { try root.read("loop/passwd") } throws: { ($0 as? Errno)?.code == ELOOP }
        // Magic links (/proc/self/fd/*) are refused even where the root has a /proc.
        #expect { _ = try RootfsPath.readFile(root: "/", path: "/proc/self/fd/0") } throws: { ($0 as? Errno)?.code == ELOOP }
    }

    @Test func fifoAndDirectoryAreRefused() throws {
        let root = try FakeRoot()
        #expect(mkfifo(root.path + "/etc/group", 0o644) == 0)
        #expect(throws: Errno.self) { _ = try RootfsPath.readFile(root: root.path, path: "/etc/group") }
        #expect(throws: Errno.self) { _ = try RootfsPath.readFile(root: root.path, path: "/etc") }
    }

    @Test func makeDirectoriesStaysInsideThroughALinkToTmp() throws {
        let root = try FakeRoot()
        let marker = "berth-escape-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // scratch -> /tmp dangles inside the root: its target is created there, never the host's /tmp/<marker>.
        try RootfsPath.makeDirectories(root: root.path, path: "/scratch/\(marker)/a/b", mode: 0o750)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/\(marker)"))
        var isDirectory: ObjCBool = false
        #expect(
            FileManager.default.fileExists(atPath: root.path + "/tmp/\(marker)/a/b", isDirectory: &isDirectory) && isDirectory.boolValue)
        // A relative dangling link is followed from where it is: etc/next -> ../made, reached as hostetc/next.
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc/next", withDestinationPath: "../made")
        try RootfsPath.makeDirectories(root: root.path, path: "/up/hostetc/next/z")
        #expect(FileManager.default.fileExists(atPath: root.path + "/made/z"))
        try RootfsPath.makeDirectories(root: root.path, path: "/real/work/../work/x/./y", mode: 0o750)
        var info = stat()
        #expect(stat(root.path + "/real/work/x/y", &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o750)
        // A file in the way is an error.
        #expect { try RootfsPath.makeDirectories(root: root.path, path: "/etc/passwd/x") } throws: { ($0 as? Errno)?.code == ENOTDIR }
    }

    @Test func cleanIsLexical() {
        #expect(RootfsPath.clean("") == "/")
        #expect(RootfsPath.clean("a/./b//c/") == "/a/b/c")
        #expect(RootfsPath.clean("/../../x/../y") == "/y")
    }
}
