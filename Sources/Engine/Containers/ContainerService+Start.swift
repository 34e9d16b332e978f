// SPDX-License-Identifier: Apache-2.0
// `POST /containers/{id}/start`: mount the rootfs, write /etc files and config.json, launch the shim (the
// runtime's create), connect the attach clients that were waiting, then the runtime's start.

import FoundationEssentials
import Glibc
import Models
import Platform
import ShimProtocol

extension ContainerService {
    /// Starts a container (304 when it already runs).
    public func start(_ reference: String) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            restartTasks.removeValue(forKey: id)?.cancel()
            try await startLocked(id, byPolicy: false)
        }
    }

    /// Starts `id`; the caller holds its gate.
    func startLocked(_ id: String, byPolicy: Bool) async throws {
        guard let container = containers[id] else { throw EngineError.notFound("No such container: \(id)") }
        switch container.state.status {
        case .running: throw EngineError.notModified("container already started")
        case .paused: throw EngineError.conflict("cannot start a paused container, try unpause instead")
        case .removing, .dead: throw EngineError.conflict("container is marked for removal and cannot be started")
        default: break
        }
        let bundle = paths.bundle(id)
        let launched: Int32
        do {
            launched = try await launchShim(container, bundle: bundle)
        } catch let failure as ContainerStartFailure.Wrapped {
            try await recordStartFailure(id, failure.failure)
            throw failure.failure.error
        } catch {
            try? filesystem.unmountRootfs(at: paths.rootfs(id))
            // Attach clients parked for this start would otherwise wait for the next one.
            failPendingAttaches(id, (error as? EngineError) ?? .system("\(error)"))
            throw error
        }
        let client = ShimClient(stateDirectory: bundle)
        await connectPendingAttaches(id, client: client)
        let reply = try await client.request(.start)
        guard case .started(let pid) = reply else {
            let text: String
            if case .error(let message) = reply { text = message } else { text = "unexpected shim reply: \(reply.line)" }
            try await recordStartFailure(id, ContainerStartFailure(runtimeMessage: text))
            throw ContainerStartFailure(runtimeMessage: text).error
        }
        let started = try await updateState(id) { state in
            state.status = .running
            state.pid = pid
            state.shimPid = launched
            state.exitCode = 0
            state.error = ""
            state.oomKilled = false
            state.startedAt = EventBus.nowNanos()
            state.finishedAt = 0
            state.hasBeenStarted = true
            state.manuallyStopped = false
            if !byPolicy {
                state.restartCount = 0
                state.restartDelay = nil
            }
            // Every start begins `starting` with a clean streak; the log of earlier runs stays (dockerd).
            if container.spec.config.healthcheck.map(HealthcheckPlan.isEnabled) == true {
                state.health = "starting"
                state.failingStreak = 0
            }
        }
        await publish("start", started)
        monitor(id, bundle: bundle)
        startHealthMonitor(id)
    }

    /// Mounts, writes the bundle and launches the shim; returns the shim's pid. Start failures come wrapped.
    private func launchShim(_ container: Container, bundle: String) async throws -> Int32 {
        let id = container.id
        let image = try await images.find(container.spec.imageID)
        let lowers = image.record.layers.reversed().map { images.layers.diffPath($0) }
        try Directories.create(bundle, mode: 0o711)
        unlink(bundle + "/" + ShimFiles.exit)
        let rootfs = paths.rootfs(id)
        try Directories.create(rootfs, mode: 0o755)
        _ = try filesystem.mountRootfs(id: id, lowerDirs: lowers, at: rootfs)
        var config = container.spec.config
        let host = container.spec.hostConfig
        let user: ContainerUserResolver.Resolved
        do {
            user = try ContainerUserResolver(root: rootfs).resolve(config.user, groupAdd: host.groupAdd ?? [])
        } catch {
            throw ContainerStartFailure.Wrapped(failure: ContainerStartFailure(runtimeMessage: error.message))
        }
        if !(config.env ?? []).contains(where: { $0.hasPrefix("HOME=") }) { config.env = (config.env ?? []) + ["HOME=" + user.home] }
        // dockerd creates a missing working directory as root, whatever the user.
        _ = try WorkingDirectory.prepare(config.workingDir.isEmpty ? "/" : config.workingDir, root: rootfs, uid: 0, gid: 0)
        let data = paths.data(id)
        try writeEtcFiles(data: data, config: config, host: host)
        let layout = try HostCgroups.layout()
        var input = SpecInput(
            id: id, config: config, host: host, image: ImageConfig(), user: user.user, hostname: config.hostname,
            hostnamePath: data + "/hostname", hostsPath: data + "/hosts", resolvConfPath: data + "/resolv.conf",
            cgroupVersion: layout.version == .v2 ? .v2 : .v1, kernel: Self.kernelVersion(), architecture: HostFacts.goArch)
        input.seccompProfile = SecurityOptions.customSeccompProfile(host.securityOpt ?? [])
        var spec = try SpecBuilder.build(input)
        if host.initProcess ?? configuration.defaultInit { try addInit(to: &spec) }
        try JSONCoding.encode(spec).write(toFile: bundle + "/config.json", mode: 0o600)

        // The previous run's shim deletes the runtime's state just after answering its waiters: give it a
        // moment (a restart can come within milliseconds), then clear what a crashed shim left behind —
        // `create` refuses an ID whose state exists.
        let runtimeState = paths.runtimeDirectory + "/" + container.spec.runtime + "/" + id
        for _ in 0..<200 where access(runtimeState, F_OK) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        if access(runtimeState, F_OK) == 0 { try? await runtime(container, ["delete", "--force", id]) }

        var arguments = ShimArguments(
            id: id, bundle: bundle, stateDirectory: bundle, runtime: try runtimePath(container.spec.runtime),
            runtimeRoot: paths.runtimeDirectory + "/" + container.spec.runtime)
        arguments.tty = config.tty
        arguments.openStdin = config.openStdin
        arguments.stdinOnce = config.stdinOnce
        let log = host.logConfig
        arguments.logDriver = log.type == "none" ? "none" : "json-file"
        arguments.logPath = paths.log(id)
        if let size = log.config?["max-size"] { arguments.logMaxSize = ContainerCreateRules.parseSize(size) }
        if let files = log.config?["max-file"], let count = Int(files) { arguments.logMaxFiles = count }
        do {
            return try await ShimLauncher.launch(executable: shimPath, arguments: arguments)
        } catch ShimError.runtime(let message) {
            throw ContainerStartFailure.Wrapped(failure: ContainerStartFailure(runtimeMessage: message))
        }
    }

    /// Writes the container's hostname, hosts and resolv.conf (bind-mounted by the spec).
    private func writeEtcFiles(data: String, config: ContainerConfig, host: HostConfig) throws {
        let mode: EtcFiles.NetworkMode = host.networkMode == "host" ? .host : .isolated
        let sources = EtcFiles.readHostSources()
        let extra = try EtcFiles.parseExtraHosts(host.extraHosts ?? [])
        let contents = EtcFiles.Contents(
            hostname: EtcFiles.hostname(config.hostname),
            hosts: EtcFiles.hosts(mode: mode, hostname: config.hostname, domainname: config.domainname, extraHosts: extra, hostFile: sources.hosts),
            resolvConf: EtcFiles.resolvConf(
                mode: mode, hostFile: sources.resolvConf, dns: host.dns ?? [], dnsSearch: host.dnsSearch ?? [], dnsOptions: host.dnsOptions ?? []))
        try EtcFiles.write(contents, to: data)
    }

    /// `--init`: tini bind-mounted read-only at /sbin/docker-init runs as PID 1 and execs the command (dockerd's way).
    private func addInit(to spec: inout OCIRuntimeSpec) throws {
        guard let initPath = configuration.initPath else {
            throw ContainerStartFailure.Wrapped(failure: ContainerStartFailure(runtimeMessage: "exec: \"docker-init\": executable file not found in $PATH"))
        }
        let target = "/sbin/docker-init"
        spec.mounts = (spec.mounts ?? []) + [OCIRuntimeSpec.Mount(destination: target, type: "bind", source: initPath, options: ["bind", "ro"])]
        let command = spec.process?.args ?? []
        spec.process?.args = [target, "--"] + command
    }

    /// Records a failed start: exit code, error text, rootfs unmounted, `die` not emitted (nothing ran).
    private func recordStartFailure(_ id: String, _ failure: ContainerStartFailure) async throws {
        try? filesystem.unmountRootfs(at: paths.rootfs(id))
        failPendingAttaches(id, failure.error)
        let container = try await updateState(id) { state in
            state.status = state.hasBeenStarted ? .exited : .created
            state.exitCode = failure.exitCode
            state.error = failure.error.message
            state.pid = 0
        }
        if container.spec.hostConfig.autoRemove {
            try await removeUnlocked(id)
        }
    }

    /// (major, minor) of the running kernel.
    static func kernelVersion() -> (major: Int, minor: Int) {
        guard let release = try? Uname.current().release else { return (6, 1) }
        let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        return numbers.count == 2 ? (numbers[0], numbers[1]) : (6, 1)
    }
}

extension ContainerStartFailure {
    /// Carries a classified failure through `throws`.
    struct Wrapped: Error {
        let failure: ContainerStartFailure
    }
}

extension [UInt8] {
    /// Writes the bytes to `path` (temp name + rename, so readers never see half a file).
    func write(toFile path: String, mode: mode_t) throws {
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw EngineError.system("open \(temporary): \(Errno.current("open").message)") }
        defer { close(fd) }
        var offset = 0
        while offset < count {
            let written = self[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw EngineError.system("write \(temporary): \(Errno.current("write").message)") }
            offset += written
        }
        guard rename(temporary, path) == 0 else { throw EngineError.system("rename \(path): \(Errno.current("rename").message)") }
    }
}
