// SPDX-License-Identifier: Apache-2.0
// `linux` of a container's spec: namespaces, masked paths, device rules, cgroup resources and seccomp
// (moby daemon/oci_linux.go WithNamespaces, WithDevices, WithResources, WithSeccomp; oci/defaults.go).

import FoundationEssentials
import Models
import Platform

extension SpecBuilder {
    /// /proc and /sys paths hidden from an unprivileged container (moby oci/defaults.go).
    public static let defaultMaskedPaths = [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ]
    /// /proc paths an unprivileged container sees read-only (moby oci/defaults.go).
    public static let defaultReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]

    /// Device cgroup rules of an unprivileged container: deny all, then the nodes a container needs (moby
    /// oci/defaults.go plus runc's AllowedDevices: mknod, null, zero, full, random, urandom, tty, console, ptmx, pts).
    public static let defaultDeviceRules: [OCIRuntimeSpec.DeviceCgroup] = [
        .init(allow: false, access: "rwm"),
        .init(allow: true, type: "c", access: "m"),
        .init(allow: true, type: "b", access: "m"),
        .init(allow: true, type: "c", major: 1, minor: 3, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 5, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 7, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 8, access: "rwm"),
        .init(allow: true, type: "c", major: 1, minor: 9, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 0, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 1, access: "rwm"),
        .init(allow: true, type: "c", major: 5, minor: 2, access: "rwm"),
        .init(allow: true, type: "c", major: 136, access: "rwm"),
        // No trailing deny for /dev/fuse (10:229): it is already denied by the first rule, and on cgroup v1
        // runc 1.1 refuses a deny after the `c *:* m` allow ("cannot punch hole in existing wildcard rule").
    ]

    /// Namespaces: pid, ipc, uts, mount, network and cgroup unless shared with the host (or joined by path).
    static func namespaces(_ input: SpecInput) -> [OCIRuntimeSpec.Namespace] {
        let host = input.host
        var result = [OCIRuntimeSpec.Namespace(type: "mount")]
        if let path = input.networkNamespacePath {
            result.append(.init(type: "network", path: path))
        } else if host.networkMode != "host" {
            // `none`, `bridge`, "" and user networks all start from a fresh namespace (issue 4 item 8).
            result.append(.init(type: "network"))
        }
        if host.utsMode != "host" { result.append(.init(type: "uts")) }
        if host.pidMode != "host" { result.append(.init(type: "pid")) }
        if host.ipcMode != "host" { result.append(.init(type: "ipc")) }
        // moby's default CgroupnsMode: private on cgroup v2, host on v1.
        let cgroupns = host.cgroupnsMode.isEmpty ? (input.cgroupVersion == .v2 ? "private" : "host") : host.cgroupnsMode
        if cgroupns == "private" { result.append(.init(type: "cgroup")) }
        return result
    }

    static func linux(
        _ input: SpecInput, namespaces: [OCIRuntimeSpec.Namespace], capabilities: [String], security: SecurityOptions
    ) throws(EngineError) -> OCIRuntimeSpec.Linux {
        let host = input.host
        var resources = try resources(host.resources)
        resources.devices = host.privileged ? [.init(allow: true, access: "rwm")] : defaultDeviceRules
        let parent = host.resources.cgroupParent.isEmpty ? "/berth" : host.resources.cgroupParent
        var sysctls = host.sysctls ?? [:]
        // The spec's `domainname` needs runc 1.2; moby sets the sysctl instead, which every runtime applies.
        if namespaces.contains(where: { $0.type == "uts" }), !input.config.domainname.isEmpty, sysctls["kernel.domainname"] == nil {
            sysctls["kernel.domainname"] = input.config.domainname
        }
        return OCIRuntimeSpec.Linux(
            sysctl: sysctls.isEmpty ? nil : sysctls, resources: resources,
            cgroupsPath: (parent.hasPrefix("/") ? parent : "/" + parent) + "/" + input.id, namespaces: namespaces,
            // moby gives a privileged container every host device node (its cgroup rule allows them all).
            devices: host.privileged ? input.hostDevices ?? HostDevices.scan() : nil,
            seccomp: try seccomp(input, capabilities: capabilities, security: security),
            maskedPaths: host.privileged ? [] : host.maskedPaths ?? defaultMaskedPaths,
            readonlyPaths: host.privileged ? [] : host.readonlyPaths ?? defaultReadonlyPaths)
    }

    /// cgroup limits from HostConfig (moby WithResources; NanoCpus as a 100 ms period, daemon/daemon_unix.go).
    static func resources(_ r: Resources) throws(EngineError) -> OCIRuntimeSpec.Resources {
        if r.nanoCpus > 0 && r.cpuPeriod > 0 {
            throw .invalidParameter("Conflicting options: Nano CPUs and CPU Period cannot both be set")
        }
        if r.nanoCpus > 0 && r.cpuQuota > 0 {
            throw .invalidParameter("Conflicting options: Nano CPUs and CPU Quota cannot both be set")
        }
        var result = OCIRuntimeSpec.Resources()
        var memory = OCIRuntimeSpec.Memory()
        if r.memory > 0 { memory.limit = r.memory }
        if r.memoryReservation > 0 { memory.reservation = r.memoryReservation }
        if r.memorySwap != 0 { memory.swap = r.memorySwap }
        if let swappiness = r.memorySwappiness, swappiness >= 0 { memory.swappiness = UInt64(swappiness) }
        if r.oomKillDisable == true { memory.disableOOMKiller = true }
        if memory != OCIRuntimeSpec.Memory() { result.memory = memory }
        var cpu = OCIRuntimeSpec.CPU()
        if r.cpuShares > 0 { cpu.shares = UInt64(r.cpuShares) }
        if r.nanoCpus > 0 {
            cpu.period = 100_000
            cpu.quota = r.nanoCpus * 100_000 / 1_000_000_000
        } else {
            if r.cpuPeriod > 0 { cpu.period = UInt64(r.cpuPeriod) }
            if r.cpuQuota != 0 { cpu.quota = r.cpuQuota }
        }
        if r.cpuRealtimePeriod > 0 { cpu.realtimePeriod = UInt64(r.cpuRealtimePeriod) }
        if r.cpuRealtimeRuntime != 0 { cpu.realtimeRuntime = r.cpuRealtimeRuntime }
        if !r.cpusetCpus.isEmpty { cpu.cpus = r.cpusetCpus }
        if !r.cpusetMems.isEmpty { cpu.mems = r.cpusetMems }
        if cpu != OCIRuntimeSpec.CPU() { result.cpu = cpu }
        // 0 and -1 both mean unlimited (moby API 1.41+); runtimes read -1 as "max".
        if let pids = r.pidsLimit, pids != 0 { result.pids = .init(limit: pids > 0 ? pids : -1) }
        if r.blkioWeight > 0 { result.blockIO = .init(weight: UInt16(clamping: r.blkioWeight)) }
        return result
    }

    /// The default (or caller-supplied) seccomp profile narrowed to the capability set; none when privileged or
    /// `seccomp=unconfined` (moby daemon/seccomp_linux.go WithSeccomp).
    static func seccomp(
        _ input: SpecInput, capabilities: [String], security: SecurityOptions
    ) throws(EngineError) -> OCIRuntimeSpec.Seccomp? {
        if input.host.privileged || security.seccompUnconfined { return nil }
        let profile: DockerSeccompProfile
        if let text = input.seccompProfile {
            profile = try DockerSeccompProfile.decode(Data(text.utf8))
            // runc skips names libseccomp cannot resolve, so a typo would silently allow the call: refuse it here.
            let names = (profile.syscalls ?? []).flatMap { rule in (rule.names ?? []) + (rule.name.map { [$0] } ?? []) }
            let unknown = SeccompValidator.unknownSyscalls(names.filter { !$0.isEmpty })
            if !unknown.isEmpty { throw .invalidParameter(SeccompValidator.unknownSyscallsMessage(unknown)) }
        } else if security.seccompCustom {
            throw .invalidParameter("seccomp profile given but its contents were not loaded")
        } else {
            profile = try DockerSeccompProfile.makeDefault()
        }
        return try SeccompProfileConverter.spec(
            from: profile, capabilities: Set(capabilities), architecture: input.architecture, kernel: input.kernel)
    }
}
