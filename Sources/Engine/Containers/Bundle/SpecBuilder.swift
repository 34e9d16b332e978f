// SPDX-License-Identifier: Apache-2.0
// Builds a container's OCI runtime spec (config.json) as moby's daemon/oci_linux.go createSpec does.
// Divisions: this file (entry point, process, args, env); +Capabilities; +Mounts; +Linux (namespaces, resources,
// devices, seccomp).

import Models

/// Turns a container's configuration into the `config.json` runc/crun run; pure, no I/O.
public enum SpecBuilder {
    /// dockerd's default PATH (moby `oci.DefaultPathEnv` for Linux).
    public static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The runtime spec of one container; the bundle's rootfs directory is `rootfs`.
    public static func build(_ input: SpecInput) throws(EngineError) -> OCIRuntimeSpec {
        let host = input.host
        let security = try SecurityOptions.parse(host.securityOpt ?? [])
        let caps = try capabilities(
            add: host.capAdd ?? [], drop: host.capDrop ?? [], privileged: host.privileged, available: input.hostCapabilities)
        var process = OCIRuntimeSpec.Process(
            terminal: input.config.tty, user: input.user, args: try args(config: input.config, image: input.image),
            env: env(config: input.config, image: input.image, hostname: input.hostname),
            cwd: workingDir(config: input.config, image: input.image),
            capabilities: OCIRuntimeSpec.Capabilities(bounding: caps, effective: caps, permitted: caps),
            rlimits: rlimits(host.resources.ulimits ?? []), noNewPrivileges: security.noNewPrivileges ? true : nil,
            oomScoreAdj: host.oomScoreAdj)
        if process.rlimits?.isEmpty == true { process.rlimits = nil }
        let namespaces = namespaces(input)
        return OCIRuntimeSpec(
            process: process,
            root: OCIRuntimeSpec.Root(path: "rootfs", readonly: host.readonlyRootfs),
            hostname: namespaces.contains { $0.type == "uts" } ? input.hostname : nil,
            mounts: try mounts(input),
            linux: try linux(input, namespaces: namespaces, capabilities: caps, security: security))
    }

    /// argv: the create Entrypoint/Cmd over the image's (moby daemon/create.go `merge`); an Entrypoint given at create
    /// drops the image Cmd, and `[""]` resets the Entrypoint.
    static func args(config: ContainerConfig, image: ImageConfig) throws(EngineError) -> [String] {
        var entrypoint: [String]
        var cmd = config.cmd ?? []
        if let given = config.entrypoint, !given.isEmpty {
            entrypoint = given == [""] ? [] : given
        } else {
            if cmd.isEmpty { cmd = image.cmd ?? [] }
            entrypoint = config.entrypoint == nil ? image.entrypoint ?? [] : []
        }
        let args = entrypoint + cmd
        if args.isEmpty { throw .invalidParameter("no command specified") }
        return args
    }

    /// Environment: PATH, HOSTNAME, TERM defaults replaced or extended by create Env then image Env (moby
    /// `CreateDaemonEnvironment` over the merged `Config.Env`; create wins per key).
    static func env(config: ContainerConfig, image: ImageConfig, hostname: String) -> [String] {
        var merged = config.env ?? []
        let userKeys = Set(merged.map(envKey))
        for entry in image.env ?? [] where !userKeys.contains(envKey(entry)) { merged.append(entry) }
        var env = ["PATH=" + defaultPath, "HOSTNAME=" + hostname]
        if config.tty { env.append("TERM=xterm") }
        for entry in merged {
            let key = envKey(entry)
            let index = env.firstIndex { envKey($0) == key }
            if !entry.contains("=") {
                // moby ReplaceOrAppendEnvValues: a bare key unsets the default.
                if let index { env.remove(at: index) }
            } else if let index {
                env[index] = entry
            } else {
                env.append(entry)
            }
        }
        return env
    }

    static func envKey(_ entry: String) -> String {
        String(entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// Working directory: create's, else the image's, else `/`.
    static func workingDir(config: ContainerConfig, image: ImageConfig) -> String {
        if !config.workingDir.isEmpty { return config.workingDir }
        if let dir = image.workingDir, !dir.isEmpty { return dir }
        return "/"
    }

    /// `--ulimit nofile=1024:2048` → `RLIMIT_NOFILE`; a negative value is unlimited.
    static func rlimits(_ ulimits: [Ulimit]) -> [OCIRuntimeSpec.Rlimit] {
        ulimits.map { limit in
            let cap = { (value: Int64) -> UInt64 in value < 0 ? UInt64.max : UInt64(value) }
            return OCIRuntimeSpec.Rlimit(type: "RLIMIT_" + limit.name.uppercased(), hard: cap(limit.hard), soft: cap(limit.soft))
        }
    }
}
