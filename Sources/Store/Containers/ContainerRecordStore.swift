// SPDX-License-Identifier: Apache-2.0
// ContainerRecordStore: container rows in the `containers` table (migration 3). Name reservation is a
// check-then-write inside one IMMEDIATE transaction on the single writer, so two creates cannot both win.

/// Persists container metadata.
public struct ContainerRecordStore: Sendable {
    /// The database it reads and writes.
    public let database: Database
    private static let columns = "id, name, image_id, created_at, spec, state"

    /// Wraps a database.
    public init(database: Database) { self.database = database }

    /// Inserts a new container; throws `ContainerRecordError.nameInUse` (with the holder's ID) or `.idInUse`.
    public func insert(_ record: ContainerRecord) async throws {
        try await database.write { connection in
            try Self.checkName(connection, record.name, for: record.id)
            if try connection.queryOne("SELECT 1 FROM containers WHERE id = ?", [.text(record.id)]) != nil {
                throw ContainerRecordError.idInUse(record.id)
            }
            try connection.execute(
                "INSERT INTO containers(\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .text(record.id), .text(record.name), .text(record.imageID), .integer(record.createdAt), .blob(record.spec),
                    .blob(record.state),
                ])
        }
    }

    /// The container with exactly this ID, or nil.
    public func find(id: String) async throws -> ContainerRecord? {
        try await database.read { connection in
            try connection.queryOne("SELECT \(Self.columns) FROM containers WHERE id = ?", [.text(id)]).map(ContainerRecord.init)
        }
    }

    /// The container named `name` (without the leading "/"), or nil.
    public func find(name: String) async throws -> ContainerRecord? {
        try await database.read { connection in
            try connection.queryOne("SELECT \(Self.columns) FROM containers WHERE name = ?", [.text(name)]).map(ContainerRecord.init)
        }
    }

    /// Every container, newest first (the order `docker ps` prints).
    public func all() async throws -> [ContainerRecord] {
        try await database.read { connection in
            try connection.query("SELECT \(Self.columns) FROM containers ORDER BY created_at DESC, id").map(ContainerRecord.init)
        }
    }

    /// IDs starting with `prefix`, in order, at most `limit` of them (pass 2 to tell unique from ambiguous).
    /// A range scan on the primary key: `prefix <= id < prefix'` where prefix' bumps the last character.
    public func ids(withPrefix prefix: String, limit: Int = Int(Int32.max)) async throws -> [String] {
        // IDs are lowercase hex, so anything else matches nothing; this also keeps the bump below in ASCII.
        guard let last = prefix.utf8.last, prefix.utf8.allSatisfy(Self.isLowerHex) else { return [] }
        let upper = String(decoding: prefix.utf8.dropLast() + [last + 1], as: UTF8.self)
        return try await database.read { connection in
            try connection.query(
                "SELECT id FROM containers WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
                [.text(prefix), .text(upper), .integer(Int64(limit))]
            ).compactMap { $0.string(0) }
        }
    }

    /// IDs of the containers created from `imageID`.
    public func ids(usingImage imageID: String) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT id FROM containers WHERE image_id = ? ORDER BY id", [.text(imageID)]).compactMap { $0.string(0) }
        }
    }

    /// How many containers exist.
    public func count() async throws -> Int {
        try await database.read { Int(try $0.queryOne("SELECT count(*) FROM containers")?.int(0) ?? 0) }
    }

    /// Replaces the state JSON; throws `.notFound` when the ID is unknown.
    public func updateState(id: String, state: [UInt8]) async throws {
        try await update(id: id, column: "state", to: .blob(state))
    }

    /// Replaces the spec JSON; throws `.notFound` when the ID is unknown.
    public func updateSpec(id: String, spec: [UInt8]) async throws {
        try await update(id: id, column: "spec", to: .blob(spec))
    }

    /// Renames a container; throws `.nameInUse` when another container holds `name`, `.notFound` for an unknown ID.
    public func rename(id: String, to name: String) async throws {
        try await database.write { connection in
            try Self.checkName(connection, name, for: id)
            try connection.execute("UPDATE containers SET name = ? WHERE id = ?", [.text(name), .text(id)])
            guard connection.changes == 1 else { throw ContainerRecordError.notFound(id: id) }
        }
    }

    /// Deletes a container row; false when there was none.
    @discardableResult
    public func delete(id: String) async throws -> Bool {
        try await database.write { connection in
            try connection.execute("DELETE FROM containers WHERE id = ?", [.text(id)])
            return connection.changes == 1
        }
    }

    private func update(id: String, column: String, to value: SQLValue) async throws {
        try await database.write { connection in
            try connection.execute("UPDATE containers SET \(column) = ? WHERE id = ?", [value, .text(id)])
            guard connection.changes == 1 else { throw ContainerRecordError.notFound(id: id) }
        }
    }

    /// Throws `.nameInUse` when a container other than `id` holds `name`.
    private static func checkName(_ connection: Connection, _ name: String, for id: String) throws {
        if let holder = try connection.queryOne("SELECT id FROM containers WHERE name = ?", [.text(name)])?.string(0), holder != id {
            throw ContainerRecordError.nameInUse(name: name, holderID: holder)
        }
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
