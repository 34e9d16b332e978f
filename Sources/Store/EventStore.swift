// SPDX-License-Identifier: Apache-2.0
// EventStore: the bounded engine event log in the `events` table, for replaying `since`/`until` windows.

/// One stored event; `attributes` is a JSON object as text, kept opaque here.
public struct EventRecord: Sendable, Equatable {
    /// Monotonic sequence number, never reused (AUTOINCREMENT).
    public var seq: Int64
    /// Event time in nanoseconds since the epoch.
    public var timeNano: Int64
    /// Object type, e.g. `container`.
    public var type: String
    /// What happened, e.g. `start`.
    public var action: String
    /// ID of the object the event is about.
    public var actorID: String
    /// JSON object text of the actor's attributes.
    public var attributes: String
    /// `local` or `swarm`.
    public var scope: String

    /// Describes one event.
    public init(
        seq: Int64, timeNano: Int64, type: String, action: String, actorID: String,
        attributes: String = "{}", scope: String = "local"
    ) {
        self.seq = seq
        self.timeNano = timeNano
        self.type = type
        self.action = action
        self.actorID = actorID
        self.attributes = attributes
        self.scope = scope
    }

    init(_ row: Row) {
        self.init(
            seq: row.int("seq") ?? 0, timeNano: row.int("time_nano") ?? 0, type: row.string("type") ?? "",
            action: row.string("action") ?? "", actorID: row.string("actor_id") ?? "",
            attributes: row.string("attributes") ?? "{}", scope: row.string("scope") ?? "local")
    }
}

/// Persists engine events.
public struct EventStore: Sendable {
    /// The database it reads and writes.
    public let database: Database
    private static let columns = "seq, time_nano, type, action, actor_id, attributes, scope"

    /// Wraps a database.
    public init(database: Database) {
        self.database = database
    }

    /// Appends one event and returns it with its assigned `seq`.
    public func append(
        timeNano: Int64, type: String, action: String, actorID: String, attributes: String = "{}", scope: String = "local"
    ) async throws -> EventRecord {
        try await database.write { connection in
            try connection.execute(
                "INSERT INTO events(time_nano, type, action, actor_id, attributes, scope) VALUES (?, ?, ?, ?, ?, ?)",
                [.integer(timeNano), .text(type), .text(action), .text(actorID), .text(attributes), .text(scope)])
            return EventRecord(
                seq: connection.lastInsertRowID, timeNano: timeNano, type: type, action: action, actorID: actorID,
                attributes: attributes, scope: scope)
        }
    }

    /// Events with `sinceNano <= time_nano <= untilNano` (bounds optional), oldest first; with `limit`, the newest
    /// `limit` of them, still oldest first.
    public func list(sinceNano: Int64? = nil, untilNano: Int64? = nil, limit: Int? = nil) async throws -> [EventRecord] {
        try await database.read { connection in
            // LIMIT -1 means no limit in SQLite.
            let sql = """
                SELECT * FROM (
                    SELECT \(Self.columns) FROM events
                    WHERE time_nano >= coalesce(?1, time_nano) AND time_nano <= coalesce(?2, time_nano)
                    ORDER BY seq DESC LIMIT ?3
                ) ORDER BY seq
                """
            return try connection.query(sql, [SQLValue(sinceNano), SQLValue(untilNano), SQLValue(limit.map { max(0, $0) } ?? -1)])
                .map(EventRecord.init)
        }
    }

    /// Deletes all but the newest `count` events and returns how many were deleted.
    public func prune(keepingNewest count: Int) async throws -> Int {
        try await database.write { connection in
            try connection.execute(
                "DELETE FROM events WHERE seq NOT IN (SELECT seq FROM events ORDER BY seq DESC LIMIT ?)", [SQLValue(max(0, count))])
            return connection.changes
        }
    }
}
