// SPDX-License-Identifier: Apache-2.0
// The container engine: every container in memory (loaded from the db at start, written through on each
// change), their lifecycles, and the shims that run them. Divisions: +Create, +Start, +Exit (monitoring,
// waits, restart policies), +Stop (stop, kill, pause, restart), +Remove (rm, prune, rename), +Attach, +Exec,
// +Recovery (re-adopting shims after a daemon restart).

import FoundationEssentials
import Glibc
import Models
import Platform
import ShimProtocol
import Store

/// Where a container's files live.
public struct ContainerPaths: Sendable {
    /// `<data-root>/containers`.
    public let dataDirectory: String
    /// `<exec-root>/containers`.
    public let runDirectory: String
    /// `<exec-root>/exec`.
    public let execDirectory: String
    /// `<exec-root>/runtime`: the runtimes' `--root` directories.
    public let runtimeDirectory: String

    /// Paths under the configured roots.
    public init(configuration: EngineConfiguration) {
        dataDirectory = configuration.dataRoot + "/containers"
        runDirectory = configuration.execRoot + "/containers"
        execDirectory = configuration.execRoot + "/exec"
        runtimeDirectory = configuration.execRoot + "/runtime"
    }

    /// Persistent directory of one container (upper/work, /etc files, log).
    public func data(_ id: String) -> String { dataDirectory + "/" + id }
    /// The OCI bundle and shim state directory of one container.
    public func bundle(_ id: String) -> String { runDirectory + "/" + id }
    /// The mounted rootfs of one container.
    public func rootfs(_ id: String) -> String { bundle(id) + "/rootfs" }
    /// The json-file log of one container.
    public func log(_ id: String) -> String { data(id) + "/" + id + "-json.log" }
}

