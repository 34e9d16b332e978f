// SPDX-License-Identifier: Apache-2.0
// Fixture-text tests of the host-fact parsers: os-release, meminfo, mountinfo, cgroup files, proc status.

import Testing

@testable import Platform

@Suite struct OSReleaseParserTests {
    @Test func parsesQuotesCommentsAndEscapes() {
        let text = """
            # A comment line
            NAME="Debian GNU/Linux"
              PRETTY_NAME='Ubuntu 24.04 "Noble" LTS'
            ID=debian

            VERSION_ID="12"
            VERSION="12 \\"bookworm\\" \\$HOME \\\\ end"
            HOME_URL="https://www.debian.org/"
            not a line
            =novalue
            BAD KEY=x
            """
        let release = OSRelease.parse(text)
        #expect(release.name == "Debian GNU/Linux")
        #expect(release.prettyName == #"Ubuntu 24.04 "Noble" LTS"#)
        #expect(release.id == "debian")
        #expect(release.versionID == "12")
        #expect(release.fields["VERSION"] == #"12 "bookworm" $HOME \ end"#)
        #expect(release.fields["HOME_URL"] == "https://www.debian.org/")
        #expect(release.fields.count == 6)
        #expect(release.operatingSystem == #"Ubuntu 24.04 "Noble" LTS"#)
    }

    @Test func operatingSystemFallsBackToLinux() {
        #expect(OSRelease.parse("ID=alpine\n").operatingSystem == "Linux")
        #expect(OSRelease.parse("PRETTY_NAME=\"\"\n").operatingSystem == "Linux")
    }

    @Test func unquoteKeepsUnknownEscapesInDoubleQuotes() {
        #expect(OSRelease.unquote(#""a\nb""#) == #"a\nb"#)
        #expect(OSRelease.unquote(#"'a\"b'"#) == #"a\"b"#)
        #expect(OSRelease.unquote("plain") == "plain")
    }
}

@Suite struct MemInfoParserTests {
    @Test func parsesKilobytesAsBytes() {
        let text = """
            MemTotal:       24578304 kB
            MemFree:         1234567 kB
            MemAvailable:   20000000 kB
            SwapTotal:             0 kB
            HugePages_Total:       0
            Hugepagesize:       2048 kB
            Garbage line
            Weird:          12 MB
            """
        let info = MemInfo.parse(text)
        #expect(info.memTotal == 24_578_304 * 1024)
        #expect(info.memAvailable == Int64(20_000_000 * 1024))
        #expect(info.swapTotal == 0)
        #expect(info.values["HugePages_Total"] == 0)
        #expect(info.values["Hugepagesize"] == Int64(2048 * 1024))
        #expect(info.values["Weird"] == nil)
    }

    @Test func missingMemTotalIsZero() {
        #expect(MemInfo.parse("").memTotal == 0)
    }
}

@Suite struct CgroupLayoutParserTests {
    /// This dev box: tmpfs at /sys/fs/cgroup, one v1 mount per controller, cgroup2 at unified (hybrid).
    static let hybrid = """
        31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
        32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
        34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
        39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
        """

