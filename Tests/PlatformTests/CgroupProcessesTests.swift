// SPDX-License-Identifier: Apache-2.0
// Recursive `cgroup.procs` listing, v2 `memory.events`, and the host support probe, on fixture trees in a temp dir.

import Foundation
import Glibc
import Testing

@testable import Platform

@Suite struct CgroupProcessesTests {
    static func tree(_ version: CgroupLayout.Version) throws -> (root: String, paths: CgroupPaths) {
        let root = NSTemporaryDirectory() + "cgroup-procs-\(UUID().uuidString)"
        let layout =
            version == .v1
            ? CgroupLayout(version: .v1, controllerMounts: ["pids": root + "/pids", "memory": root + "/memory"], unifiedMount: nil)
            : CgroupLayout(version: .v2, controllerMounts: [:], unifiedMount: root)
        let paths = try CgroupPaths(layout: layout, path: "/berth/c1")
        for directory in paths.directories {
            try FileManager.default.createDirectory(atPath: directory + "/a/b", withIntermediateDirectories: true)
        }
        return (root, paths)
    }

    @Test(arguments: [CgroupLayout.Version.v1, .v2]) func listsTheGroupAndEveryChildGroup(version: CgroupLayout.Version) throws {
        let (root, paths) = try Self.tree(version)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = try #require(paths.directory(for: "pids"))
        try "12\n7\n".write(toFile: dir + "/cgroup.procs", atomically: false, encoding: .utf8)
        try "".write(toFile: dir + "/a/cgroup.procs", atomically: false, encoding: .utf8)
        try "30\n7\n".write(toFile: dir + "/a/b/cgroup.procs", atomically: false, encoding: .utf8)
        #expect(try paths.processIDs() == [7, 12, 30])
        // v1 falls back to another hierarchy when the one asked for is not mounted.
        if version == .v1 { #expect(try paths.processIDs(controller: "freezer") == [7, 12, 30]) }
    }

    @Test func aMissingGroupIsENOENT() throws {
        let (root, paths) = try Self.tree(.v2)
        try FileManager.default.removeItem(atPath: root)
        #expect { try paths.processIDs() } throws: { ($0 as? Errno)?.code == ENOENT }
    }

    @Test func oomEventsAreReadOnV2Only() throws {
        let (root, paths) = try Self.tree(.v2)
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(CgroupStatsReader(paths: paths).memoryOOMEvents() == nil)
        try "low 0\nhigh 1\nmax 3\noom 2\noom_kill 2\n".write(
            toFile: (paths.unifiedDirectory ?? "") + "/memory.events", atomically: false, encoding: .utf8)
        #expect(CgroupStatsReader(paths: paths).memoryOOMEvents() == 2)
        let (v1Root, v1Paths) = try Self.tree(.v1)
        defer { try? FileManager.default.removeItem(atPath: v1Root) }
        #expect(CgroupStatsReader(paths: v1Paths).memoryOOMEvents() == nil)
    }

    @Test func hostSupportOfThisHost() throws {
        let layout = try CgroupLayout.current()
        let support = CgroupHostSupport.current(layout: layout)
        #expect(support.onlineCPUs >= 1)
        #expect(support.features == CgroupFeatures.current(layout: layout))
        // Every host with a cpuset hierarchy offers at least CPU 0 and node 0.
        if support.features.cpuSet { #expect(support.cpus.hasPrefix("0") && support.mems.hasPrefix("0")) }
    }
}
