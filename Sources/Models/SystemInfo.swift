// SPDX-License-Identifier: Apache-2.0
// The `GET /info` response (spec `SystemInfo`, moby `system.Info`). Nested value types: SystemInfo+Components.swift.

/// The `GET /info` response body.
///
/// Non-optional properties are always written, as dockerd (Go, no `omitempty`) always writes them; the docker CLI
/// reads `Plugins`, `RegistryConfig`, `Swarm`, `Runtimes`, `SecurityOptions`, `DriverStatus`, `Labels` and
/// `Warnings` unconditionally. Optional properties are omitted when nil, matching the spec's "omitted" notes.
/// Start from `init()` and set what you know.
public struct SystemInfo: Codable, Sendable, Equatable {
    /// Unique identifier of the daemon.
    public var id: String = ""
    /// Total number of containers.
    public var containers: Int = 0
    /// Containers with status `running`.
    public var containersRunning: Int = 0
    /// Containers with status `paused`.
    public var containersPaused: Int = 0
    /// Containers with status `stopped`.
    public var containersStopped: Int = 0
    /// Total number of images, tagged and dangling.
    public var images: Int = 0
    /// Storage driver name, e.g. `overlay2`.
    public var driver: String = ""
    /// Storage driver label/value pairs, e.g. `[["Backing Filesystem","extfs"]]`.
    public var driverStatus: [[String]] = []
    /// Root directory of persistent state.
    public var dockerRootDir: String = ""
    /// Available (v1) plugins per type.
    public var plugins: PluginsInfo = PluginsInfo()
    /// Memory limit support.
    public var memoryLimit: Bool = false
    /// Memory+swap limit support.
    public var swapLimit: Bool = false
    /// Deprecated kernel memory limit support; not in the v1.50 spec, dockerd omits it when false.
    public var kernelMemory: Bool?
    /// Kernel memory TCP limit support; omitted if not supported (always on cgroup v2).
    public var kernelMemoryTCP: Bool?
    /// CFS period support.
    public var cpuCfsPeriod: Bool = false
    /// CFS quota support.
    public var cpuCfsQuota: Bool = false
    /// CPU shares support.
    public var cpuShares: Bool = false
    /// cpuset (cpus, mems) support.
    public var cpuSet: Bool = false
    /// PID limit support.
    public var pidsLimit: Bool = false
    /// OOM-killer disable support.
    public var oomKillDisable: Bool = false
    /// True when `/proc/sys/net/ipv4/ip_forward` is 1.
    public var ipv4Forwarding: Bool = false
    /// Deprecated (always false since v1.48, omitted from v1.50); for older API versions only.
    public var bridgeNfIptables: Bool?
    /// Deprecated (always false since v1.48, omitted from v1.50); for older API versions only.
    public var bridgeNfIp6tables: Bool?
    /// Debug mode.
    public var debug: Bool = false
    /// Open file descriptors of the daemon (wire `NFd`).
    public var fileDescriptorCount: Int = 0
    /// Goroutines (wire `NGoroutines`); the daemon's task count for Berth.
    public var goroutineCount: Int = 0
    /// Current time, RFC 3339 with nanoseconds.
    public var systemTime: String = ""
    /// Default logging driver for new containers.
    public var loggingDriver: String = ""
    /// Cgroup driver: `cgroupfs`, `systemd` or `none`.
    public var cgroupDriver: String = "cgroupfs"
    /// Cgroup version, `1` or `2`; omitted when nil.
    public var cgroupVersion: String?
    /// Subscribed event listeners (wire `NEventsListener`).
    public var eventsListenerCount: Int = 0
    /// Kernel version (`uname -r`).
    public var kernelVersion: String = ""
    /// Host OS name, e.g. `Debian GNU/Linux 12 (bookworm)`.
    public var operatingSystem: String = ""
    /// Host OS version, e.g. `12`.
    public var osVersion: String = ""
    /// Go `GOOS` spelling: `linux`.
    public var osType: String = "linux"
    /// Machine architecture as `uname -m` reports it, e.g. `x86_64`.
    public var architecture: String = ""
    /// Logical CPUs usable by the daemon (wire `NCPU`).
    public var cpuCount: Int = 0
    /// Physical memory in bytes.
    public var memTotal: Int64 = 0
    /// Index server address used for search and default authentication.
    public var indexServerAddress: String = "https://index.docker.io/v1/"
    /// Registry service configuration.
    public var registryConfig: RegistryServiceConfig = RegistryServiceConfig()
    /// User-defined generic resources; omitted when nil (dockerd writes `null`).
    public var genericResources: [GenericResource]?
    /// HTTP proxy of the daemon, credentials masked.
    public var httpProxy: String = ""
    /// HTTPS proxy of the daemon, credentials masked.
    public var httpsProxy: String = ""
    /// No-proxy list of the daemon.
    public var noProxy: String = ""
    /// Host name.
    public var name: String = ""
    /// Daemon labels, `key=value`.
    public var labels: [String] = []
    /// Experimental features enabled.
    public var experimentalBuild: Bool = false
    /// Daemon version string.
    public var serverVersion: String = ""
    /// Configured OCI runtimes by name.
    public var runtimes: [String: Runtime] = [:]
    /// Default OCI runtime name.
    public var defaultRuntime: String = "runc"
    /// Swarm state; `LocalNodeState` `inactive` when swarm is not used.
    public var swarm: SwarmInfo = SwarmInfo()
    /// Live restore enabled.
    public var liveRestoreEnabled: Bool = false
    /// Default isolation; empty on Linux.
    public var isolation: String = ""
    /// Name or path of the init binary (`docker-init`).
    public var initBinary: String = ""
    /// containerd commit.
    public var containerdCommit: Commit = Commit()
    /// runc commit.
    public var runcCommit: Commit = Commit()
    /// init binary commit.
    public var initCommit: Commit = Commit()
    /// Enabled security features, e.g. `name=seccomp,profile=builtin`.
    public var securityOptions: [String] = []
    /// Product license summary; omitted when nil.
    public var productLicense: String?
    /// Default address pools for local networks; omitted when nil.
    public var defaultAddressPools: [AddressPool]?
    /// Firewall backend; omitted when nil.
    public var firewallBackend: FirewallInfo?
    /// Devices found by device drivers; omitted when nil.
    public var discoveredDevices: [DeviceInfo]?
    /// Warnings about missing features or configuration.
    public var warnings: [String] = []
    /// CDI specification directories; empty when CDI is off.
    public var cdiSpecDirs: [String] = []
    /// containerd connection details; omitted when nil.
    public var containerd: ContainerdInfo?

