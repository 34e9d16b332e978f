// SPDX-License-Identifier: Apache-2.0
// SpecBuilder resources, mounts, namespaces and security options against dockerd's output for the same flags.

import Engine
import Models
import Testing

@Suite struct SpecBuilderLinuxTests {
    static func build(_ host: HostConfig, cgroup: SpecInput.CgroupVersion = .v1) throws -> OCIRuntimeSpec {
        try SpecBuilder.build(
            SpecInput(
                id: "abc", config: ContainerConfig(), host: host, image: ImageConfig(cmd: ["sh"]), hostname: "h",
                volumeSources: ["/named": "/var/lib/berth/volumes/v/_data"], cgroupVersion: cgroup))
    }

    @Test func cpusHalf() throws {
        let spec = try Self.build(HostConfig(resources: Resources(cpuShares: 512, nanoCpus: 500_000_000)))
        #expect(spec.linux?.resources?.cpu == OCIRuntimeSpec.CPU(shares: 512, quota: 50_000, period: 100_000))
    }

    @Test func nanoCpusConflict() {
        #expect(throws: EngineError.invalidParameter("Conflicting options: Nano CPUs and CPU Period cannot both be set")) {
            try Self.build(HostConfig(resources: Resources(cpuPeriod: 50_000, nanoCpus: 1_000_000_000)))
        }
    }

    @Test func memoryAndPids() throws {
        let resources = Resources(
            memory: 64 * 1024 * 1024, blkioWeight: 300, memoryReservation: 32 * 1024 * 1024, memorySwap: 128 * 1024 * 1024,
            oomKillDisable: true, pidsLimit: 100)
        let spec = try Self.build(HostConfig(resources: resources))
        let memory = spec.linux?.resources?.memory
        #expect(memory?.limit == 67_108_864)
        #expect(memory?.reservation == 33_554_432)
        #expect(memory?.swap == 134_217_728)
        #expect(memory?.disableOOMKiller == true)
        #expect(spec.linux?.resources?.pids?.limit == 100)
        #expect(spec.linux?.resources?.blockIO?.weight == 300)
        let unlimited = try Self.build(HostConfig(resources: Resources(pidsLimit: -1)))
        #expect(unlimited.linux?.resources?.pids?.limit == -1)
        let zero = try Self.build(HostConfig(resources: Resources(pidsLimit: 0)))
        #expect(zero.linux?.resources?.pids == nil)
    }

    @Test func ulimitsAndNoNewPrivileges() throws {
        let host = HostConfig(
            resources: Resources(ulimits: [Ulimit(name: "nofile", hard: 2048, soft: 1024)]), oomScoreAdj: 200,
            securityOpt: ["no-new-privileges:true"])
        let spec = try Self.build(host)
        #expect(spec.process?.rlimits == [OCIRuntimeSpec.Rlimit(type: "RLIMIT_NOFILE", hard: 2048, soft: 1024)])
        #expect(spec.process?.noNewPrivileges == true)
        #expect(spec.process?.oomScoreAdj == 200)
        #expect(try Self.build(HostConfig(securityOpt: ["no-new-privileges"])).process?.noNewPrivileges == true)
    }

    @Test func seccompUnconfined() throws {
        #expect(try Self.build(HostConfig(securityOpt: ["seccomp=unconfined"])).linux?.seccomp == nil)
        let custom = try SpecBuilder.build(
            SpecInput(
                id: "abc", config: ContainerConfig(), host: HostConfig(securityOpt: ["seccomp=/p.json"]),
                image: ImageConfig(cmd: ["sh"]),
                seccompProfile: #"{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["chmod"],"action":"SCMP_ACT_ERRNO"}]}"#))
        #expect(custom.linux?.seccomp?.defaultAction == "SCMP_ACT_ALLOW")
        #expect(custom.linux?.seccomp?.syscalls?.first?.names == ["chmod"])
    }

    @Test func bindMounts() throws {
        let spec = try Self.build(HostConfig(binds: ["/host:/data:ro", "/a/b:/data/sub/x", "named:/named"]))
        let user = (spec.mounts ?? []).filter { $0.type == "bind" }
        #expect(user.map(\.destination) == ["/data", "/named", "/data/sub/x"])
        #expect(user[0] == OCIRuntimeSpec.Mount(destination: "/data", type: "bind", source: "/host", options: ["rbind", "ro", "rprivate"]))
        #expect(user[1].source == "/var/lib/berth/volumes/v/_data")
        #expect(user[2].options == ["rbind", "rprivate"])
        #expect(throws: EngineError.self) { try Self.build(HostConfig(binds: ["/host:/data:bogus"])) }
        #expect(throws: EngineError.self) { try Self.build(HostConfig(binds: ["/a:/d", "/b:/d"])) }
    }

    @Test func tmpfsMounts() throws {
        let mounts = [Mount(target: "/cache", type: "tmpfs", tmpfsOptions: TmpfsOptions(sizeBytes: 1024 * 1024, mode: 0o700))]
        let spec = try Self.build(HostConfig(mounts: mounts, tmpfs: ["/run": "rw,exec,size=64m"], shmSize: 1024))
        let run = spec.mounts?.first { $0.destination == "/run" }
        #expect(
            run
                == OCIRuntimeSpec.Mount(
                    destination: "/run", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "rprivate", "rw", "exec", "size=64m"])
        )
        let cache = spec.mounts?.first { $0.destination == "/cache" }
        #expect(cache?.options == ["noexec", "nosuid", "nodev", "rprivate", "size=1024k", "mode=700"])
        #expect(spec.mounts?.first { $0.destination == "/dev/shm" }?.options?.last == "size=1024")
        let shm = try Self.build(HostConfig(tmpfs: ["/dev/shm": ""]))
        #expect(shm.mounts?.filter { $0.destination == "/dev/shm" }.map(\.source) == ["tmpfs"])
    }

    @Test func readonlyRootfs() throws {
        let spec = try Self.build(HostConfig(readonlyRootfs: true))
        #expect(spec.root?.readonly == true)
        #expect(spec.mounts?.first { $0.destination == "/dev/mqueue" }?.options?.contains("ro") == false)
    }

    @Test func namespaces() throws {
        let hostNet = try Self.build(HostConfig(networkMode: "host"))
        #expect(hostNet.linux?.namespaces?.contains { $0.type == "network" } == false)
        let none = try Self.build(HostConfig(networkMode: "none"))
        #expect(none.linux?.namespaces?.contains { $0.type == "network" } == true)
        let v2 = try Self.build(HostConfig(), cgroup: .v2)
        #expect(v2.linux?.namespaces?.last?.type == "cgroup")
        let shared = try Self.build(HostConfig(ipcMode: "host", pidMode: "host", utsMode: "host", sysctls: ["net.ipv4.ip_forward": "1"]))
        #expect(shared.linux?.namespaces?.map(\.type) == ["mount", "network"])
        #expect(shared.hostname == nil)
        #expect(shared.linux?.sysctl == ["net.ipv4.ip_forward": "1"])
    }
}
