// SPDX-License-Identifier: Apache-2.0
// `POST /containers/create`: validate, resolve the image, pick a name and an ID, write the row, emit `create`.

import FoundationEssentials
import Models
import Platform
import Store

/// The answer to a create.
public struct ContainerCreated: Sendable {
    /// The new container's ID.
    public var id: String
    /// Non-fatal remarks for the client.
    public var warnings: [String]
}

extension ContainerService {
    /// Creates a container (not started).
    public func create(name requested: String?, request: ContainerCreateRequest) async throws -> ContainerCreated {
        var config = request.config
        try ContainerCreateRules.checkConfig(config)
        var given = request.hostConfig ?? HostConfig()
        // dockerd: no type means the daemon's driver; no options with that driver means the daemon's options
        // (`--log-opt` alone keeps its options and gets the daemon's driver).
        let daemonLog = configuration.defaultLogConfig
        if given.logConfig.type.isEmpty { given.logConfig.type = daemonLog.type }
        if given.logConfig.type == daemonLog.type && (given.logConfig.config ?? [:]).isEmpty { given.logConfig.config = daemonLog.config }
        var host = try ContainerCreateRules.normalise(given)
        let warnings = try ContainerCreateRules.verifyResources(
            &host, support: CgroupHostSupport.current(layout: try HostCgroups.layout()))
        let runtime = host.runtime.flatMap { $0.isEmpty ? nil : $0 } ?? configuration.defaultRuntime
        _ = try runtimePath(runtime)
        host.runtime = runtime
        guard !config.image.isEmpty else { throw EngineError.invalidParameter("config.Image: image name must not be empty") }
        let image = try await images.find(config.image)
        config = ContainerCreateRules.merge(config, image: image.config.config)
        let command = try SpecBuilder.args(config: config, image: ImageConfig())
        // Security options, capabilities, devices and a custom seccomp profile are checked now, not at start.
        _ = try SpecBuilder.build(
            SpecInput(id: "check", config: config, host: host, seccompProfile: SecurityOptions.customSeccompProfile(host.securityOpt ?? []))
        )

        var name: String
        if let requested, !requested.isEmpty {
            name = try ContainerNameRules.validated(requested)
            if let holder = idsByName[name] { throw Self.nameConflict(name, holder) }
        } else {
            name = try await ContainerNameGenerator.generate { [idsByName] candidate in idsByName[candidate] != nil }
        }
        var id = ContainerID.random().rawValue
        while containers[id] != nil { id = ContainerID.random().rawValue }
        if config.hostname.isEmpty {
            config.hostname = host.networkMode == "host" ? ((try? HostFacts.hostname()) ?? "") : String(id.prefix(12))
        }

        let spec = ContainerSpec(
            config: config, hostConfig: host, networkingConfig: request.networkingConfig, imageID: image.record.id,
            path: command.first ?? "", args: Array(command.dropFirst()), created: EventBus.nowNanos(), runtime: runtime)
        let container = Container(id: id, name: name, spec: spec, state: ContainerRunState())
        try filesystem.prepare(id: id)
        do {
            try await store.insert(
                ContainerRecord(
                    id: id, name: name, imageID: image.record.id, createdAt: spec.created, spec: try JSONCoding.encode(spec),
                    state: try JSONCoding.encode(container.state)))
        } catch ContainerRecordError.nameInUse(_, let holder) {
            try? filesystem.remove(id: id)
            throw Self.nameConflict(name, holder)
        } catch {
            try? filesystem.remove(id: id)
            throw error
        }
        containers[id] = container
        idsByName[name] = id
        await publish("create", container)
        return ContainerCreated(id: id, warnings: warnings)
    }

    /// dockerd's 409 for a name in use.
    static func nameConflict(_ name: String, _ holder: String) -> EngineError {
        .conflict(
            "Conflict. The container name \"/\(name)\" is already in use by container \"\(holder)\". You have to remove (or rename) that container to be able to reuse that name."
        )
    }

    /// The binary of a runtime name (configured `runtimes`, else found on the search path).
    func runtimePath(_ name: String) throws(EngineError) -> String {
        if let path = configuration.runtimes[name] { return path }
        if ["runc", "crun"].contains(name), let path = ExecutableLookup.find(name, path: configuration.searchPath) { return path }
        throw .invalidParameter("unknown or invalid runtime name: \(name)")
    }
}
