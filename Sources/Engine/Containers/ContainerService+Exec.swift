// SPDX-License-Identifier: Apache-2.0
// exec: a session is created in memory (as dockerd keeps them), then started through an exec-mode shim
// that runs the runtime's `exec --detach` for the process derived from the container's own config.json.

import FoundationEssentials
import Glibc
import Models
import Platform
import ShimProtocol

/// One `docker exec` process.
public struct ExecSession: Sendable {
    /// 64 hex digits.
    public var id: String
    /// The container it runs in.
    public var containerID: String
    /// The create request.
    public var config: ExecConfig
    /// Whether it runs now.
    public var running = false
    /// Whether it was ever started.
    public var started = false
    /// Exit code once it ended.
    public var exitCode: Int32?
    /// Host pid while running.
    public var pid: Int32 = 0
}

/// What the API needs to serve an exec start.
public struct ExecStarted: Sendable {
    /// The session.
    public let session: ExecSession
    /// The shim connection when attached (nil for detached starts).
    public let connection: (any ByteStream)?
}

extension ContainerService {
    /// `POST /containers/{id}/exec`.
    public func createExec(_ reference: String, config: ExecConfig) async throws -> String {
        let id = try resolve(reference)
        guard let container = containers[id], container.state.isRunning else {
            throw EngineError.conflict("container \(id) is not running")
        }
        if container.state.status == .paused { throw EngineError.conflict("container \(id) is paused, unpause the container before exec") }
        guard let cmd = config.cmd, !cmd.isEmpty else { throw EngineError.invalidParameter("No exec command specified") }
        if !config.workingDir.isEmpty { _ = try WorkingDirectory.validate(config.workingDir) }
        let execID = ContainerID.random().rawValue
        execs[execID] = ExecSession(id: execID, containerID: id, config: config)
        await publish("exec_create: " + cmd.joined(separator: " "), container, ["execID": execID])
        return execID
    }

    /// The session of `execID` (404 `No such exec instance`).
    public func exec(_ execID: String) throws(EngineError) -> ExecSession {
        guard let session = execs[execID] else { throw .notFound("No such exec instance: \(execID)") }
        return session
    }

    /// `POST /exec/{id}/start`: launches the process; attached unless `detach`.
    public func startExec(_ execID: String, detach: Bool, tty: Bool?, consoleSize: [Int]?) async throws -> ExecStarted {
        var session = try exec(execID)
        if session.running || session.started { throw EngineError.conflict("Error: Exec command \(execID) is already running") }
        guard let container = containers[session.containerID], container.state.status == .running else {
            throw EngineError.conflict("container \(session.containerID) is not running")
        }
        session.started = true
        execs[execID] = session
        let directory = paths.execDirectory + "/" + execID
        try Directories.create(directory, mode: 0o700)
        let config = session.config
        let useTTY = tty ?? config.tty
        let process = try await execProcess(container, config: config, tty: useTTY, consoleSize: consoleSize ?? config.consoleSize)
        try JSONCoding.encode(process).write(toFile: directory + "/process.json", mode: 0o600)

        var arguments = ShimArguments(
            id: container.id, bundle: paths.bundle(container.id), stateDirectory: directory, runtime: try runtimePath(container.spec.runtime),
            runtimeRoot: paths.runtimeDirectory + "/" + container.spec.runtime)
        arguments.execID = execID
        arguments.processPath = directory + "/process.json"
        arguments.tty = useTTY
        arguments.openStdin = config.attachStdin && !detach
        arguments.stdinOnce = true
        arguments.logDriver = "none"
        do {
            _ = try await ShimLauncher.launch(executable: shimPath, arguments: arguments)
        } catch ShimError.runtime(let message) {
            throw execFailed(session, runtimeMessage: message)
        }
        let client = ShimClient(stateDirectory: directory)
        var connection: (any ByteStream)?
        let recorded = OneShot<Void>()
        if !detach {
            let shim = try await client.attach(stdin: config.attachStdin, stdout: config.attachStdout, stderr: config.attachStderr)
            connection = ExecStream(shim, recorded: recorded)
        }
        // dockerd logs exec_start as it asks the runtime to start, before the process runs.
        await publish("exec_start: " + (config.cmd ?? []).joined(separator: " "), container, ["execID": execID])
        let reply = try await client.request(.start)
        guard case .started(let pid) = reply else {
            connection?.close()
            let text: String
            if case .error(let message) = reply { text = message } else { text = reply.line }
            throw execFailed(session, runtimeMessage: text)
        }
        execs[execID]?.running = true
        execs[execID]?.pid = pid
        Task {
            let exit = (try? await client.wait()) ?? ShimClient.exitRecord(stateDirectory: directory) ?? ShimExit(code: 126, exitedAt: 0)
            await self.execExited(execID, exit, directory: directory)
            recorded.fulfil(())
        }
        return ExecStarted(session: execs[execID] ?? session, connection: connection)
    }

