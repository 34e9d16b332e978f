// SPDX-License-Identifier: Apache-2.0
// What the engine needs to know about its host setup, decided by the daemon's flags and daemon.json.

import Glibc
import Models
import Platform

/// Settings the engine runs with.
public struct EngineConfiguration: Sendable {
    /// Persistent state (`--data-root`).
    public var dataRoot: String
    /// Runtime state (`--exec-root`).
    public var execRoot: String
    /// Debug mode (`-D`).
    public var debug: Bool
    /// Registries allowed over plain HTTP or unverified TLS (`--insecure-registry`).
    public var insecureRegistries: [String]
    /// Registry mirrors (`registry-mirrors`).
    public var registryMirrors: [String]
    /// Daemon labels (`--label`).
    public var labels: [String]
    /// Extra OCI runtimes from daemon.json's `runtimes` (name → path).
    public var runtimes: [String: String]
    /// The runtime used when a container names none.
    public var defaultRuntime: String
    /// The PATH searched for runtimes.
    public var searchPath: String
    /// Whether containers keep running while the daemon is down (always true for berth).
    public var liveRestore: Bool
    /// Layer downloads at once per pull (`max-concurrent-downloads`, dockerd's default 3).
    public var maxConcurrentDownloads = 3
    /// Layer uploads at once per push (`max-concurrent-uploads`, dockerd's default 5).
    public var maxConcurrentUploads = 5
    /// The berth-unpack helper; by default the one installed beside the running berthd.
    public var unpackerPath: String = EngineConfiguration.besideExecutable("berth-unpack")
    /// The init run as PID 1 for `--init` containers (dockerd's docker-init, i.e. tini); nil when none is installed.
    public var initPath: String? = ["docker-init", "tini-static", "tini"].lazy.compactMap {
        ExecutableLookup.find($0, path: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
    }.first
    /// Log driver and options of containers that name none (dockerd's `log-driver`, `log-opts`).
    public var defaultLogConfig = LogConfig(type: "json-file")
    /// Run every container with the init unless it says otherwise (dockerd's `--init`).
    public var defaultInit = false
    /// Path of the berth-shim executable (beside berthd).
    public var shimPath: String = EngineConfiguration.besideExecutable("berth-shim")

    /// A program installed in the same directory as the running executable.
    public static func besideExecutable(_ name: String) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return name }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return name }
        return String(path[...slash]) + name
    }

    /// Settings with dockerd's defaults for anything not given.
    public init(
        dataRoot: String = "/var/lib/berth", execRoot: String = "/run/berth", debug: Bool = false, insecureRegistries: [String] = [],
        registryMirrors: [String] = [], labels: [String] = [], runtimes: [String: String] = [:], defaultRuntime: String = "runc",
        searchPath: String = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", liveRestore: Bool = true
    ) {
        self.dataRoot = dataRoot
        self.execRoot = execRoot
        self.debug = debug
        self.insecureRegistries = insecureRegistries
        self.registryMirrors = registryMirrors
        self.labels = labels
        self.runtimes = runtimes
        self.defaultRuntime = defaultRuntime
        self.searchPath = searchPath
        self.liveRestore = liveRestore
    }
}
