// SPDX-License-Identifier: Apache-2.0
// The engine's root: one service per resource family, sharing the database and the event bus.

import Store

/// The container engine: what the API calls into.
public final class Engine: Sendable {
    /// Berth's release version.
    public static let version = "0.1.0"

    /// Settings the engine was started with.
    public let configuration: EngineConfiguration
    /// The metadata database.
    public let database: Database
    /// Every object change, stored and streamed.
    public let events: EventBus
    /// API tokens.
    public let tokens: TokenService
    /// Version, info and disk usage.
    public let system: SystemService
    /// Images, blobs and layers.
    public let images: ImageService
    /// Outbound registry traffic (pull, push, login, search).
    public let registry: RegistryClient
    /// Containers and their shims.
    public let containers: ContainerService

    /// Opens the engine's services over `database`; loads tokens and the daemon identity.
    public init(configuration: EngineConfiguration, database: Database) async throws {
        self.configuration = configuration
        self.database = database
        events = EventBus(store: EventStore(database: database))
        tokens = TokenService(store: TokenStore(database: database), events: events)
        try await tokens.load()
        let identity = try await DaemonIdentityStore(database: database).identity()
        images = try ImageService(
            dataRoot: configuration.dataRoot, unpacker: configuration.unpackerPath, database: database, events: events)
        try await images.reconcile()
        await images.setTransferLimits(downloads: configuration.maxConcurrentDownloads, uploads: configuration.maxConcurrentUploads)
        registry = RegistryClient(options: RegistryOptions(configuration: configuration))
        containers = try ContainerService(configuration: configuration, database: database, images: images, events: events)
        try await containers.load()
        await containers.recover()
        system = SystemService(
            configuration: configuration, daemonID: identity, events: events, runtimes: await RuntimeProbe.describe(configuration: configuration))
    }
}