    /// Records a start the runtime refused (exit code 127/126/128 as dockerd's `setExitCodeFromError`)
    /// and returns the error in dockerd's `OCI runtime exec failed` wording.
    private func execFailed(_ session: ExecSession, runtimeMessage: String) -> EngineError {
        let classified = ContainerStartFailure(runtimeMessage: runtimeMessage)
        let message = "OCI runtime exec failed: \(runtimeMessage): unknown"
        execs[session.id]?.exitCode = classified.exitCode
        try? FileManager.default.removeItem(atPath: paths.execDirectory + "/" + session.id)
        return classified.exitCode == 128 ? .system(message) : .invalidParameter(message)
    }

    /// Records an exec's end and emits `exec_die`.
    private func execExited(_ execID: String, _ exit: ShimExit, directory: String) async {
        try? FileManager.default.removeItem(atPath: directory)
        guard var session = execs[execID] else { return }
        session.running = false
        session.pid = 0
        session.exitCode = exit.code
        execs[execID] = session
        if let container = containers[session.containerID] {
            await publish("exec_die", container, ["execID": execID, "exitCode": String(exit.code)])
        }
    }

    /// An exec's environment: the container process's, with TERM=xterm following the exec's tty rather
    /// than the container's unless the container's own Env sets TERM (moby builds it with
    /// `CreateDaemonEnvironment(exec.Tty, …)`), then the exec's entries replacing or appended per key.
    static func execEnvironment(process: [String], containerEnv: [String], exec: [String], tty: Bool) -> [String] {
        var env = process
        if !containerEnv.contains(where: { SpecBuilder.envKey($0) == "TERM" }) {
            env.removeAll { SpecBuilder.envKey($0) == "TERM" }
            if tty { env.insert("TERM=xterm", at: min(2, env.count)) }
        }
        for entry in exec {
            let key = SpecBuilder.envKey(entry)
            if let index = env.firstIndex(where: { SpecBuilder.envKey($0) == key }) { env[index] = entry } else { env.append(entry) }
        }
        return env
    }

    /// `POST /exec/{id}/resize`.
    public func resizeExec(_ execID: String, height: UInt16, width: UInt16) async throws {
        let session = try exec(execID)
        guard session.running else { throw EngineError.conflict("Exec \(execID) is not running") }
        _ = try await ShimClient(stateDirectory: paths.execDirectory + "/" + execID).request(.resize(rows: height, columns: width))
    }

    /// The OCI process of an exec: the container's own process with the exec's command, env, user, cwd and tty.
    private func execProcess(_ container: Container, config: ExecConfig, tty: Bool, consoleSize: [Int]?) async throws -> OCIRuntimeSpec.Process {
        let bundle = paths.bundle(container.id)
        let data = FileManager.default.contents(atPath: bundle + "/config.json").map { [UInt8]($0) } ?? []
        let spec = try JSONCoding.decode(OCIRuntimeSpec.self, from: data)
        guard var process = spec.process else { throw EngineError.system("container \(container.id) has no process in its bundle") }
        process.args = config.cmd
        process.terminal = tty
        if let size = consoleSize, size.count == 2, size[0] > 0, size[1] > 0 {
            process.consoleSize = OCIRuntimeSpec.ConsoleSize(height: UInt(size[0]), width: UInt(size[1]))
        } else {
            process.consoleSize = nil
        }
        process.env = Self.execEnvironment(process: process.env ?? [], containerEnv: container.spec.config.env ?? [], exec: config.env ?? [], tty: tty)
        if !config.user.isEmpty {
            process.user = try ContainerUserResolver(root: paths.rootfs(container.id)).resolve(config.user).user
        }
        if !config.workingDir.isEmpty { process.cwd = config.workingDir }
        if config.privileged {
            let all = try SpecBuilder.capabilities(add: [], drop: [], privileged: true, available: HostDevices.boundingCapabilities)
            process.capabilities = OCIRuntimeSpec.Capabilities(bounding: all, effective: all, permitted: all)
        }
        return process
    }
}
