// SPDX-License-Identifier: Apache-2.0
// Flags merged with daemon.json, validated: what the daemon actually runs with.

import Engine
import Models
import Glibc
import Platform

/// The daemon's effective settings.
struct DaemonSettings {
    var hosts: [HostAddress]
    var engine: EngineConfiguration
    var pidfile: String
    var logLevel: LogLevel
    var group: String
    var tls: TLSSettings?
    var tokens: Bool

    /// TLS files and policy for TCP listeners.
    struct TLSSettings {
        var caFile: String?
        var certFile: String
        var keyFile: String
        var verify: Bool
    }

    init(flags: Berthd) throws {
        let explicitConfig = flags.configFile != nil
        let configPath = flags.configFile ?? "/etc/berth/daemon.json"
        let file = try DaemonConfigFile.load(path: configPath, required: explicitConfig)
        if file != nil { try Self.rejectConflicts(flags: flags, fileKeys: DaemonConfigFile.keys(path: configPath)) }

        let debug = flags.debug || (file?.debug ?? false)
        let levelName = flags.logLevel ?? file?.logLevel ?? "info"
        guard let level = LogLevel(name: levelName) else { throw DaemonError("unable to parse logging level: \(levelName)") }
        logLevel = debug ? .debug : level

        let verify = flags.tlsverify || (file?.tlsverify ?? false)
        let useTLS = verify || flags.tls || (file?.tls ?? false)
        if useTLS {
            let home = String(cString: getenv("HOME") ?? strdup("/root"))
            let dockerDir = (getenv("DOCKER_CERT_PATH").map { String(cString: $0) }) ?? "\(home)/.docker"
            tls = TLSSettings(
                caFile: flags.tlscacert ?? file?.tlscacert ?? (verify ? "\(dockerDir)/ca.pem" : nil),
                certFile: flags.tlscert ?? file?.tlscert ?? "\(dockerDir)/cert.pem",
                keyFile: flags.tlskey ?? file?.tlskey ?? "\(dockerDir)/key.pem", verify: verify)
        }
        tokens = flags.tokens || (file?.tokens ?? false)

        let hostTexts = flags.host.isEmpty ? (file?.hosts ?? []) : flags.host
        hosts = try hostTexts.isEmpty ? [HostAddress.defaultUnix] : hostTexts.map { try HostAddress(parsing: $0, tls: useTLS) }
        let insecureTCP = flags.insecureTCP || (file?.insecureTCP ?? false)
        if let open = hosts.first(where: \.isTCP), tls == nil, !tokens, !insecureTCP {
            throw DaemonError(
                "refusing to listen on \(open) without TLS or tokens: anyone who can reach it controls this host as root. "
                    + "Use --tlsverify, --tokens, or --insecure-tcp to accept the risk")
        }

        pidfile = flags.pidfile ?? file?.pidfile ?? "/var/run/berthd.pid"
        group = flags.group ?? file?.group ?? "docker"
        var runtimes: [String: String] = [:]
        for (name, entry) in file?.runtimes ?? [:] { runtimes[name] = entry.path }
        engine = EngineConfiguration(
            dataRoot: flags.dataRoot ?? file?.dataRoot ?? "/var/lib/berth", execRoot: flags.execRoot ?? file?.execRoot ?? "/run/berth",
            debug: debug, insecureRegistries: flags.insecureRegistry.isEmpty ? (file?.insecureRegistries ?? []) : flags.insecureRegistry,
            registryMirrors: flags.registryMirror.isEmpty ? (file?.registryMirrors ?? []) : flags.registryMirror,
            labels: flags.label.isEmpty ? (file?.labels ?? []) : flags.label, runtimes: runtimes,
            defaultRuntime: flags.defaultRuntime ?? file?.defaultRuntime ?? "runc",
            searchPath: getenv("PATH").map { String(cString: $0) } ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        engine.defaultLogConfig = try Self.logConfig(flags: flags, file: file)
        engine.defaultInit = flags.initProcess || (file?.initProcess ?? false)
        if let initPath = flags.initPath ?? file?.initPath {
            guard access(initPath, X_OK) == 0 else { throw DaemonError("init-path \(initPath) is not an executable file") }
            engine.initPath = initPath
        }
        if let downloads = flags.maxConcurrentDownloads ?? file?.maxConcurrentDownloads {
            guard downloads > 0 else { throw DaemonError("invalid max concurrent downloads: \(downloads)") }
            engine.maxConcurrentDownloads = downloads
        }
        if let uploads = flags.maxConcurrentUploads ?? file?.maxConcurrentUploads {
            guard uploads > 0 else { throw DaemonError("invalid max concurrent uploads: \(uploads)") }
            engine.maxConcurrentUploads = uploads
        }
    }

    /// The default log driver and options for containers that name none, checked as a container's would be.
    private static func logConfig(flags: Berthd, file: DaemonConfigFile?) throws -> LogConfig {
        var options = file?.logOpts ?? [:]
        if !flags.logOpt.isEmpty {
            options = [:]
            for option in flags.logOpt {
                let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw DaemonError("invalid log-opt: \(option)") }
                options[parts[0]] = parts[1]
            }
        }
        let config = LogConfig(type: flags.logDriver ?? file?.logDriver ?? "json-file", config: options.isEmpty ? nil : options)
        do {
            try ContainerCreateRules.checkDefaultLogConfig(config)
        } catch {
            throw DaemonError("invalid log configuration: \(error)")
        }
        return config
    }

    /// dockerd refuses a setting given both as a flag and in the file.
    private static func rejectConflicts(flags: Berthd, fileKeys: Set<String>) throws {
        var given: [String: Bool] = [
            "hosts": !flags.host.isEmpty, "data-root": flags.dataRoot != nil, "exec-root": flags.execRoot != nil,
            "pidfile": flags.pidfile != nil, "log-level": flags.logLevel != nil, "debug": flags.debug, "tls": flags.tls,
            "tlsverify": flags.tlsverify, "tlscacert": flags.tlscacert != nil, "tlscert": flags.tlscert != nil, "tlskey": flags.tlskey != nil,
            "insecure-registries": !flags.insecureRegistry.isEmpty, "registry-mirrors": !flags.registryMirror.isEmpty,
            "labels": !flags.label.isEmpty, "group": flags.group != nil, "tokens": flags.tokens, "insecure-tcp": flags.insecureTCP,
        ]
        given["default-runtime"] = flags.defaultRuntime != nil
        given["max-concurrent-downloads"] = flags.maxConcurrentDownloads != nil
        given["max-concurrent-uploads"] = flags.maxConcurrentUploads != nil
        given["log-driver"] = flags.logDriver != nil
        given["log-opts"] = !flags.logOpt.isEmpty
        given["init"] = flags.initProcess
        given["init-path"] = flags.initPath != nil
        let clashes = given.filter { $0.value && fileKeys.contains($0.key) }.keys.sorted()
        if !clashes.isEmpty {
            throw DaemonError(
                "the following directives are specified both as a flag and in the configuration file: \(clashes.joined(separator: ", "))")
        }
    }
}
