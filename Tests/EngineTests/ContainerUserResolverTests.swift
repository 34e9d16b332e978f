// SPDX-License-Identifier: Apache-2.0
// `-u` resolution against a fake rootfs; expectations are what dockerd 20.10.24 + runc 1.1.5 ran with
// the same passwd/group (checked with `id` in the container).

import Foundation
import Models
import Testing

@testable import Engine

@Suite struct ContainerUserResolverTests {
    /// A rootfs with the passwd/group used in the dockerd comparison.
    final class FakeRoot {
        let path = NSTemporaryDirectory() + "berth-users-\(UUID().uuidString.prefix(8))"

        init(
            passwd: String? = "root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000:Alice:/home/alice:/bin/sh\n# comment\n\n",
            group: String? = "root:x:0:\nwheel:x:10:root,alice\nalice:x:1000:\nstaff:x:50:alice\n"
        ) throws {
            try FileManager.default.createDirectory(atPath: path + "/etc", withIntermediateDirectories: true)
            try passwd?.write(toFile: path + "/etc/passwd", atomically: false, encoding: .utf8)
            try group?.write(toFile: path + "/etc/group", atomically: false, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    func resolve(_ spec: String, groupAdd: [String] = [], in root: FakeRoot) throws -> (UInt32, UInt32, [UInt32], String) {
        let resolved = try ContainerUserResolver(root: root.path).resolve(spec, groupAdd: groupAdd)
        return (resolved.user.uid, resolved.user.gid, resolved.user.additionalGids ?? [], resolved.home)
    }

    @Test func matchesDockerd() throws {
        let root = try FakeRoot()
        #expect(try resolve("", in: root) == (0, 0, [0, 10], "/root"))
        #expect(try resolve("alice", in: root) == (1000, 1000, [1000, 10, 50], "/home/alice"))
        #expect(try resolve("1000", in: root) == (1000, 1000, [1000, 10, 50], "/home/alice"))
        #expect(try resolve("alice:staff", in: root) == (1000, 50, [50], "/home/alice"))
        #expect(try resolve("1000:50", in: root) == (1000, 50, [50], "/home/alice"))
        #expect(try resolve("5000", in: root) == (5000, 0, [0], "/"))
        #expect(try resolve("5000:6000", in: root) == (5000, 6000, [6000], "/"))
        #expect(try resolve("alice:6000", in: root) == (1000, 6000, [6000], "/home/alice"))
        #expect(try resolve("0:wheel", in: root) == (0, 10, [10], "/root"))
        #expect(try ContainerUserResolver(root: root.path).resolve("alice").user.username == "alice")
    }

    @Test func groupAddAppendsNamesAndNumbers() throws {
        let root = try FakeRoot()
        #expect(try resolve("alice", groupAdd: ["77", "staff", "wheel"], in: root) == (1000, 1000, [1000, 10, 50, 77], "/home/alice"))
        #expect(throws: EngineError.invalidParameter("Unable to find group nosuch: no matching entries in group file")) {
            try resolve("alice", groupAdd: ["nosuch"], in: root)
        }
    }

    @Test func unknownNamesFailWithDockerdText() throws {
        let root = try FakeRoot()
        #expect(throws: EngineError.invalidParameter("unable to find user bob: no matching entries in passwd file")) {
            try resolve("bob", in: root)
        }
        #expect(throws: EngineError.invalidParameter("unable to find group nogroup: no matching entries in group file")) {
            try resolve("alice:nogroup", in: root)
        }
        #expect(throws: EngineError.invalidParameter("uids and gids must be in range 0-2147483647")) {
            try resolve("4294967296", in: root)
        }
    }

    @Test func missingFilesAllowNumericOnly() throws {
        let root = try FakeRoot(passwd: nil, group: nil)
        #expect(try resolve("", in: root) == (0, 0, [0], "/"))
        #expect(try resolve("33:44", in: root) == (33, 44, [44], "/"))
        #expect(throws: EngineError.self) { try resolve("www-data", in: root) }
    }

    @Test func symlinkedEtcDoesNotReachTheHost() throws {
        // /etc -> /etc inside the root loops onto itself; the host's passwd (which has "daemon") is never read.
        let root = try FakeRoot(passwd: nil, group: nil)
        try FileManager.default.removeItem(atPath: root.path + "/etc")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/etc", withDestinationPath: "/etc")
        #expect(throws: EngineError.self) { try resolve("daemon", in: root) }
    }
}
