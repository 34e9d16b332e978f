// SPDX-License-Identifier: Apache-2.0
// `GET /version`, `GET /info` and `GET /system/df`: the daemon's identity and real host figures.
// Host facts that cannot change while the daemon runs are read once; counters are read per call.

import FoundationEssentials
import Glibc
import Models
import Platform

/// Reports versions, host information and disk usage.
public struct SystemService: Sendable {
    private let configuration: EngineConfiguration
    private let daemonID: String
    private let events: EventBus
    private let host: HostSnapshot
    /// The OCI runtimes found at start, with their versions.
    public let runtimes: [RuntimeDescription]

    /// A service for a daemon with the given identity and runtimes.
    public init(configuration: EngineConfiguration, daemonID: String, events: EventBus, runtimes: [RuntimeDescription]) {
        self.configuration = configuration
        self.daemonID = daemonID
        self.events = events
        self.runtimes = runtimes
        host = HostSnapshot.read()
    }

    /// The `/version` document; the API layer passes the version range it serves.
    public func version(apiVersion: String, minimumAPIVersion: String) -> SystemVersion {
        let details: [String: String] = [
            "ApiVersion": apiVersion, "MinAPIVersion": minimumAPIVersion, "Os": HostFacts.goOS, "Arch": host.goArch,
            "KernelVersion": host.kernel, "GitCommit": BuildInfo.commit, "GoVersion": BuildInfo.toolchain, "BuildTime": BuildInfo.buildTime,
            "Experimental": "false",
        ]
        var components = [SystemVersion.ComponentVersion(name: "Engine", version: Engine.version, details: details)]
        for runtime in runtimes {
            components.append(SystemVersion.ComponentVersion(name: runtime.name, version: runtime.version, details: ["GitCommit": runtime.commit]))
        }
        return SystemVersion(
            platform: .init(name: "Berth Engine"), components: components, version: Engine.version, apiVersion: apiVersion,
            minAPIVersion: minimumAPIVersion, gitCommit: BuildInfo.commit, goVersion: BuildInfo.toolchain, os: HostFacts.goOS,
            arch: host.goArch, kernelVersion: host.kernel, buildTime: BuildInfo.buildTime)
    }

    /// The `/info` document with live counters.
    public func info() async -> SystemInfo {
        var info = SystemInfo()
        info.id = daemonID
        info.name = host.hostname
        info.driver = "overlay2"
        info.driverStatus = [["Backing Filesystem", host.backingFilesystem], ["Supports d_type", "true"], ["Using metacopy", "false"], ["Native Overlay Diff", "true"], ["userxattr", "false"]]
        info.dockerRootDir = configuration.dataRoot
        info.plugins = PluginsInfo(
            volume: ["local"], network: ["bridge", "host", "macvlan", "null"], authorization: [],
            log: ["json-file", "local", "none", "syslog"])
        let features = host.cgroupFeatures
        info.memoryLimit = features.memoryLimit
        info.swapLimit = features.swapLimit
        info.kernelMemoryTCP = features.kernelMemoryTCP
        info.cpuCfsPeriod = features.cpuCfsPeriod
        info.cpuCfsQuota = features.cpuCfsQuota
        info.cpuShares = features.cpuShares
        info.cpuSet = features.cpuSet
        info.pidsLimit = features.pidsLimit
        info.oomKillDisable = features.oomKillDisable
        info.ipv4Forwarding = HostFacts.isIPv4ForwardingEnabled()
        info.debug = configuration.debug
        info.fileDescriptorCount = Self.openDescriptorCount()
        info.goroutineCount = Self.threadCount()
        info.systemTime = Timestamps.rfc3339(nanos: EventBus.nowNanos())
        info.loggingDriver = configuration.defaultLogConfig.type
        info.cgroupDriver = host.cgroupDriver
        info.cgroupVersion = host.cgroupVersion
        info.eventsListenerCount = await events.listenerCount
        info.kernelVersion = host.kernel
        info.operatingSystem = host.operatingSystem
        info.osVersion = host.osVersion
        info.osType = HostFacts.goOS
        info.architecture = host.architecture
        info.cpuCount = HostFacts.onlineCPUCount()
        info.memTotal = host.memTotal
        info.registryConfig = Self.registryConfig(insecure: configuration.insecureRegistries, mirrors: configuration.registryMirrors)
        info.labels = configuration.labels
        info.serverVersion = Engine.version
        info.runtimes = Dictionary(uniqueKeysWithValues: runtimes.map { ($0.name, SystemInfo.Runtime(path: $0.path)) })
        if let runtime = runtimes.first(where: { $0.name == configuration.defaultRuntime }) {
            info.runcCommit = SystemInfo.Commit(id: runtime.commit.isEmpty ? runtime.version : runtime.commit)
        }
        info.defaultRuntime = configuration.defaultRuntime
        info.liveRestoreEnabled = configuration.liveRestore
        info.isolation = ""
        info.initBinary = "docker-init"
        info.securityOptions = host.securityOptions
        info.warnings = host.warnings
        return info
    }

    /// The `/system/df` document; `types` limits the report to those kinds (empty = all).
    public func dataUsage(types: Set<String>) -> SystemDataUsage {
        let all = types.isEmpty
        return SystemDataUsage(
            layersSize: 0, images: all || types.contains("image") ? [] : nil, containers: all || types.contains("container") ? [] : nil,
            volumes: all || types.contains("volume") ? [] : nil, buildCache: all || types.contains("build-cache") ? [] : nil)
    }

    /// dockerd's registry view: loopback is always insecure; docker.io is the official index.
    static func registryConfig(insecure: [String], mirrors: [String]) -> RegistryServiceConfig {
        var cidrs = ["::1/128", "127.0.0.0/8"]
        var indexes = ["docker.io": IndexInfo(name: "docker.io", mirrors: mirrors, secure: true, official: true)]
        for entry in insecure {
            if entry.contains("/") && entry.first?.isNumber == true {
                cidrs.append(entry)
            } else {
                indexes[entry] = IndexInfo(name: entry, mirrors: [], secure: false, official: false)
            }
        }
        return RegistryServiceConfig(insecureRegistryCIDRs: cidrs, indexConfigs: indexes, mirrors: mirrors)
    }

    static func openDescriptorCount() -> Int {
        max(0, entryCount("/proc/self/fd") - 3)  // ".", ".." and the directory's own descriptor
    }

    /// dockerd reports goroutines here; threads are our nearest equivalent.
    static func threadCount() -> Int { max(0, entryCount("/proc/self/task") - 2) }

    private static func entryCount(_ path: String) -> Int {
        guard let directory = opendir(path) else { return 0 }
        defer { closedir(directory) }
        var count = 0
        while readdir(directory) != nil { count += 1 }
        return count
    }
}
