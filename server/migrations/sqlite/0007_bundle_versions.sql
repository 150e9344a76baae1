-- Versioned configuration bundles: every render is kept. A version is immutable and named by
-- the SHA-256 of its archive (sha256_hex is registered by infra/sqlite/connection.cpp);
-- `files` holds the rendered files as JSON [{path, content}] for diffs (NULL for bundles
-- rendered before this migration). A render row per render, newest with the highest id.
CREATE TABLE config_bundle_versions (
    store_id   TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    sha256     TEXT NOT NULL,
    file_name  TEXT NOT NULL,
    content    BLOB NOT NULL,
    files      TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (store_id, sha256)
);

CREATE TABLE config_bundle_renders (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id   TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    run_id     TEXT,
    created_at TEXT NOT NULL,
    FOREIGN KEY (store_id, sha256) REFERENCES config_bundle_versions (store_id, sha256)
        ON DELETE CASCADE
);
CREATE INDEX config_bundle_renders_store_idx ON config_bundle_renders (store_id, id);

INSERT INTO config_bundle_versions (store_id, sha256, file_name, content, files, created_at)
    SELECT store_id, sha256_hex(content), file_name, content, NULL, created_at FROM config_bundles;
INSERT INTO config_bundle_renders (store_id, sha256, run_id, created_at)
    SELECT store_id, sha256_hex(content), NULL, created_at FROM config_bundles;
DROP TABLE config_bundles;