/// Owns every container.
public actor ContainerService {
    let configuration: EngineConfiguration
    let store: ContainerRecordStore
    let images: ImageService
    let events: EventBus
    /// File locations.
    public nonisolated let paths: ContainerPaths
    let filesystem: ContainerFilesystem
    /// The berth-shim executable.
    let shimPath: String
    /// Where removed containers' directories go to be deleted after the answer (data root, exec root).
    let dataTrash: Trash
    let runTrash: Trash

    var containers: [String: Container] = [:]
    var idsByName: [String: String] = [:]
    var gate = ContainerGate()
    var waiters: [String: [Waiter]] = [:]
    var pendingAttaches: [String: [PendingAttach]] = [:]
    var monitors: [String: Task<Void, Never>] = [:]
    var restartTasks: [String: Task<Void, Never>] = [:]
    /// Healthcheck probe loops of running containers (ContainerService+Health).
    var healthMonitors: [String: Task<Void, Never>] = [:]
    var execs: [String: ExecSession] = [:]
    var revisionCounter = 0

    /// Opens the service; call `load()` before use.
    public init(configuration: EngineConfiguration, database: Database, images: ImageService, events: EventBus) throws {
        self.configuration = configuration
        self.store = ContainerRecordStore(database: database)
        self.images = images
        self.events = events
        self.paths = ContainerPaths(configuration: configuration)
        self.filesystem = ContainerFilesystem(dataRoot: configuration.dataRoot, execRoot: configuration.execRoot)
        self.shimPath = configuration.shimPath
        try Directories.create(paths.dataDirectory, mode: 0o710)
        try Directories.create(configuration.execRoot, mode: 0o711)
        try Directories.create(paths.runDirectory, mode: 0o711)
        try Directories.create(paths.execDirectory, mode: 0o700)
        try Directories.create(paths.runtimeDirectory, mode: 0o700)
        dataTrash = try Trash(root: configuration.dataRoot)
        runTrash = try Trash(root: configuration.execRoot)
    }

    // MARK: lookup

    /// Finds a container by full ID, name (with or without "/") or unique ID prefix.
    public func find(_ reference: String) throws(EngineError) -> Container {
        try containers[resolve(reference)]!
    }

    /// The full ID for a reference, with dockerd's 404/400 messages.
    func resolve(_ reference: String) throws(EngineError) -> String {
        try ContainerID.resolve(
            reference, exists: { containers[$0] != nil }, idNamed: { idsByName[$0] },
            idsWithPrefix: { prefix in Array(containers.keys.lazy.filter { $0.hasPrefix(prefix) }.prefix(2)) })
    }

    /// Every container, newest first.
    public func list() -> [Container] {
        containers.values.sorted { $0.spec.created > $1.spec.created }
    }

    /// Number of containers by state (for /info).
    public func counts() -> (running: Int, paused: Int, stopped: Int) {
        var counts = (running: 0, paused: 0, stopped: 0)
        for container in containers.values {
            switch container.state.status {
            case .running, .restarting: counts.running += 1
            case .paused: counts.paused += 1
            default: counts.stopped += 1
            }
        }
        return counts
    }

    /// IDs of containers created from `imageID`.
    public func containers(usingImage imageID: String) -> [Container] {
        containers.values.filter { $0.spec.imageID == imageID }
    }

    // MARK: gate

    /// Runs `body` holding `id`'s gate.
    func exclusively<T: Sendable>(_ id: String, _ body: () async throws -> T) async throws -> T {
        if !gate.tryEnter(id) { await withCheckedContinuation { gate.enqueue(id, $0) } }
        defer { gate.leave(id) }
        return try await body()
    }

    // MARK: persistence

    /// A revision no container had before (a copy saved late must not reuse a number).
    func nextRevision() -> Int {
        revisionCounter += 1
        return revisionCounter
    }

    /// Writes the state of `container` through to the db and the cache.
    func saveState(_ container: Container) async throws {
        var container = container
        container.revision = nextRevision()
        containers[container.id] = container
        try await store.updateState(id: container.id, state: try JSONCoding.encode(container.state))
    }

    /// Writes the spec of `container` through to the db and the cache.
    func saveSpec(_ container: Container) async throws {
        var container = container
        container.revision = nextRevision()
        containers[container.id] = container
        try await store.updateSpec(id: container.id, spec: try JSONCoding.encode(container.spec))
    }

    /// Mutates the cached state of `id` and writes it through; returns the new value.
    @discardableResult
    func updateState(_ id: String, _ change: (inout ContainerRunState) -> Void) async throws -> Container {
        guard var container = containers[id] else { throw EngineError.notFound("No such container: \(id)") }
        change(&container.state)
        try await saveState(container)
        return container
    }

    /// Publishes a container event with dockerd's attributes (image, name, labels, extra).
    func publish(_ action: String, _ container: Container, _ extra: [String: String] = [:]) async {
        var attributes = container.spec.config.labels ?? [:]
        attributes["image"] = container.spec.config.image
        attributes["name"] = container.name
        for (key, value) in extra { attributes[key] = value }
        _ = await events.publish(.container, action, actor: container.id, attributes: attributes)
    }

    /// Loads every container from the db (call once, at start, before serving).
    public func load() async throws {
        for record in try await store.all() {
            let spec = try JSONCoding.decode(ContainerSpec.self, from: record.spec)
            let state = try JSONCoding.decode(ContainerRunState.self, from: record.state)
            let container = Container(id: record.id, name: record.name, spec: spec, state: state)
            containers[record.id] = container
            idsByName[record.name] = record.id
        }
        discardOrphans()
    }

    /// Directories without a row: a crash between making a container's directories and writing its row
    /// (create), or between deleting the row and the directories (remove). Their mounts go first.
    private func discardOrphans() {
        for (base, trash) in [(paths.dataDirectory, dataTrash), (paths.runDirectory, runTrash)] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where containers[name] == nil {
                try? filesystem.unmountRootfs(at: base + "/" + name + "/rootfs")
                trash.discard(base + "/" + name)
            }
        }
    }
}

extension ContainerService {
    /// Bytes in the container's writable layer (its upper directory).
    public nonisolated func filesystemUpperSize(_ id: String) -> Int64 { filesystem.upperSize(id: id) }

    /// IDs of the exec sessions of a container.
    public func execIDs(of id: String) -> [String] {
        execs.values.filter { $0.containerID == id }.map(\.id).sorted()
    }
}

extension ContainerService {
    /// Whether `id` exists and its process runs (logs follow until this turns false).
    public func isRunning(_ id: String) -> Bool {
        guard let container = containers[id] else { return false }
        return container.state.isRunning || container.state.status == .restarting
    }
}
