// SPDX-License-Identifier: Apache-2.0
// After start: the monitor task holds a `wait` on the shim; when the process exits the state is recorded,
// the rootfs unmounted, `die` emitted, waiters answered, and then `--rm` or the restart policy acts.

import FoundationEssentials
import Glibc
import Models
import Platform
import ShimProtocol

/// The answer of `POST /containers/{id}/wait`.
public struct ContainerWaitResult: Sendable, Equatable {
    /// Exit code of the last run.
    public var statusCode: Int64
    /// Error text, if waiting failed.
    public var error: String?

    /// Makes a result.
    public init(statusCode: Int64, error: String? = nil) {
        self.statusCode = statusCode
        self.error = error
    }
}

/// `condition` of a wait request.
public enum ContainerWaitCondition: String, Sendable {
    /// Returns at once when not running, else at the next exit (default).
    case notRunning = "not-running"
    /// The next exit, even when not running now.
    case nextExit = "next-exit"
    /// After the container is removed.
    case removed

    /// Parses the query value ("" = not-running), with dockerd's message.
    public init(query: String?) throws(EngineError) {
        guard let query, !query.isEmpty else { self = .notRunning; return }
        guard let condition = ContainerWaitCondition(rawValue: query) else {
            throw .invalidParameter("invalid condition: \"\(query)\"")
        }
        self = condition
    }
}

extension ContainerService {
    /// Registers a wait now (so an exit right after cannot be missed) and returns the slot to await.
    public func registerWait(_ reference: String, condition: ContainerWaitCondition) throws(EngineError) -> OneShot<ContainerWaitResult> {
        let id = try resolve(reference)
        let container = containers[id]!
        let slot = OneShot<ContainerWaitResult>()
        switch condition {
        case .notRunning where !container.state.isRunning && container.state.status != .restarting:
            slot.fulfil(ContainerWaitResult(statusCode: Int64(container.state.exitCode)))
        case .notRunning, .nextExit:
            waiters[id, default: []].append(Waiter(slot: slot, untilRemoved: false))
        case .removed:
            waiters[id, default: []].append(Waiter(slot: slot, untilRemoved: true))
        }
        return slot
    }

    /// Starts the task that waits for `id`'s process to exit.
    func monitor(_ id: String, bundle: String) {
        monitors[id]?.cancel()
        monitors[id] = Task {
            let exit: ShimExit
            do {
                exit = try await ShimClient(stateDirectory: bundle).wait()
            } catch {
                if Task.isCancelled { return }
                // The shim is gone without answering (killed?): trust its exit file, else report 255 like dockerd.
                exit = ShimClient.exitRecord(stateDirectory: bundle) ?? ShimExit(code: 255, exitedAt: EventBus.nowNanos())
            }
            if Task.isCancelled { return }
            await self.processExited(id, exit)
        }
    }

    /// Records an exit and acts on it: the restart policy decides in the same state write that records
    /// the exit (dockerd's SetRestarting), so no reader ever sees `exited` between the exit and a restart.
    func processExited(_ id: String, _ exit: ShimExit) async {
        monitors.removeValue(forKey: id)
        stopHealthMonitor(id)
        guard let before = containers[id] else { return }
        let ranFor = exit.exitedAt - before.state.startedAt
        var decided = before
        decided.state.exitCode = exit.code
        let delay = RestartDecision.afterExit(decided, ranFor: ranFor)
        guard let container = await recordExit(id, exit, restartingAfter: delay) else { return }
        answerWaiters(id, ContainerWaitResult(statusCode: Int64(exit.code)), removed: false)
        // After the answer: `docker run` should not wait for the unmount (~4 ms).
        try? filesystem.unmountRootfs(at: paths.rootfs(id))

        if let delay {
            scheduleRestart(id, after: .nanoseconds(delay))
        } else if container.spec.hostConfig.autoRemove {
            // `docker restart` of a --rm container holds the gate across its stop and start: by the time
            // this gets the gate the container runs again and must stay (dockerd's HasBeenManuallyRestarted).
            Task {
                try? await self.exclusively(id) {
                    guard let current = self.containers[id], !current.state.isRunning, current.state.status != .restarting else { return }
                    try await self.removeUnlocked(id)
                }
            }
        }
    }

    /// Writes an exit into the state (restarting when `delay` is set: RestartCount counts the restart
    /// now, as dockerd does at the exit) and emits `oom`/`die`; the caller unmounts the rootfs.
    func recordExit(_ id: String, _ exit: ShimExit, restartingAfter delay: Int64?) async -> Container? {
        guard let startedAt = containers[id]?.state.startedAt else { return nil }
        guard
            let container = try? await updateState(id, { state in
                state.status = delay == nil ? .exited : .restarting
                state.pid = 0
                state.shimPid = 0
                state.exitCode = exit.code
                state.finishedAt = exit.exitedAt
                state.oomKilled = exit.oomKilled
                if state.health != nil { state.health = "unhealthy" }
                if let delay {
                    state.restartCount += 1
                    state.restartDelay = delay
                }
            })
        else { return nil }
        if exit.oomKilled { await publish("oom", container) }
        let seconds = max(0, (exit.exitedAt - startedAt) / 1_000_000_000)
        await publish("die", container, ["exitCode": String(exit.code), "execDuration": String(seconds)])
        return container
    }

    /// Answers the waiters of `id`: every exit waiter, and the `removed` ones when it is gone.
    func answerWaiters(_ id: String, _ result: ContainerWaitResult, removed: Bool) {
        guard let list = waiters[id] else { return }
        var kept: [Waiter] = []
        for waiter in list {
            if waiter.untilRemoved && !removed { kept.append(waiter) } else { waiter.slot.fulfil(result) }
        }
        waiters[id] = kept.isEmpty ? nil : kept
    }

    /// Restarts `id` after `delay` unless a stop, kill, start or removal cancels the task first.
    /// The status is already `restarting` (set with the exit); no detached task races to set it.
    func scheduleRestart(_ id: String, after delay: Duration) {
        restartTasks[id]?.cancel()
        restartTasks[id] = Task {
            try? await Task.sleep(for: delay)
            if Task.isCancelled { return }
            await self.restartByPolicy(id)
        }
    }

    /// The policy's start: emits `start` (dockerd emits no `restart` here; that is only `docker restart`).
    /// A failed start leaves the container stopped, as dockerd does, instead of retrying forever.
    private func restartByPolicy(_ id: String) async {
        restartTasks.removeValue(forKey: id)
        do {
            try await exclusively(id) {
                guard let container = containers[id], container.state.status == .restarting, !container.state.manuallyStopped else { return }
                try await startLocked(id, byPolicy: true)
            }
        } catch {
            Log.warn("restart by policy failed", ["container": id, "error": "\(error)"])
            if containers[id]?.state.status == .restarting { _ = try? await updateState(id) { $0.status = .exited } }
        }
    }
}

/// One waiting `wait` request.
struct Waiter {
    let slot: OneShot<ContainerWaitResult>
    let untilRemoved: Bool
}
