// SPDX-License-Identifier: Apache-2.0
// stop, kill, restart, pause and unpause. Signals go through the shim, which still holds the process
// unreaped, so a recycled pid can never be hit. Pause and resume are the runtime's (the freezer cgroup).

import FoundationEssentials
import Models
import Glibc
import Platform
import ShimProtocol

extension ContainerService {
    /// `docker stop`: the stop signal, then SIGKILL after `timeout` seconds (nil: StopTimeout or 10; < 0: forever).
    public func stop(_ reference: String, timeout: Int?, signal: String?) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            if let task = restartTasks.removeValue(forKey: id) {
                task.cancel()
                let container = try await updateState(id) { $0.status = .exited; $0.manuallyStopped = true }
                await publish("stop", container)
                return
            }
            guard let container = containers[id], container.state.isRunning else {
                throw EngineError.notModified("container already stopped")
            }
            try await stopLocked(container, timeout: timeout, signal: signal)
        }
    }

    /// Stops a running container; the caller holds the gate.
    func stopLocked(_ container: Container, timeout: Int?, signal: String?) async throws {
        let id = container.id
        let number = try Self.signalNumber(signal ?? container.spec.config.stopSignal ?? "", default: SIGTERM)
        let seconds = timeout ?? container.spec.config.stopTimeout ?? 10
        try await updateState(id) { $0.manuallyStopped = true }
        if container.state.status == .paused { try await resume(container) }
        try await sendSignal(container, number)
        let exited = await awaitExit(id, within: seconds < 0 ? nil : .seconds(seconds))
        if !exited {
            try await sendSignal(containers[id] ?? container, SIGKILL)
            _ = await awaitExit(id, within: nil)
        }
        if let stopped = containers[id] { await publish("stop", stopped) }
    }

    /// `docker kill`: any signal (default SIGKILL); SIGKILL waits for the exit.
    public func kill(_ reference: String, signal: String?) async throws {
        let id = try resolve(reference)
        let number = try Self.signalNumber(signal ?? "", default: SIGKILL)
        try await exclusively(id) {
            // dockerd counts a restarting container as running: kill ends its restart loop, no signal to send.
            if let task = restartTasks.removeValue(forKey: id) {
                task.cancel()
                try await updateState(id) { $0.status = .exited; $0.manuallyStopped = true }
                return
            }
            guard let container = containers[id], container.state.isRunning else {
                throw EngineError.conflict("Container \(id) is not running")
            }
            // dockerd cancels the restart policy for SIGKILL, for the stop signal, and for any signal when
            // no StopSignal is configured (killWithSignal's ExitOnNext), e.g. `kill -s USR1` to a trap that exits.
            let stopSignal = container.spec.config.stopSignal ?? ""
            if number == SIGKILL || stopSignal.isEmpty || (try? Self.signalNumber(stopSignal, default: SIGTERM)) == number {
                try await updateState(id) { $0.manuallyStopped = true }
            }
            if container.state.status == .paused && number == SIGKILL { try await resume(container) }
            try await sendSignal(container, number)
            if number == SIGKILL { _ = await awaitExit(id, within: .seconds(30)) }
        }
    }

    /// `docker restart`: stop (when running), then start.
    public func restart(_ reference: String, timeout: Int?, signal: String?) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            restartTasks.removeValue(forKey: id)?.cancel()
            if let container = containers[id], container.state.isRunning {
                try await stopLocked(container, timeout: timeout, signal: signal)
            }
            if containers[id]?.state.status == .restarting { try await updateState(id) { $0.status = .exited } }
            try await startLocked(id, byPolicy: false)
            if let restarted = containers[id] { await publish("restart", restarted) }
        }
    }

    /// `docker pause`.
    public func pause(_ reference: String) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            guard let container = containers[id], container.state.isRunning else {
                throw EngineError.conflict("Container \(id) is not running")
            }
            guard container.state.status != .paused else { throw EngineError.conflict("Container \(id) is already paused") }
            try await runtime(container, ["pause", id])
            let paused = try await updateState(id) { $0.status = .paused }
            await publish("pause", paused)
        }
    }

    /// `docker unpause`.
    public func unpause(_ reference: String) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            guard let container = containers[id], container.state.status == .paused else {
                throw EngineError.conflict("Container \(id) is not paused")
            }
            try await resume(container)
            await publish("unpause", containers[id] ?? container)
        }
    }

    /// Thaws a paused container.
    func resume(_ container: Container) async throws {
        try await runtime(container, ["resume", container.id])
        try await updateState(container.id) { if $0.status == .paused { $0.status = .running } }
    }

    /// Runs the container's runtime with its state root; a failure becomes a 500 with the runtime's text.
    func runtime(_ container: Container, _ arguments: [String]) async throws {
        let root = paths.runtimeDirectory + "/" + container.spec.runtime
        let result = try await Subprocess.run(try runtimePath(container.spec.runtime), ["--root", root] + arguments)
        guard result.status == 0 else {
            let text = String(String(decoding: result.errorOutput, as: UTF8.self).split(separator: "\n").last ?? "")
            throw EngineError.system("\(arguments.first ?? "runtime") failed: \(text)")
        }
    }

    /// Sends a signal through the shim and emits `kill`.
    func sendSignal(_ container: Container, _ number: Int32) async throws {
        let reply: ShimReply
        do {
            reply = try await ShimClient(stateDirectory: paths.bundle(container.id)).request(.signal(number))
        } catch ShimError.unavailable {
            return  // the shim is gone: the process ended and the monitor is recording it
        }
        if case .error(let message) = reply {
            // Exited meanwhile: the exit is on its way through the monitor.
            if !message.contains("not running") { throw EngineError.system("cannot kill container \(container.id): \(message)") }
        }
        await publish("kill", container, ["signal": String(number)])
    }

    /// Waits until `id` is not running, or `within` passes; true when it exited.
    func awaitExit(_ id: String, within: Duration?) async -> Bool {
        guard let container = containers[id], container.state.isRunning else { return true }
        let slot = OneShot<ContainerWaitResult>()
        waiters[id, default: []].append(Waiter(slot: slot, untilRemoved: false))
        guard let within else {
            _ = await slot.value()
            return true
        }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await slot.value()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: within)
                return false
            }
            let first = await group.next() ?? false
            slot.fulfil(ContainerWaitResult(statusCode: -1))
            group.cancelAll()
            return first
        }
    }

    /// A signal name or number, with dockerd's message; empty gives `fallback`.
    static func signalNumber(_ text: String, default fallback: Int32) throws(EngineError) -> Int32 {
        if text.isEmpty { return fallback }
        guard let number = SignalNames.number(text) else { throw .invalidParameter("Invalid signal: \(text)") }
        return number
    }
}
