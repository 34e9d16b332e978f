// SPDX-License-Identifier: Apache-2.0
// Images, layers and names in SQLite. Writers call this only after the files exist (blobs renamed
// into place, layer directories moved in), so a row never claims content that is missing.

/// Persists image metadata.
public struct ImageMetadataStore: Sendable {
    /// The database.
    public let database: Database

    /// Wraps a database.
    public init(database: Database) { self.database = database }

    /// The layer with this chain ID, if unpacked.
    public func layer(_ chainID: String) async throws -> LayerRecord? {
        try await database.read { connection in
            try connection.queryOne("SELECT * FROM layers WHERE chain_id = ?", [.text(chainID)]).map(LayerRecord.init)
        }
    }

    /// Every layer.
    public func layers() async throws -> [LayerRecord] {
        try await database.read { try $0.query("SELECT * FROM layers ORDER BY created_at").map(LayerRecord.init) }
    }

    /// Records an unpacked layer (ignored if the chain ID exists).
    public func insertLayer(_ layer: LayerRecord) async throws {
        try await database.write { connection in
            try connection.execute(
                """
                INSERT OR IGNORE INTO layers(chain_id, diff_id, parent_chain_id, size, blob_digest, blob_size, blob_media_type, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(layer.chainID), .text(layer.diffID), SQLValue(layer.parentChainID), .integer(layer.size), SQLValue(layer.blobDigest),
                    SQLValue(layer.blobSize), SQLValue(layer.blobMediaType), .integer(layer.createdAt),
                ])
        }
    }

    /// Stores an image with its layers and names in one transaction. Names already pointing at other
    /// images move to this one (as `docker tag` and `docker pull` do).
    public func insertImage(_ image: ImageRecord) async throws {
        try await database.write { connection in
            try connection.execute(
                """
                INSERT OR IGNORE INTO images(id, manifest_digest, manifest_type, created, size, architecture, os, variant, added_at, last_tag_time)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(image.id), SQLValue(image.manifestDigest), SQLValue(image.manifestType), SQLValue(image.created), .integer(image.size),
                    .text(image.architecture), .text(image.os), .text(image.variant), .integer(image.addedAt), SQLValue(image.lastTagTime),
                ])
            if let digest = image.manifestDigest {
                try connection.execute(
                    "UPDATE images SET manifest_digest = ?, manifest_type = ? WHERE id = ?",
                    [.text(digest), SQLValue(image.manifestType), .text(image.id)])
            }
            for (position, chainID) in image.layers.enumerated() {
                try connection.execute(
                    "INSERT OR IGNORE INTO image_layers(image_id, position, chain_id) VALUES (?, ?, ?)",
                    [.text(image.id), .integer(Int64(position)), .text(chainID)])
            }
            for name in image.tags { try Self.setName(connection, name, kind: "tag", image: image.id, at: image.addedAt) }
            for name in image.digests { try Self.setName(connection, name, kind: "digest", image: image.id, at: image.addedAt) }
        }
    }

    /// Points `name` at `imageID` (a tag or digest name); returns false if the image does not exist.
    public func setName(_ name: String, kind: String, imageID: String, at time: Int64) async throws -> Bool {
        try await database.write { connection in
            guard try connection.queryOne("SELECT 1 FROM images WHERE id = ?", [.text(imageID)]) != nil else { return false }
            try Self.setName(connection, name, kind: kind, image: imageID, at: time)
            return true
        }
    }

    /// Removes a name; returns the image it pointed at.
    public func removeName(_ name: String) async throws -> String? {
        try await database.write { connection in
            let image = try connection.queryOne("SELECT image_id FROM image_names WHERE name = ?", [.text(name)])?.string("image_id")
            try connection.execute("DELETE FROM image_names WHERE name = ?", [.text(name)])
            return image
        }
    }

    /// Deletes an image row (names and layer links go with it); returns the chain IDs no image uses any more.
    public func deleteImage(_ id: String) async throws -> [String] {
        try await database.write { connection in
            let chains = try connection.query("SELECT chain_id FROM image_layers WHERE image_id = ?", [.text(id)]).compactMap { $0.string("chain_id") }
            try connection.execute("DELETE FROM images WHERE id = ?", [.text(id)])
            var orphans: [String] = []
            for chain in chains where try connection.queryOne("SELECT 1 FROM image_layers WHERE chain_id = ?", [.text(chain)]) == nil {
                orphans.append(chain)
            }
            return orphans
        }
    }

    /// Deletes layer rows (their directories are removed by the caller afterwards).
    public func deleteLayers(_ chainIDs: [String]) async throws {
        try await database.write { connection in
            for chain in chainIDs { try connection.execute("DELETE FROM layers WHERE chain_id = ?", [.text(chain)]) }
        }
    }

    /// The image `name` (a full tag or digest name) points at.
    public func imageID(named name: String) async throws -> String? {
        try await database.read { try $0.queryOne("SELECT image_id FROM image_names WHERE name = ?", [.text(name)])?.string("image_id") }
    }

    /// Image IDs starting with `prefix` (`sha256:` included in both).
    public func imageIDs(withPrefix prefix: String) async throws -> [String] {
        try await database.read { connection in
            try connection.query("SELECT id FROM images WHERE substr(id, 1, ?) = ? LIMIT 2", [.integer(Int64(prefix.utf8.count)), .text(prefix)])
                .compactMap { $0.string("id") }
        }
    }

    /// One image with its layers and names.
    public func image(_ id: String) async throws -> ImageRecord? {
        try await images(where: "WHERE i.id = ?", [.text(id)]).first
    }

    /// How many images exist.
    public func imageCount() async throws -> Int {
        try await database.read { Int(try $0.queryOne("SELECT count(*) AS n FROM images")?.int("n") ?? 0) }
    }

    /// Every image, newest first.
    public func images() async throws -> [ImageRecord] { try await images(where: "", []) }

    private func images(where clause: String, _ bindings: [SQLValue]) async throws -> [ImageRecord] {
        try await database.read { connection in
            let rows = try connection.query("SELECT i.* FROM images i \(clause) ORDER BY i.added_at DESC, i.id", bindings)
            // Three queries in all, however many images: layers and names are grouped here.
            let filter = clause.isEmpty ? "" : "WHERE image_id IN (SELECT i.id FROM images i \(clause))"
            var layers: [String: [String]] = [:]
            for row in try connection.query("SELECT image_id, chain_id FROM image_layers \(filter) ORDER BY image_id, position", bindings) {
                layers[row.string("image_id") ?? "", default: []].append(row.string("chain_id") ?? "")
            }
            var tags: [String: [String]] = [:]
            var digests: [String: [String]] = [:]
            for row in try connection.query("SELECT image_id, name, kind FROM image_names \(filter) ORDER BY added_at, name", bindings) {
                let id = row.string("image_id") ?? ""
                if row.string("kind") == "tag" { tags[id, default: []].append(row.string("name") ?? "") } else { digests[id, default: []].append(row.string("name") ?? "") }
            }
            return rows.map { row in
                let id = row.string("id") ?? ""
                return ImageRecord(
                    id: id, manifestDigest: row.string("manifest_digest"), manifestType: row.string("manifest_type"),
                    created: row.string("created"), size: row.int("size") ?? 0, architecture: row.string("architecture") ?? "",
                    os: row.string("os") ?? "", variant: row.string("variant") ?? "", addedAt: row.int("added_at") ?? 0,
                    lastTagTime: row.int("last_tag_time"), layers: layers[id] ?? [], tags: tags[id] ?? [], digests: digests[id] ?? [])
            }
        }
    }

    private static func setName(_ connection: Connection, _ name: String, kind: String, image: String, at time: Int64) throws {
        try connection.execute(
            """
            INSERT INTO image_names(name, kind, image_id, added_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id, added_at = excluded.added_at
            """, [.text(name), .text(kind), .text(image), .integer(time)])
        if kind == "tag" { try connection.execute("UPDATE images SET last_tag_time = ? WHERE id = ?", [.integer(time), .text(image)]) }
    }
}
