// SPDX-License-Identifier: Apache-2.0
// Containers as the API shows them: `GET /containers/json` summaries and `GET /containers/{id}/json`.

import Engine
import Models

/// Builds API views of containers.
enum ContainerViews {
    /// The `Status` column: "Up 3 minutes", "Exited (1) 2 seconds ago", "Created", "Restarting (1) …".
    static func statusText(_ state: ContainerRunState, now: Int64) -> String {
        switch state.status {
        case .running, .paused:
            var text = "Up " + HumanDuration.text(nanos: now - state.startedAt)
            if state.status == .paused { text += " (Paused)" }
            if let health = state.health { text += health == "starting" ? " (health: starting)" : " (\(health))" }
            return text
        case .restarting:
            return "Restarting (\(state.exitCode)) " + HumanDuration.text(nanos: now - state.finishedAt) + " ago"
        case .removing: return "Removal In Progress"
        case .dead: return "Dead"
        case .created: return "Created"
        case .exited:
            if state.finishedAt == 0 { return "Created" }
            return "Exited (\(state.exitCode)) " + HumanDuration.text(nanos: now - state.finishedAt) + " ago"
        }
    }

    /// The command line shown by `docker ps`.
    static func command(_ spec: ContainerSpec) -> String {
        ([spec.path] + spec.args).map { $0.contains(" ") ? "\"\($0)\"" : $0 }.joined(separator: " ")
    }

    /// One row of `GET /containers/json`.
    static func summary(_ container: Container, now: Int64) -> ContainerSummary {
        let spec = container.spec
        var summary = ContainerSummary(
            id: container.id, names: ["/" + container.name], image: spec.config.image, imageID: spec.imageID,
            command: command(spec), created: spec.created / 1_000_000_000, ports: [], labels: spec.config.labels ?? [:],
            state: container.state.status.rawValue, status: statusText(container.state, now: now))
        summary.hostConfig = ContainerSummary.HostConfigSummary(networkMode: spec.hostConfig.networkMode)
        summary.networkSettings = ContainerSummary.NetworkSettingsSummary(networks: networks(container))
        return summary
    }

    /// The endpoints shown for a container: the network it is attached to, without addresses yet.
    static func networks(_ container: Container) -> [String: EndpointSettings] {
        let mode = container.spec.hostConfig.networkMode
        return [mode: EndpointSettings()]
    }

    /// `GET /containers/{id}/json`.
    static func inspect(_ container: Container, paths: ContainerPaths, execIDs: [String]) -> ContainerInspect {
        let spec = container.spec
        let run = container.state
        var state = ContainerState(
            status: run.status.rawValue, running: run.isRunning, paused: run.status == .paused, restarting: run.status == .restarting,
            oomKilled: run.oomKilled, dead: run.status == .dead, pid: Int(run.pid), exitCode: Int(run.exitCode), error: run.error,
            startedAt: run.startedAt == 0 ? zeroTime : Timestamps.rfc3339(nanos: run.startedAt),
            finishedAt: run.finishedAt == 0 ? zeroTime : Timestamps.rfc3339(nanos: run.finishedAt))
        if let health = run.health { state.health = Health(status: health, failingStreak: run.failingStreak, log: run.healthLog ?? []) }
        let data = paths.data(container.id)
        var inspect = ContainerInspect(
            id: container.id, created: Timestamps.rfc3339(nanos: spec.created), path: spec.path, args: spec.args, state: state,
            image: spec.imageID, resolvConfPath: data + "/resolv.conf", hostnamePath: data + "/hostname", hostsPath: data + "/hosts",
            logPath: spec.hostConfig.logConfig.type == "none" ? "" : paths.log(container.id), name: "/" + container.name,
            restartCount: run.restartCount, driver: "overlay2", platform: "linux", execIDs: execIDs.isEmpty ? nil : execIDs,
            hostConfig: spec.hostConfig,
            graphDriver: DriverData(
                name: "overlay2",
                data: ["UpperDir": data + "/upper", "WorkDir": data + "/work", "MergedDir": paths.rootfs(container.id)]),
            mounts: [], config: spec.config)
        inspect.networkSettings = NetworkSettings(sandboxKey: "", ports: [:], networks: networks(container))
        return inspect
    }

    static let zeroTime = "0001-01-01T00:00:00Z"
}
