-- Versioned configuration bundles: every render is kept. A version is immutable and named by
-- the SHA-256 of its archive; `files` holds the rendered files as JSON [{path, content}] for
-- diffs (NULL for bundles rendered before this migration). A render row per render, newest
-- with the highest id.
CREATE TABLE config_bundle_versions (
    store_id   text COLLATE "C" NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    sha256     text COLLATE "C" NOT NULL,
    file_name  text NOT NULL,
    content    bytea NOT NULL,
    files      text,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (store_id, sha256)
);

CREATE TABLE config_bundle_renders (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id   text COLLATE "C" NOT NULL,
    sha256     text COLLATE "C" NOT NULL,
    run_id     text COLLATE "C",
    created_at timestamptz NOT NULL,
    FOREIGN KEY (store_id, sha256) REFERENCES config_bundle_versions (store_id, sha256)
        ON DELETE CASCADE
);
CREATE INDEX config_bundle_renders_store_idx ON config_bundle_renders (store_id, id);

INSERT INTO config_bundle_versions (store_id, sha256, file_name, content, files, created_at)
    SELECT store_id, encode(sha256(content), 'hex'), file_name, content, NULL, created_at
    FROM config_bundles;
INSERT INTO config_bundle_renders (store_id, sha256, run_id, created_at)
    SELECT store_id, encode(sha256(content), 'hex'), NULL, created_at FROM config_bundles;
DROP TABLE config_bundles;
