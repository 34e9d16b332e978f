// SPDX-License-Identifier: Apache-2.0
// Host-fact reads against the running kernel, asserting only what holds on any Linux host.

import Testing

@testable import Platform

@Suite struct SystemLiveTests {
    @Test func unameReportsLinuxAndARelease() throws {
        let uname = try Uname.current()
        #expect(uname.sysname == "Linux")
        #expect(!uname.release.isEmpty)
        #expect(!uname.machine.isEmpty)
        #expect(HostFacts.architecture == uname.machine)
        #expect(HostFacts.goArch == HostFacts.goArch(forMachine: uname.machine))
    }

    @Test func cpuCountAndMemory() throws {
        #expect(HostFacts.onlineCPUCount() >= 1)
        #expect(try MemInfo.current().memTotal > 0)
    }

    @Test func hostnameIsNonEmpty() throws {
        #expect(!(try HostFacts.hostname()).isEmpty)
    }

    @Test func executableLookup() {
        #expect(ExecutableLookup.find("sh", path: "/usr/bin:/bin") != nil)
        #expect(ExecutableLookup.find("sh", path: "::/nonexistent-dir:/bin/") == "/bin/sh")
        #expect(ExecutableLookup.find("nonexistent", path: "/usr/bin:/bin") == nil)
        #expect(ExecutableLookup.find("sh", path: "") == nil)
        #expect(ExecutableLookup.find("sh", path: "bin:.") == nil)
        #expect(ExecutableLookup.find("/bin/sh", path: "") == "/bin/sh")
        // A directory is not an executable file even though it has the x bit.
        #expect(ExecutableLookup.find("bin", path: "/") == nil)
        // A readable, non-executable regular file is skipped.
        #expect(ExecutableLookup.find("passwd", path: "/etc") == nil)
    }

    @Test func cgroupLayoutIsConsistent() throws {
        let layout = try CgroupLayout.current()
        switch layout.version {
        case .v1: #expect(!layout.controllers.isEmpty)
        case .v2: #expect(layout.unifiedMount != nil && layout.controllers.isEmpty)
        }
        let features = CgroupFeatures.current(layout: layout)
        if layout.version == .v2 { #expect(!features.kernelMemoryTCP && !features.oomKillDisable) }
    }

    @Test func osReleaseAndSecurityProbesDoNotFail() {
        if let release = OSRelease.load() { #expect(!release.operatingSystem.isEmpty) }
        let security = SecurityFeatures.current()
        #expect(security.securityOptions().count <= 3)
        _ = HostFacts.isIPv4ForwardingEnabled()
    }

    @Test func filesystemStatsOfRoot() throws {
        let stats = try FilesystemStats.of(path: "/")
        #expect(stats.blockSize > 0)
        #expect(stats.totalBytes > 0)
        #expect(stats.freeBytes <= stats.totalBytes && stats.availableBytes <= stats.freeBytes)
        #expect(throws: Errno.self) { try FilesystemStats.of(path: "/nonexistent-berth-path") }
    }

    @Test func systemFileReadsProcAndReportsMissing() throws {
        #expect(try SystemFile.read("/proc/self/status").contains("Name:"))
        #expect(throws: Errno.self) { try SystemFile.read("/nonexistent-berth-path") }
        #expect(SystemFile.readIfPresent("/nonexistent-berth-path") == nil)
    }
}
