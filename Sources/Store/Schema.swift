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
                """)
    ]
}
