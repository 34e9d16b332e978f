// SPDX-License-Identifier: Apache-2.0
// One `GET /events` stream item (spec `EventMessage`, `EventActor`; moby `events.Message`).

/// An event: what kind of object (`type`) did what (`action`), who (`actor`) and when.
public struct EventMessage: Codable, Sendable, Equatable {
    /// Deprecated: the action, repeated for container and image events at API < 1.52; omitted when nil.
    public var status: String?
    /// Deprecated: the actor ID, repeated for container and image events at API < 1.52; omitted when nil.
    public var id: String?
    /// Deprecated: the container's image, for container events at API < 1.52; omitted when nil.
    public var from: String?
    /// The kind of object that emitted the event.
    public var type: EventType
    /// What happened, e.g. `create`, `start`, `exec_start: sh`, `health_status: healthy`.
    public var action: String
    /// The object that emitted the event.
    public var actor: EventActor
    /// `local` for engine events, `swarm` for cluster events.
    public var scope: EventScope
    /// Unix time in seconds.
    public var time: Int64
    /// Unix time in nanoseconds.
    public var timeNano: Int64

    /// Creates an event.
    public init(
        type: EventType,
        action: String,
        actor: EventActor,
        scope: EventScope = .local,
        time: Int64,
        timeNano: Int64,
        status: String? = nil,
        id: String? = nil,
        from: String? = nil
    ) {
        self.status = status
        self.id = id
        self.from = from
        self.type = type
        self.action = action
        self.actor = actor
        self.scope = scope
        self.time = time
        self.timeNano = timeNano
    }

    enum CodingKeys: String, CodingKey {
        case status
        case id
        case from
        case type = "Type"
        case action = "Action"
        case actor = "Actor"
        case scope
        case time
        case timeNano
    }
}

/// The object an event is about (spec `EventActor`).
public struct EventActor: Codable, Sendable, Equatable {
    /// The object's ID (container ID, image reference, network ID, volume name, …).
    public var id: String
    /// Key/value attributes, e.g. `name`, `image`, `exitCode` and the object's labels.
    public var attributes: [String: String]

    /// Creates an actor.
    public init(id: String, attributes: [String: String] = [:]) {
        self.id = id
        self.attributes = attributes
    }

    enum CodingKeys: String, CodingKey {
        case id = "ID"
        case attributes = "Attributes"
    }
}

/// The kind of object that emitted an event (spec `EventMessage.Type`).
public enum EventType: String, Codable, Sendable, Equatable, CaseIterable {
    /// Build cache.
    case builder
    /// Swarm config.
    case config
    /// Container.
    case container
    /// The daemon itself.
    case daemon
    /// Image.
    case image
    /// Network.
    case network
    /// Swarm node.
    case node
    /// Plugin.
    case plugin
    /// Swarm secret.
    case secret
    /// Swarm service.
    case service
    /// Volume.
    case volume
}

/// Where an event comes from (spec `EventMessage.scope`).
public enum EventScope: String, Codable, Sendable, Equatable, CaseIterable {
    /// This engine.
    case local
    /// The swarm cluster.
    case swarm
}
