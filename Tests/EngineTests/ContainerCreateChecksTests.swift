// SPDX-License-Identifier: Apache-2.0
// Create-time checks found missing by the container integration suites: resource checks and defaults with dockerd's
// texts and warnings, fd working directories, --add-host, and the spec pieces for privileged containers, domain names
// and custom seccomp profiles.

import Models
import Platform
import Testing

@testable import Engine

@Suite struct ContainerCreateChecksTests {
    static let mib: Int64 = 1 << 20
    static let support = ContainerResourceUpdateTests.everything

    static func verify(_ resources: Resources, shmSize: Int64 = 0, support: CgroupHostSupport = support) throws -> (HostConfig, [String]) {
        var host = HostConfig(resources: resources)
        host.shmSize = shmSize
        let warnings = try ContainerCreateRules.verifyResources(&host, support: support)
        return (host, warnings)
    }

    @Test func swapWithoutMemoryIsRefusedAndMemoryAloneDoublesSwap() throws {
        #expect(throws: EngineError.invalidParameter("You should always set the Memory limit when using Memoryswap limit, see usage")) {
            try Self.verify(Resources(memorySwap: 100 * Self.mib))
        }
        let (host, warnings) = try Self.verify(Resources(memory: 64 * Self.mib))
        #expect(host.resources.memorySwap == 128 * Self.mib && warnings.isEmpty)
        #expect(host.shmSize == 64 * Self.mib)
        var noSwap = Self.support
        noSwap.features.swapLimit = false
        #expect(try Self.verify(Resources(memory: 64 * Self.mib), support: noSwap).0.resources.memorySwap == -1)
    }

    @Test func cliDefaultsPassAndBadValuesUseDockerdTexts() throws {
        // The docker CLI sends MemorySwappiness -1 and MemorySwap 0 for every run.
        #expect(try Self.verify(Resources(memorySwappiness: -1)).1.isEmpty)
        #expect(throws: EngineError.invalidParameter("Invalid value: 101, valid memory swappiness range is 0-100")) {
            try Self.verify(Resources(memorySwappiness: 101))
        }
        #expect(throws: EngineError.invalidParameter("Minimum memory limit allowed is 6MB")) { try Self.verify(Resources(memory: -5)) }
        #expect(throws: EngineError.invalidParameter("Requested CPUs are not available - requested 5, available: 0-1")) {
            try Self.verify(Resources(cpusetCpus: "5"))
        }
        #expect(throws: EngineError.invalidParameter("invalid ulimit type: bogus")) {
            try Self.verify(Resources(ulimits: [Ulimit(name: "bogus", hard: 1, soft: 1)]))
        }
        #expect(throws: EngineError.self) { try Self.verify(Resources(ulimits: [Ulimit(name: "nofile", hard: 5, soft: 10)])) }
        #expect(throws: EngineError.invalidParameter("SHM size can not be less than 0")) { try Self.verify(Resources(), shmSize: -1) }
    }

    @Test func warningsForWhatTheHostCannotDoOrWhatIsRisky() throws {
        let (_, oom) = try Self.verify(Resources(oomKillDisable: true))
        #expect(
            oom == [
                "OOM killer is disabled for the container, but no memory limit is set, this can result in the system running out of resources."
            ])
        var noBlkio = Self.support
        noBlkio.blkioWeight = false
        let (host, blkio) = try Self.verify(Resources(blkioWeight: 5000), support: noBlkio)
        #expect(blkio == ["Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded."])
        #expect(host.resources.blkioWeight == 0)
    }

    @Test func configAndHostChecks() throws {
        #expect(
            throws: EngineError.invalidParameter(
                "the working directory '/proc/self/fd/3' is invalid, it must not refer to a file descriptor")
        ) {
            try ContainerCreateRules.checkConfig(ContainerConfig(workingDir: "/proc/self/fd/3"))
        }
        #expect(throws: EngineError.invalidParameter("bad format for add-host: \"nohost\"")) {
            try ContainerCreateRules.normalise(HostConfig(extraHosts: ["nohost"]))
        }
        #expect(try ContainerCreateRules.normalise(HostConfig(extraHosts: ["gw:host-gateway", "db:10.0.0.5"])).extraHosts?.count == 2)
    }

    @Test func privilegedGetsTheDaemonsCapabilitiesAndHostDevices() throws {
        var input = SpecInput(id: "abc", config: ContainerConfig(cmd: ["sh"]), host: HostConfig(privileged: true))
        input.hostCapabilities = ["CAP_CHOWN", "CAP_SYS_ADMIN"]
        input.hostDevices = [OCIRuntimeSpec.Device(type: "c", path: "/dev/kmsg", major: 1, minor: 11, fileMode: 0o644, uid: 0, gid: 0)]
        let spec = try SpecBuilder.build(input)
        #expect(spec.process?.capabilities?.bounding == ["CAP_CHOWN", "CAP_SYS_ADMIN"])
        #expect(spec.linux?.devices?.map(\.path) == ["/dev/kmsg"])
        input.host.privileged = false
        input.host.capAdd = ["ALL"]
        #expect(try SpecBuilder.build(input).process?.capabilities?.effective == ["CAP_CHOWN", "CAP_SYS_ADMIN"])
        #expect(try SpecBuilder.build(input).linux?.devices == nil)
        // CapBnd 0x...a80425fb is dockerd's default set; a bit beyond the list is ignored.
        let names = HostDevices.capabilities(statusText: "Name:\tx\nCapBnd:\t00000000a80425fb\n")
        #expect(names == Set(SpecBuilder.defaultCapabilities))
        #expect(HostDevices.scan().contains { $0.path == "/dev/null" && $0.type == "c" && $0.major == 1 && $0.minor == 3 })
    }

    @Test func domainnameBecomesTheSysctlAndUnknownSyscallsAreRefused() throws {
        var input = SpecInput(id: "abc", config: ContainerConfig(domainname: "example.com", cmd: ["sh"]), host: HostConfig())
        #expect(try SpecBuilder.build(input).linux?.sysctl == ["kernel.domainname": "example.com"])
        input.host.utsMode = "host"
        #expect(try SpecBuilder.build(input).linux?.sysctl == nil)
        input.host.securityOpt = ["seccomp={}"]
        input.seccompProfile =
            #"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir","nosuchcall"],"action":"SCMP_ACT_ERRNO"}]}"#
        #expect(throws: EngineError.invalidParameter("unknown syscall names in seccomp profile: nosuchcall")) {
            try SpecBuilder.build(input)
        }
    }
}