    /// Creates an info value with spec defaults; set the properties you know.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case containers = "Containers"
        case containersRunning = "ContainersRunning"
        case containersPaused = "ContainersPaused"
        case containersStopped = "ContainersStopped"
        case images = "Images"
        case driver = "Driver"
        case driverStatus = "DriverStatus"
        case dockerRootDir = "DockerRootDir"
        case plugins = "Plugins"
        case memoryLimit = "MemoryLimit"
        case swapLimit = "SwapLimit"
        case kernelMemory = "KernelMemory"
        case kernelMemoryTCP = "KernelMemoryTCP"
        case cpuCfsPeriod = "CpuCfsPeriod"
        case cpuCfsQuota = "CpuCfsQuota"
        case cpuShares = "CPUShares"
        case cpuSet = "CPUSet"
        case pidsLimit = "PidsLimit"
        case oomKillDisable = "OomKillDisable"
        case ipv4Forwarding = "IPv4Forwarding"
        case bridgeNfIptables = "BridgeNfIptables"
        case bridgeNfIp6tables = "BridgeNfIp6tables"
        case debug = "Debug"
        case fileDescriptorCount = "NFd"
        case goroutineCount = "NGoroutines"
        case systemTime = "SystemTime"
        case loggingDriver = "LoggingDriver"
        case cgroupDriver = "CgroupDriver"
        case cgroupVersion = "CgroupVersion"
        case eventsListenerCount = "NEventsListener"
        case kernelVersion = "KernelVersion"
        case operatingSystem = "OperatingSystem"
        case osVersion = "OSVersion"
        case osType = "OSType"
        case architecture = "Architecture"
        case cpuCount = "NCPU"
        case memTotal = "MemTotal"
        case indexServerAddress = "IndexServerAddress"
        case registryConfig = "RegistryConfig"
        case genericResources = "GenericResources"
        case httpProxy = "HttpProxy"
        case httpsProxy = "HttpsProxy"
        case noProxy = "NoProxy"
        case name = "Name"
        case labels = "Labels"
        case experimentalBuild = "ExperimentalBuild"
        case serverVersion = "ServerVersion"
        case runtimes = "Runtimes"
        case defaultRuntime = "DefaultRuntime"
        case swarm = "Swarm"
        case liveRestoreEnabled = "LiveRestoreEnabled"
        case isolation = "Isolation"
        case initBinary = "InitBinary"
        case containerdCommit = "ContainerdCommit"
        case runcCommit = "RuncCommit"
        case initCommit = "InitCommit"
        case securityOptions = "SecurityOptions"
        case productLicense = "ProductLicense"
        case defaultAddressPools = "DefaultAddressPools"
        case firewallBackend = "FirewallBackend"
        case discoveredDevices = "DiscoveredDevices"
        case warnings = "Warnings"
        case cdiSpecDirs = "CDISpecDirs"
        case containerd = "Containerd"
    }
}
