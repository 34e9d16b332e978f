// SPDX-License-Identifier: Apache-2.0
// After a daemon start: re-adopt the shims still running (live restore), record the exits that happened
// while the daemon was away (the shim's exit file has the real code), then start what dockerd's restore
// starts (RestartDecision.atDaemonStart). The state in the db is the truth, whether the daemon stopped
// cleanly or was SIGKILLed: nothing here depends on a clean shutdown, so `unless-stopped` containers are
// not lost after a SIGKILL (dockerd without live restore stops them on restore, marking them manually
// stopped, and then never starts them again).

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
                    if container.state.status == .running { startHealthMonitor(id) }
                    Log.info("re-adopted running container", ["container": id])
                    continue
                }
                // Exited while we were away: the shim wrote the code before it left. Without an exit file
                // (the shim was killed too) dockerd's 255 is all we can say.
                let exit = ShimClient.exitRecord(stateDirectory: bundle) ?? ShimExit(code: 255, exitedAt: EventBus.nowNanos())
                _ = await recordExit(id, exit, restartingAfter: nil)
                try? filesystem.unmountRootfs(at: paths.rootfs(id))
            case .restarting:
                // The back-off timer died with the old daemon; the exit code of the last run stays.
                _ = try? await updateState(id) { $0.status = .exited }
            case .removing:
                try? await exclusively(id) { try await removeUnlocked(id) }
                continue
            case .created, .exited, .dead:
                try? filesystem.unmountRootfs(at: paths.rootfs(id))
            }
            guard let stopped = containers[id], stopped.state.status == .exited else { continue }
            if RestartDecision.atDaemonStart(stopped) {
                // dockerd's restore starts these as a user start would (RestartCount back to 0).
                do {
                    try await exclusively(id) { try await startLocked(id, byPolicy: false) }
                    Log.info("started container by restart policy at daemon start", ["container": id])
                } catch {
                    Log.warn("start at daemon start failed", ["container": id, "error": "\(error)"])
                }
            } else if stopped.spec.hostConfig.autoRemove && stopped.state.hasBeenStarted {
                // A --rm container that ended while the daemon was away is removed now, as dockerd does.
                try? await exclusively(id) { try await removeUnlocked(id) }
            }
        }
    }

    /// Stops monitoring (daemon shutdown): containers keep running under their shims.
    public func detachAll() {
        for task in monitors.values { task.cancel() }
        monitors.removeAll()
        for task in restartTasks.values { task.cancel() }
        restartTasks.removeAll()
        for task in healthMonitors.values { task.cancel() }
        healthMonitors.removeAll()
    }
}