    /// Classic v1: co-mounted cpu,cpuacct with optional fields before the separator, no cgroup2.
    static let legacy = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
        25 22 0:22 / /sys/fs/cgroup ro,nosuid shared:9 - tmpfs tmpfs ro,mode=755
        26 25 0:23 / /sys/fs/cgroup/systemd rw,nosuid shared:10 - cgroup cgroup rw,xattr,name=systemd
        28 25 0:25 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:12 - cgroup cgroup rw,cpu,cpuacct
        29 25 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:13 - cgroup cgroup rw,memory
        30 25 0:27 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid shared:14 - cgroup cgroup rw,net_cls,net_prio
        """

    /// Unified: cgroup2 at /sys/fs/cgroup.
    static let unified = """
        22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
        30 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
        """

    @Test func hybridIsVersionOneWithUnifiedMount() {
        let layout = CgroupLayout.parse(mountInfo: Self.hybrid)
        #expect(layout.version == .v1)
        #expect(layout.isHybrid)
        #expect(layout.unifiedMount == "/sys/fs/cgroup/unified")
        #expect(layout.controllers == ["cpu", "cpuacct", "cpuset", "memory", "pids"])
        #expect(layout.mountPoint(of: "memory") == "/sys/fs/cgroup/memory")
        #expect(layout.mountPoint(of: "name=systemd") == "/sys/fs/cgroup/systemd")
        #expect(layout.mountPoint(of: "blkio") == nil)
        #expect(layout.driver == "cgroupfs")
    }

    @Test func legacyCoMountedControllersShareAMountPoint() {
        let layout = CgroupLayout.parse(mountInfo: Self.legacy)
        #expect(layout.version == .v1)
        #expect(!layout.isHybrid)
        #expect(layout.mountPoint(of: "cpu") == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(layout.mountPoint(of: "cpuacct") == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(layout.mountPoint(of: "net_prio") == "/sys/fs/cgroup/net_cls,net_prio")
        #expect(layout.controllerMounts["xattr"] == nil)
        #expect(layout.controllers == ["cpu", "cpuacct", "memory", "net_cls", "net_prio"])
    }

    @Test func unifiedIsVersionTwo() {
        let layout = CgroupLayout.parse(mountInfo: Self.unified)
        #expect(layout.version == .v2)
        #expect(layout.unifiedMount == "/sys/fs/cgroup")
        #expect(layout.controllerMounts.isEmpty)
    }

    @Test func cgroup2ElsewhereWithoutV1ControllersIsVersionTwo() {
        let text = "30 22 0:26 / /run/cgroup rw - cgroup2 none rw\n"
        let layout = CgroupLayout.parse(mountInfo: text)
        #expect(layout.version == .v2)
        #expect(layout.unifiedMount == "/run/cgroup")
    }

    @Test func noCgroupMountsIsVersionOneWithNothing() {
        let layout = CgroupLayout.parse(mountInfo: "garbage\n\n22 1 8:1 / / rw - ext4 /dev/sda1 rw\n")
        #expect(layout == CgroupLayout(version: .v1, controllerMounts: [:], unifiedMount: nil))
    }

    @Test func mountPointEscapesAreDecoded() {
        let text = #"40 31 0:37 / /mnt/my\040cgroups\134x rw - cgroup cgroup rw,pids"#
        #expect(CgroupLayout.parse(mountInfo: text).mountPoint(of: "pids") == #"/mnt/my cgroups\x"#)
        #expect(CgroupLayout.unescape(#"a\0"#) == #"a\0"#)
    }
}

@Suite struct CgroupFeaturesTests {
    @Test func versionOneProbesControlFiles() {
        let layout = CgroupLayout.parse(mountInfo: CgroupLayoutParserTests.hybrid)
        let present: Set<String> = [
            "/sys/fs/cgroup/memory/memory.oom_control",
            "/sys/fs/cgroup/cpu/cpu.shares",
            "/sys/fs/cgroup/cpu/cpu.cfs_period_us",
            "/sys/fs/cgroup/cpu/cpu.cfs_quota_us",
            "/sys/fs/cgroup/cpuset/cpuset.cpus",
            "/sys/fs/cgroup/cpuset/cpuset.mems",
        ]
        let features = CgroupFeatures.v1(layout: layout, fileExists: { present.contains($0) })
        #expect(
            features
                == CgroupFeatures(
                    memoryLimit: true, swapLimit: false, kernelMemoryTCP: false, oomKillDisable: true, cpuShares: true,
                    cpuCfsPeriod: true, cpuCfsQuota: true, cpuSet: true, pidsLimit: true))
        #expect(
            features.warnings(version: .v1) == [
                "WARNING: No swap limit support", "WARNING: No kernel memory TCP limit support",
            ])
    }

    @Test func versionTwoUsesEnabledControllers() {
        let controllers = CgroupFeatures.parseControllers("cpuset cpu io memory hugetlb pids rdma misc\n")
        #expect(controllers.contains("memory") && controllers.count == 8)
        let features = CgroupFeatures.v2(controllers: controllers)
        #expect(features.memoryLimit && features.swapLimit && features.cpuShares && features.cpuSet && features.pidsLimit)
        #expect(!features.kernelMemoryTCP && !features.oomKillDisable)
        #expect(features.warnings(version: .v2).isEmpty)
        #expect(CgroupFeatures.v2(controllers: []).warnings(version: .v2).count == 6)
    }

    @Test func unifiedGroupPathFromProcSelfCgroup() {
        #expect(CgroupFeatures.unifiedGroupPath(procSelfCgroup: "4:memory:/x\n0::/user.slice/a.scope\n") == "/user.slice/a.scope")
        #expect(CgroupFeatures.unifiedGroupPath(procSelfCgroup: "1:cpu:/\n") == nil)
    }
}

@Suite struct SystemSmallParserTests {
    @Test func securityOptionsInDockerOrder() {
        let all = SecurityFeatures(seccomp: true, apparmor: true, selinux: true, cgroupNamespace: true)
        #expect(all.securityOptions() == ["name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns"])
        #expect(
            all.securityOptions(seccompProfile: "unconfined", selinuxEnabled: true) == [
                "name=apparmor", "name=seccomp,profile=unconfined", "name=selinux", "name=cgroupns",
            ])
        let none = SecurityFeatures(seccomp: false, apparmor: false, selinux: false, cgroupNamespace: false)
        #expect(none.securityOptions(selinuxEnabled: true).isEmpty)
        #expect(all.securityOptions(seccompProfile: nil) == ["name=apparmor", "name=cgroupns"])
    }

    @Test func seccompAndAppArmorProbesParseText() {
        #expect(SecurityFeatures.hasSeccompLine("Name:\tsh\nSeccomp:\t0\nSeccomp_filters:\t0\n"))
        #expect(!SecurityFeatures.hasSeccompLine("Name:\tsh\nNoNewPrivs:\t0\n"))
        #expect(SecurityFeatures.isAppArmorEnabled("Y\n"))
        #expect(!SecurityFeatures.isAppArmorEnabled("N\n"))
    }

    @Test func goArchitectureNames() {
        #expect(HostFacts.goArch(forMachine: "x86_64") == "amd64")
        #expect(HostFacts.goArch(forMachine: "aarch64") == "arm64")
        #expect(HostFacts.goArch(forMachine: "armv7l") == "arm")
        #expect(HostFacts.goArch(forMachine: "i686") == "386")
        #expect(HostFacts.goArch(forMachine: "s390x") == "s390x")
        #expect(HostFacts.goArch(forMachine: "riscv64") == "riscv64")
    }

    @Test func sysctlFlags() {
        #expect(HostFacts.sysctlFlag("1\n"))
        #expect(!HostFacts.sysctlFlag("0\n"))
        #expect(!HostFacts.sysctlFlag("junk"))
    }

    @Test func trimmedHandlesCRLFAndBlank() {
        #expect(SystemFile.trimmed("  a b\r\n") == "a b")
        #expect(SystemFile.trimmed(" \t\n") == "")
    }
}
