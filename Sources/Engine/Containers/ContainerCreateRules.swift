// SPDX-License-Identifier: Apache-2.0
// Checks and defaults applied to a create request before anything is written, with dockerd's messages,
// and the merge of the image's run defaults into the container's Config (moby's daemon `merge`).

import Glibc
import Models
import Platform

/// Create-time validation and normalisation.
public enum ContainerCreateRules {
    /// Log drivers berth writes.
    static let logDrivers: Set<String> = ["json-file", "local", "none"]
    /// Options each log driver accepts.
    static let logOptions: [String: Set<String>] = [
        "json-file": ["max-size", "max-file", "compress", "labels", "labels-regex", "env", "env-regex", "tag"],
        "local": ["max-size", "max-file", "compress"],
        "none": [],
    ]

    /// Validates the host config and fills in defaults (log driver, network mode).
    public static func normalise(_ host: HostConfig) throws(EngineError) -> HostConfig {
        var host = host
        try checkRestartPolicy(host.restartPolicy, autoRemove: host.autoRemove)
        if host.logConfig.type.isEmpty { host.logConfig.type = "json-file" }
        try checkLogConfig(host.logConfig)
        if host.networkMode.isEmpty || host.networkMode == "default" { host.networkMode = "bridge" }
        switch host.networkMode {
        case "bridge", "host", "none": break
        default:
            if host.networkMode.hasPrefix("container:") {
                throw .notImplemented("network mode \(host.networkMode) is not supported yet")
            }
            throw .notFound("network \(host.networkMode) not found")
        }
        // moby verifyContainerSettings checks --add-host at create; host-gateway resolves only at start.
        _ = try EtcFiles.parseExtraHosts(host.extraHosts ?? [], hostGateway: "0.0.0.0")
        for (port, bindings) in host.portBindings ?? [:] {
            _ = try parsePort(port)
            for binding in bindings ?? [] where !binding.hostPort.isEmpty {
                try checkHostPort(binding.hostPort)
            }
        }
        return host
    }

    /// dockerd's restart policy checks.
    static func checkRestartPolicy(_ policy: RestartPolicy, autoRemove: Bool) throws(EngineError) {
        switch policy.name {
        case "", "no", "always", "unless-stopped":
            if policy.maximumRetryCount != 0 {
                throw .invalidParameter("invalid restart policy: maximum retry count can only be used with 'on-failure'")
            }
        case "on-failure":
            if policy.maximumRetryCount < 0 {
                throw .invalidParameter("invalid restart policy: max-retries must be a non-negative integer")
            }
        default:
            throw .invalidParameter(
                "invalid restart policy: unknown policy '\(policy.name)'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'")
        }
        if autoRemove && !(policy.name.isEmpty || policy.name == "no") {
            throw .invalidParameter("can't create 'AutoRemove' container with restart policy")
        }
    }

    /// Log driver and option checks.
    static func checkLogConfig(_ config: LogConfig) throws(EngineError) {
        guard logDrivers.contains(config.type) else {
            throw .invalidParameter("failed to create container: logger: no log driver named '\(config.type)' is registered")
        }
        let allowed = logOptions[config.type] ?? []
        for (key, value) in config.config ?? [:] {
            guard allowed.contains(key) else { throw .invalidParameter("unknown log opt '\(key)' for \(config.type) log driver") }
            if key == "max-size" && parseSize(value) == nil { throw .invalidParameter("invalid size: '\(value)'") }
            if key == "max-file" && (Int(value) ?? 0) < 1 {
                throw .invalidParameter("invalid value for max-file: \(value): max-file must be a positive integer")
            }
        }
    }

