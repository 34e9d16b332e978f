// SPDX-License-Identifier: Apache-2.0
// Schema: berthd's migrations, oldest first. Append new ones; never edit or renumber a released one.

/// The schema history of berthd's database.
public enum Schema {
    /// Every migration, strictly increasing by number.
    public static let migrations: [Migration] = [
        Migration(
            number: 1, name: "foundation",
            sql: """
                -- Daemon identity and small settings: ID, creation time.
                CREATE TABLE daemon(
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                -- API tokens; only a hash of the secret is kept. Names may repeat.
                CREATE TABLE tokens(
                    id           TEXT PRIMARY KEY,
                    name         TEXT NOT NULL,
                    scope        TEXT NOT NULL CHECK(scope IN ('read', 'admin')),
                    hash         BLOB NOT NULL,
                    created_at   INTEGER NOT NULL,
                    expires_at   INTEGER,
                    revoked_at   INTEGER,
                    last_used_at INTEGER
                );
                -- Engine events for `docker events --since`. AUTOINCREMENT so a pruned seq is never handed out again.
                CREATE TABLE events(
                    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                    time_nano  INTEGER NOT NULL,
                    type       TEXT NOT NULL,
                    action     TEXT NOT NULL,
                    actor_id   TEXT NOT NULL,
                    attributes TEXT NOT NULL DEFAULT '{}',
                    scope      TEXT NOT NULL DEFAULT 'local'
                );
                CREATE INDEX events_time_nano ON events(time_nano);
                """),
        Migration(
            number: 2, name: "images",
            sql: """
                -- Unpacked layers, one per chain ID, shared by every image built on them. A row exists only
                -- once the layer's directory has been renamed into place.
                CREATE TABLE layers(
                    chain_id          TEXT PRIMARY KEY,
                    diff_id           TEXT NOT NULL,
                    parent_chain_id   TEXT,
                    size              INTEGER NOT NULL,
                    blob_digest       TEXT,
                    blob_size         INTEGER,
                    blob_media_type   TEXT,
                    created_at        INTEGER NOT NULL
                );
                -- Images by ID (the config blob's digest). A row exists only once its config and every layer do.
                CREATE TABLE images(
                    id              TEXT PRIMARY KEY,
                    manifest_digest TEXT,
                    manifest_type   TEXT,
                    created         TEXT,
                    size            INTEGER NOT NULL,
                    architecture    TEXT NOT NULL DEFAULT '',
                    os              TEXT NOT NULL DEFAULT '',
                    variant         TEXT NOT NULL DEFAULT '',
                    added_at        INTEGER NOT NULL,
                    last_tag_time   INTEGER
                );
                CREATE TABLE image_layers(
                    image_id  TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                    position  INTEGER NOT NULL,
                    chain_id  TEXT NOT NULL REFERENCES layers(chain_id),
                    PRIMARY KEY(image_id, position)
                );
                CREATE INDEX image_layers_chain ON image_layers(chain_id);
                -- Tags (`docker.io/library/busybox:latest`) and digests (`…@sha256:…`) naming images.
                CREATE TABLE image_names(
                    name      TEXT PRIMARY KEY,
                    kind      TEXT NOT NULL CHECK(kind IN ('tag', 'digest')),
                    image_id  TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
                    added_at  INTEGER NOT NULL
                );
                CREATE INDEX image_names_image ON image_names(image_id);
                """),
        Migration(
            number: 3, name: "containers",
            sql: """
                -- Containers. `spec` and `state` are JSON the Engine owns (config and host config; running,
                -- paused, exit code, pid, …), so a new field needs no migration. Names are kept without the
                -- leading "/"; UNIQUE makes the name reservation atomic with the insert.
                CREATE TABLE containers(
                    id          TEXT PRIMARY KEY,
                    name        TEXT NOT NULL UNIQUE,
                    image_id    TEXT NOT NULL,
                    created_at  INTEGER NOT NULL,
                    spec        BLOB NOT NULL,
                    state       BLOB NOT NULL
                );
                -- `docker rmi` asks which containers use an image.
                CREATE INDEX containers_image ON containers(image_id);
                """),
    ]
}
