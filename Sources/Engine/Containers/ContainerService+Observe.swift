// SPDX-License-Identifier: Apache-2.0
// stats, top and update: the cgroup side of a container, through ContainerStatsCollector, ContainerTop
// and ContainerResourceUpdate; events `top` and `update` as dockerd emits them.

import Models
import Platform

extension ContainerService {
    /// The cgroup of `container` in every controller.
    nonisolated func cgroupPaths(_ container: Container) throws -> CgroupPaths {
        try ContainerCgroup.paths(id: container.id, cgroupParent: container.spec.hostConfig.resources.cgroupParent, layout: try HostCgroups.layout())
    }

    /// A stats collector for `reference` (404 when missing); samples read zero once it stops.
    public func statsCollector(_ reference: String) throws -> ContainerStatsCollector {
        let container = try find(reference)
        let id = container.id
        return ContainerStatsCollector(
            id: id, name: container.name, paths: try cgroupPaths(container),
            processID: { [weak self] in
                guard let self, let current = try? await self.find(id), current.state.isRunning else { return nil }
                return current.state.pid
            })
    }

    /// `docker top`.
    public func top(_ reference: String, psArgs: String) async throws -> ContainerTopResponse {
        let container = try find(reference)
        let response = try await ContainerTop().processes(
            containerID: container.id, isRunning: container.state.isRunning, paths: try cgroupPaths(container), psArgs: psArgs)
        await publish("top", container)
        return response
    }

    /// `docker update`: limits live when running, stored always; a new restart policy applies to later exits.
    public func update(_ reference: String, resources: Resources, restartPolicy: RestartPolicy?) async throws -> [String] {
        let id = try resolve(reference)
        return try await exclusively(id) {
            guard var container = containers[id] else { throw EngineError.notFound("No such container: \(id)") }
            let running = container.state.isRunning ? try cgroupPaths(container) : nil
            let updater = ContainerResourceUpdate(support: CgroupHostSupport.current(layout: try HostCgroups.layout()))
            let result = try updater.update(
                containerID: id, current: container.spec.hostConfig.resources, with: resources,
                restartPolicy: restartPolicy ?? RestartPolicy(), autoRemove: container.spec.hostConfig.autoRemove, runningIn: running)
            container.spec.hostConfig.resources = result.resources
            if let policy = result.restartPolicy { container.spec.hostConfig.restartPolicy = policy }
            try await saveSpec(container)
            await publish("update", container)
            return result.warnings
        }
    }
}
