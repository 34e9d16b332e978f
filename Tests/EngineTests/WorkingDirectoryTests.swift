// SPDX-License-Identifier: Apache-2.0
// WorkingDir validation (dockerd's texts, CVE-2024-21626 fd paths) and creation inside a rootfs.

import Foundation
import Testing

@testable import Engine

@Suite struct WorkingDirectoryTests {
    @Test func relativeIsRejectedWithDockerdText() {
        #expect(throws: EngineError.invalidParameter("the working directory 'rel' is invalid, it needs to be an absolute path")) {
            try WorkingDirectory.validate("rel")
        }
    }

    @Test func cleansAndDefaults() throws {
        #expect(try WorkingDirectory.validate("") == "/")
        #expect(try WorkingDirectory.validate("/a/b/../c/./") == "/a/c")
    }

    @Test(arguments: [
        "/proc/self/fd/7", "/proc/self/fd", "/proc/thread-self/fd/3", "/proc/1/fd/8", "/proc/123/task/124/fd/5",
        "/dev/fd/4", "/x/../proc/self/fd/7", "//proc//self/./fd/7/",
    ])
    func fileDescriptorPathsAreRejected(path: String) {
        #expect(throws: EngineError.self) { try WorkingDirectory.validate(path) }
    }

    @Test(arguments: ["/proc", "/proc/self", "/proc/self/fdinfo", "/dev", "/srv/proc/self/fd/1", "/proc/sys/fd"])
    func nearMissesAreAllowed(path: String) throws {
        #expect(try WorkingDirectory.validate(path) == path)
    }

    @Test func createsMissingDirectoryOwnedByTheUser() throws {
        let root = NSTemporaryDirectory() + "berth-wd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root + "/etc", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/etc/passwd", atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // Chowning to another uid needs root; as non-root use our own ids.
        let (uid, gid) = getuid() == 0 ? (UInt32(1000), UInt32(50)) : (getuid(), getgid())
        #expect(try WorkingDirectory.prepare("/a/b/../c", root: root, uid: uid, gid: gid) == "/a/c")
        let attributes = try FileManager.default.attributesOfItem(atPath: root + "/a/c")
        #expect((attributes[.ownerAccountID] as? NSNumber)?.uint32Value == uid)
        #expect((attributes[.groupOwnerAccountID] as? NSNumber)?.uint32Value == gid)
        #expect((attributes[.posixPermissions] as? Int) == 0o755)
        #expect(throws: EngineError.invalidParameter("Cannot mkdir: /etc/passwd is not a directory")) {
            try WorkingDirectory.prepare("/etc/passwd", root: root, uid: 0, gid: 0)
        }
    }
}
