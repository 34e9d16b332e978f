// SPDX-License-Identifier: Apache-2.0
// mountinfo parsing (no root needed), and real tmpfs and overlay mounts (root + BERTH_INTEGRATION=1).

import Foundation
import Glibc
import Testing

@testable import Platform

@Suite struct MountInfoParsingTests {
    @Test func parsesFieldsOptionalTagsAndEscapes() {
        let text = """
            36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
            41 27 0:50 / /tmp/with\\040space\\011tab\\134back rw,relatime shared:7 master:2 - overlay overlay rw,lowerdir=/l/a\\054b:/l/c,upperdir=/u\\040x,workdir=/w
            garbage line
            """
        let mounts = MountInfo.parse(text)
        #expect(mounts.count == 2)
        #expect(mounts[0].mountID == 36 && mounts[0].parentID == 35)
        #expect(mounts[0].root == "/mnt1" && mounts[0].mountPoint == "/mnt2")
        #expect(mounts[0].optionalFields == ["master:1"])
        #expect(mounts[0].fsType == "ext3" && mounts[0].source == "/dev/root")
        #expect(mounts[1].mountPoint == "/tmp/with space\ttab\\back")
        #expect(mounts[1].optionalFields == ["shared:7", "master:2"])
        // The comma inside a lower dir is escaped, so splitting the options stays right.
        #expect(mounts[1].superOption("lowerdir") == "/l/a,b:/l/c")
        #expect(mounts[1].superOption("upperdir") == "/u x")
        #expect(mounts[1].superOption("index") == nil)
    }

    @Test func leavesBadEscapesAlone() {
        #expect(MountInfo.unescape("a\\0") == "a\\0")
        #expect(MountInfo.unescape("a\\9aa") == "a\\9aa")
        #expect(MountInfo.unescape("\\040") == " ")
    }

    @Test func rootIsAMountPointAndAFileIsNot() throws {
        #expect(try Mounts.isMountPoint("/"))
        #expect(try Mounts.isMountPoint("/proc"))
        #expect(try !Mounts.isMountPoint("/etc"))
        #expect(try !Mounts.isMountPoint("/nonexistent-\(getpid())"))
    }

    @Test func overlayOptionString() throws {
        let overlay = Overlay(lowerDirs: ["/a", "/b"], upperDir: "/u", workDir: "/w")
        #expect(overlay.mountData == "lowerdir=/a:/b,upperdir=/u,workdir=/w,index=off,redirect_dir=off,metacopy=off")
        #expect(overlay.fitsMountData)
        let long = Overlay(lowerDirs: (0..<200).map { "/var/lib/berth/layers/\(String(repeating: "a", count: 60))\($0)/diff" })
        #expect(!long.fitsMountData)
        #expect(throws: Errno.self) { try Overlay(lowerDirs: ["/a,b"]).validate() }
        #expect(throws: Errno.self) { try Overlay(lowerDirs: []).validate() }
        #expect(throws: Errno.self) { try Overlay(lowerDirs: ["/a"], upperDir: "/u").validate() }
    }
}

/// True as root with `BERTH_INTEGRATION=1` (the project's gate for tests that change the host).
private var mountsLive: Bool { getuid() == 0 && ProcessInfo.processInfo.environment["BERTH_INTEGRATION"] == "1" }

/// Root-only: real mounts in a scratch directory.
@Suite(.serialized, .enabled(if: mountsLive)) struct MountsLiveTests {
    let base = "/tmp/berth-mounts-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test func tmpfsMountAndUnmount() throws {
        let target = base + "/tmpfs"
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        #expect(try !Mounts.isMountPoint(target))
        try Mounts.mount(source: "tmpfs", target: target, type: "tmpfs", flags: [.noSuid, .noDev], data: "size=1m,mode=0700")
        #expect(try Mounts.isMountPoint(target))
        let entry = try #require(try MountInfo.current().last { $0.mountPoint == target })
        #expect(entry.fsType == "tmpfs" && entry.options.contains("nosuid"))
        try Mounts.setPropagation(target, .private)
        try Mounts.unmount(target)
        #expect(try !Mounts.isMountPoint(target))
        #expect { try Mounts.unmount(target) } throws: { ($0 as? Errno)?.code == EINVAL }
    }

    @Test(arguments: [Overlay.Method.mountData, .fsconfigAppend])
    func overlayMergesLowersAndHidesWhiteouts(method: Overlay.Method) throws {
        let fm = FileManager.default
        for dir in ["top", "bottom", "upper", "work", "merged"] {
            try fm.createDirectory(atPath: base + "/" + dir, withIntermediateDirectories: true)
        }
        defer { try? fm.removeItem(atPath: base) }
        try write(base + "/bottom/shared", "bottom")
        try write(base + "/bottom/only-bottom", "b")
        try write(base + "/bottom/deleted", "gone")
        try write(base + "/top/shared", "top")
        // An overlay whiteout: a 0:0 character device hides the lower file of the same name.
        #expect(mknod(base + "/top/deleted", S_IFCHR | 0o644, 0) == 0)
        let overlay = Overlay(lowerDirs: [base + "/top", base + "/bottom"], upperDir: base + "/upper", workDir: base + "/work")
        #expect(try overlay.mount(at: base + "/merged", method: method) == method)
        defer { try? Mounts.unmount(base + "/merged", detach: true) }
        let merged = try fm.contentsOfDirectory(atPath: base + "/merged").sorted()
        #expect(merged == ["only-bottom", "shared"])
        #expect(try String(contentsOfFile: base + "/merged/shared", encoding: .utf8) == "top")
        try write(base + "/merged/new", "n")
        #expect(fm.fileExists(atPath: base + "/upper/new"))
        let entry = try #require(try MountInfo.current().last { $0.mountPoint == base + "/merged" })
        #expect(entry.superOption("upperdir") == base + "/upper")
        // The kernel lists only options that differ from its defaults; index=on must not be one.
        #expect(!entry.superOptions.contains("index=on"))
        #expect(entry.superOptions.contains(method == .mountData ? "lowerdir=" : "lowerdir+="))
        try Mounts.unmount(base + "/merged")
        #expect(try !Mounts.isMountPoint(base + "/merged"))
    }
}