    /// `10m`, `1g`, `512k`, `100` (bytes) → bytes; nil when malformed.
    public static func parseSize(_ text: String) -> Int64? {
        let lower = text.lowercased()
        let units: [(String, Int64)] = [
            ("kb", 1000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("k", 1000), ("m", 1_000_000), ("g", 1_000_000_000), ("b", 1),
        ]
        for (suffix, factor) in units where lower.hasSuffix(suffix) {
            guard let number = Double(lower.dropLast(suffix.count)), number >= 0 else { return nil }
            return Int64(number * Double(factor))
        }
        guard let number = Int64(lower), number >= 0 else { return nil }
        return number
    }

    /// `80`, `80/tcp`, `53/udp` → (port, proto) with dockerd's message on error.
    static func parsePort(_ text: String) throws(EngineError) -> (UInt16, String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let proto = parts.count > 1 ? String(parts[1]).lowercased() : "tcp"
        guard parts.count <= 2, let port = UInt16(parts[0]), port > 0, ["tcp", "udp", "sctp"].contains(proto) else {
            throw .invalidParameter("invalid port specification: \"\(text)\"")
        }
        return (port, proto)
    }

    /// A host port or range `8080` / `8000-8010`.
    static func checkHostPort(_ text: String) throws(EngineError) {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count <= 2, ends.allSatisfy({ UInt16($0) != nil }) else {
            throw .invalidParameter("invalid port specification: \"\(text)\"")
        }
    }

    /// Validates the Config part.
    public static func checkConfig(_ config: ContainerConfig) throws(EngineError) {
        if !config.workingDir.isEmpty && !config.workingDir.hasPrefix("/") {
            throw .invalidParameter("the working directory '\(config.workingDir)' is invalid, it needs to be an absolute path")
        }
        for port in (config.exposedPorts ?? [:]).keys { _ = try parsePort(port) }
        // CVE-2024-21626: refused at create, so runc never sees it (exec checks its own WorkingDir).
        if !config.workingDir.isEmpty { _ = try WorkingDirectory.validate(config.workingDir) }
        if let stop = config.stopSignal, !stop.isEmpty, SignalNames.number(stop) == nil {
            throw .invalidParameter("invalid signal: \(stop)")
        }
    }

    /// Merges the image's defaults into the container's Config as dockerd does at create.
    public static func merge(_ config: ContainerConfig, image: ImageConfig?) -> ContainerConfig {
        guard let image else { return config }
        var merged = config
        if merged.user.isEmpty { merged.user = image.user ?? "" }
        if let ports = image.exposedPorts, !ports.isEmpty {
            var all = merged.exposedPorts ?? [:]
            for (key, value) in ports where all[key] == nil { all[key] = value }
            merged.exposedPorts = all
        }
        var env = merged.env ?? []
        let keys = Set(env.map { String($0.split(separator: "=", maxSplits: 1).first ?? "") })
        for entry in image.env ?? [] where !keys.contains(String(entry.split(separator: "=", maxSplits: 1).first ?? "")) {
            env.append(entry)
        }
        merged.env = env.isEmpty && merged.env == nil ? nil : env
        if let labels = image.labels, !labels.isEmpty {
            var all = labels
            for (key, value) in merged.labels ?? [:] { all[key] = value }
            merged.labels = all
        }
        if merged.entrypoint?.isEmpty ?? true {
            if merged.cmd?.isEmpty ?? true { merged.cmd = image.cmd }
            if merged.entrypoint == nil { merged.entrypoint = image.entrypoint }
        }
        merged.healthcheck = HealthcheckPlan.merge(merged.healthcheck, image: image.healthcheck)
        if merged.workingDir.isEmpty { merged.workingDir = image.workingDir ?? "" }
        if let volumes = image.volumes, !volumes.isEmpty {
            var all = merged.volumes ?? [:]
            for (key, value) in volumes where all[key] == nil { all[key] = value }
            merged.volumes = all
        }
        if merged.stopSignal == nil || merged.stopSignal == "" { merged.stopSignal = image.stopSignal }
        if merged.onBuild == nil { merged.onBuild = image.onBuild }
        return merged
    }
}

extension ContainerCreateRules {
    /// Checks the daemon's default log driver and options (the same rules as a container's).
    public static func checkDefaultLogConfig(_ config: LogConfig) throws(EngineError) {
        try checkLogConfig(config)
    }
}
