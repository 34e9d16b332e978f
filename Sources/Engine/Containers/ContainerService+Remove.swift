// SPDX-License-Identifier: Apache-2.0
// rm, container prune and rename. Removal unmounts and deletes the container's directories before the row
// goes, so a crash halfway leaves a row whose directories the next start recreates or removes again.

import FoundationEssentials
import Glibc
import Models
import Platform
import ShimProtocol
import Store

/// What `container prune` removed.
public struct ContainersPruned: Sendable {
    /// IDs removed.
    public var ids: [String]
    /// Bytes freed (upper directories).
    public var spaceReclaimed: Int64
}

extension ContainerService {
    /// `docker rm`: refuses a running container unless `force` (then SIGKILL first).
    public func remove(_ reference: String, force: Bool, volumes: Bool) async throws {
        let id = try resolve(reference)
        try await exclusively(id) {
            guard let container = containers[id] else { return }
            if container.state.status == .restarting && !force {
                throw EngineError.conflict(
                    "cannot remove container \"/\(container.name)\": container is restarting: stop the container before removing or force remove")
            }
            restartTasks.removeValue(forKey: id)?.cancel()
            if container.state.isRunning {
                guard force else {
                    let verb = container.state.status == .paused ? "container is paused and must be unpaused first" : "container is running: stop the container before removing or force remove"
                    throw EngineError.conflict("cannot remove container \"/\(container.name)\": \(verb)")
                }
                try await updateState(id) { $0.manuallyStopped = true }
                if container.state.status == .paused { try? await resume(container) }
                try? await sendSignal(container, SIGKILL)
                if !(await awaitExit(id, within: .seconds(30))) {
                    throw EngineError.system("cannot remove container \"/\(container.name)\": could not kill: process did not exit")
                }
            }
            try await removeUnlocked(id)
        }
    }

    /// Deletes a stopped container's files, row and cache entry; emits `destroy`. The caller holds the gate.
    func removeUnlocked(_ id: String) async throws {
        guard let container = containers[id] else { return }
        monitors.removeValue(forKey: id)?.cancel()
        for (execID, session) in execs where session.containerID == id { execs.removeValue(forKey: execID) }
        failPendingAttaches(id, .notFound("No such container: \(id)"))
        // The row goes first: a crash after it leaves only directories, which the next start discards.
        try await store.delete(id: id)
        try? filesystem.unmountRootfs(at: paths.rootfs(id))
        for stale in (try? filesystem.mountedRootfs(id: id)) ?? [] { try? filesystem.unmountRootfs(at: stale) }
        dataTrash.discard(paths.data(id))
        runTrash.discard(paths.bundle(id))
        containers.removeValue(forKey: id)
        idsByName.removeValue(forKey: container.name)
        await publish("destroy", container)
        answerWaiters(id, ContainerWaitResult(statusCode: Int64(container.state.exitCode)), removed: true)
    }

    /// `docker container prune`: removes every stopped container matching `filters` (`until`, `label`, `label!`).
    public func prune(until: Int64?, labels: [(key: String, value: String?, negated: Bool)]) async throws -> ContainersPruned {
        var pruned = ContainersPruned(ids: [], spaceReclaimed: 0)
        for container in list() where !container.state.isRunning && container.state.status != .restarting {
            if let until, container.spec.created >= until { continue }
            let own = container.spec.config.labels ?? [:]
            let matches = labels.allSatisfy { filter in
                let has = own[filter.key].map { filter.value == nil || $0 == filter.value } ?? false
                return filter.negated ? !has : has
            }
            guard matches else { continue }
            let size = filesystem.upperSize(id: container.id)
            do {
                try await exclusively(container.id) {
                    guard let current = containers[container.id], !current.state.isRunning else { return }
                    try await removeUnlocked(container.id)
                }
                pruned.ids.append(container.id)
                pruned.spaceReclaimed += size
            } catch {
                Log.warn("prune could not remove a container", ["container": container.id, "error": "\(error)"])
            }
        }
        _ = await events.publish(.container, "prune", actor: "", attributes: ["reclaimed": String(pruned.spaceReclaimed)])
        return pruned
    }

    /// `docker rename`.
    public func rename(_ reference: String, to newName: String) async throws {
        let id = try resolve(reference)
        let name = try ContainerNameRules.validated(newName)
        try await exclusively(id) {
            guard var container = containers[id] else { return }
            let old = container.name
            if old == name { throw EngineError.invalidParameter("Renaming a container with the same name as its current name") }
            if let holder = idsByName[name] { throw Self.nameConflict(name, holder) }
            do {
                try await store.rename(id: id, to: name)
            } catch ContainerRecordError.nameInUse(_, let holder) {
                throw Self.nameConflict(name, holder)
            }
            container.name = name
            container.revision = nextRevision()
            containers[id] = container
            idsByName.removeValue(forKey: old)
            idsByName[name] = id
            await publish("rename", container, ["oldName": "/" + old])
        }
    }
}
