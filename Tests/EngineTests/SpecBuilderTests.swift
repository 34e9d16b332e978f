// SPDX-License-Identifier: Apache-2.0
// SpecBuilder writes the config.json dockerd would for the same container: process, caps, mounts, linux.

import Engine
import Models
import Testing

@Suite struct SpecBuilderTests {
    static let busybox = ImageConfig(env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], cmd: ["sh"])

    static func input(
        config: ContainerConfig = ContainerConfig(), host: HostConfig = HostConfig(), image: ImageConfig = busybox
    ) -> SpecInput {
        SpecInput(
            id: "abc123", config: config, host: host, image: image, hostname: "abc123", hostnamePath: "/c/hostname",
            hostsPath: "/c/hosts", resolvConfPath: "/c/resolv.conf")
    }

    static func build(config: ContainerConfig = ContainerConfig(), host: HostConfig = HostConfig()) throws -> OCIRuntimeSpec {
        try SpecBuilder.build(input(config: config, host: host))
    }

    @Test func defaultBusyboxContainer() throws {
        let spec = try Self.build()
        let process = try #require(spec.process)
        #expect(process.args == ["sh"])
        #expect(process.env == ["PATH=" + SpecBuilder.defaultPath, "HOSTNAME=abc123"])
        #expect(process.cwd == "/")
        #expect(process.terminal == false)
        #expect(process.noNewPrivileges == nil)
        #expect(Set(process.capabilities?.bounding ?? []) == Set(SpecBuilder.defaultCapabilities))
        #expect(process.capabilities?.bounding?.count == 14)
        #expect(process.capabilities?.effective == process.capabilities?.bounding)
        #expect(process.capabilities?.inheritable == nil)
        #expect(spec.root == OCIRuntimeSpec.Root(path: "rootfs", readonly: false))
        #expect(spec.hostname == "abc123")
        let destinations = spec.mounts?.map(\.destination) ?? []
        #expect(
            destinations == [
                "/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm",
                "/etc/resolv.conf", "/etc/hostname", "/etc/hosts",
            ])
        let sys = spec.mounts?.first { $0.destination == "/sys" }
        #expect(sys?.options?.contains("ro") == true)
        let shm = spec.mounts?.first { $0.destination == "/dev/shm" }
        #expect(shm?.options?.contains("size=67108864") == true)
        let hosts = spec.mounts?.first { $0.destination == "/etc/hosts" }
        #expect(hosts == OCIRuntimeSpec.Mount(destination: "/etc/hosts", type: "bind", source: "/c/hosts", options: ["rbind", "rprivate"]))
        let linux = try #require(spec.linux)
        #expect(linux.maskedPaths == SpecBuilder.defaultMaskedPaths)
        #expect(linux.maskedPaths?.contains("/proc/kcore") == true)
        #expect(linux.readonlyPaths == SpecBuilder.defaultReadonlyPaths)
        #expect(linux.cgroupsPath == "/berth/abc123")
        #expect(linux.namespaces?.map(\.type) == ["mount", "network", "uts", "pid", "ipc"])
        #expect(linux.resources?.devices?.first == OCIRuntimeSpec.DeviceCgroup(allow: false, access: "rwm"))
        #expect(linux.resources?.devices?.contains(.init(allow: true, type: "c", major: 1, minor: 3, access: "rwm")) == true)
        #expect(linux.resources?.memory == nil)
        #expect(linux.resources?.cpu == nil)
        let seccomp = try #require(linux.seccomp)
        #expect(seccomp.defaultAction == "SCMP_ACT_ERRNO")
        #expect(seccomp.architectures?.contains("SCMP_ARCH_X86_64") == true)
    }

    @Test func privilegedGetsEverything() throws {
        let spec = try Self.build(host: HostConfig(privileged: true))
        // All of them that the daemon holds itself (a sandbox may lack some, e.g. CAP_SYS_RESOURCE).
        #expect(spec.process?.capabilities?.bounding == SpecBuilder.allCapabilities.filter(HostDevices.boundingCapabilities.contains))
        #expect(spec.process?.capabilities?.bounding?.contains("CAP_SYS_ADMIN") == true)
        #expect(spec.linux?.maskedPaths == [])
        #expect(spec.linux?.readonlyPaths == [])
        #expect(spec.linux?.seccomp == nil)
        let sys = spec.mounts?.first { $0.destination == "/sys" }
        #expect(sys?.options?.contains("rw") == true)
        #expect(sys?.options?.contains("ro") == false)
        #expect(spec.linux?.resources?.devices == [.init(allow: true, access: "rwm")])
    }

    @Test func capAddAndDrop() throws {
        let added = try SpecBuilder.capabilities(add: ["net_admin", "CAP_SYS_PTRACE"], drop: ["chown", "Cap_Kill"], privileged: false)
        #expect(added.contains("CAP_NET_ADMIN") && added.contains("CAP_SYS_PTRACE"))
        #expect(!added.contains("CAP_CHOWN") && !added.contains("CAP_KILL"))
        #expect(added.count == 14)
        let onlyOne = try SpecBuilder.capabilities(add: ["NET_BIND_SERVICE"], drop: ["ALL"], privileged: false)
        #expect(onlyOne == ["CAP_NET_BIND_SERVICE"])
        let allButOne = try SpecBuilder.capabilities(add: ["all"], drop: ["SYS_ADMIN"], privileged: false)
        #expect(allButOne.count == SpecBuilder.allCapabilities.count - 1)
        #expect(!allButOne.contains("CAP_SYS_ADMIN"))
        let spec = try Self.build(host: HostConfig(capAdd: ["SYS_ADMIN"]))
        let allowed = Set((spec.linux?.seccomp?.syscalls ?? []).filter { $0.action == "SCMP_ACT_ALLOW" }.flatMap(\.names))
        #expect(allowed.contains("mount"))
    }

    @Test func unknownCapability() {
        #expect(throws: EngineError.invalidParameter("unknown capability: \"CAP_FOO\"")) {
            try Self.build(host: HostConfig(capAdd: ["foo"]))
        }
    }

    @Test(arguments: [
        // (image entrypoint, image cmd, create entrypoint, create cmd, expected args)
        ([String]?.none, ["sh"], [String]?.none, [String]?.none, ["sh"]),
        (nil, ["sh"], nil, ["echo", "hi"], ["echo", "hi"]),
        (["/ep"], ["a"], nil, nil, ["/ep", "a"]),
        (["/ep"], ["a"], nil, ["b"], ["/ep", "b"]),
        (["/ep"], ["a"], ["/new"], nil, ["/new"]),
        (["/ep"], ["a"], ["/new"], ["c"], ["/new", "c"]),
        (["/ep"], ["a"], [""], ["ls"], ["ls"]),
    ])
    func entrypointAndCmd(imageEntry: [String]?, imageCmd: [String]?, entry: [String]?, cmd: [String]?, expected: [String]) throws {
        let image = ImageConfig(entrypoint: imageEntry, cmd: imageCmd)
        let spec = try SpecBuilder.build(Self.input(config: ContainerConfig(cmd: cmd, entrypoint: entry), image: image))
        #expect(spec.process?.args == expected)
    }

    @Test func noCommand() {
        #expect(throws: EngineError.invalidParameter("no command specified")) {
            try SpecBuilder.build(Self.input(image: ImageConfig()))
        }
        #expect(throws: EngineError.invalidParameter("no command specified")) {
            try SpecBuilder.build(Self.input(config: ContainerConfig(entrypoint: [""])))
        }
    }

    @Test func envMerge() throws {
        let image = ImageConfig(env: ["PATH=/bin", "A=image", "B=image"], cmd: ["sh"])
        let config = ContainerConfig(tty: true, env: ["A=create", "C=create"], workingDir: "/work")
        let spec = try SpecBuilder.build(Self.input(config: config, image: image))
        #expect(spec.process?.env == ["PATH=/bin", "HOSTNAME=abc123", "TERM=xterm", "A=create", "C=create", "B=image"])
        #expect(spec.process?.cwd == "/work")
        #expect(spec.process?.terminal == true)
        let imageDir = try SpecBuilder.build(Self.input(image: ImageConfig(cmd: ["sh"], workingDir: "/srv")))
        #expect(imageDir.process?.cwd == "/srv")
    }
}
