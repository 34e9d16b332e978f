// SPDX-License-Identifier: Apache-2.0
// After a daemon start: re-adopt the shims still running (live restore), record the exits that happened
// while the daemon was away (from the shims' exit files), and apply restart policies — `unless-stopped`
// containers come back after a SIGKILLed daemon too, since their state says they were not stopped by a user.

import Glibc
import Models
import Platform
import ShimProtocol

extension ContainerService {
    /// Brings every container's state in line with reality; call once after `load()`.
    public func recover() async {
        for container in list() {
            let id = container.id
            let bundle = paths.bundle(id)
            switch container.state.status {
            case .running, .paused:
                if await ShimClient(stateDirectory: bundle).isAlive() {
                    monitor(id, bundle: bundle)
                    Log.info("re-adopted running container", ["container": id])
                } else {
                    let exit = ShimClient.exitRecord(stateDirectory: bundle) ?? ShimExit(code: 255, exitedAt: EventBus.nowNanos())
                    await processExited(id, exit)
                }
            case .restarting:
                _ = try? await updateState(id) { $0.status = .exited }
                if let current = containers[id], let delay = RestartDecision.delay(for: current, ranFor: 0) {
                    scheduleRestart(id, after: delay)
                }
            case .removing:
                try? await exclusively(id) { try await removeUnlocked(id) }
            case .created, .exited, .dead:
                try? filesystem.unmountRootfs(at: paths.rootfs(id))
                let policy = container.spec.hostConfig.restartPolicy.name
                if container.state.hasBeenStarted && !container.state.manuallyStopped && (policy == "always" || policy == "unless-stopped") {
                    scheduleRestart(id, after: .zero)
                }
            }
        }
    }

    /// Stops monitoring (daemon shutdown): containers keep running under their shims.
    public func detachAll() {
        for task in monitors.values { task.cancel() }
        monitors.removeAll()
        for task in restartTasks.values { task.cancel() }
        restartTasks.removeAll()
    }
}
