-- Versioned store credentials: every version of a store's secrets is a row (the secrets stay in
-- the secret store at `path`). One version is current; a rotation keeps the one before it
-- ('kept') until it is released; a decommission or a revocation ends the live ones ('released',
-- 'revoked'). Replaces store_credentials (one reference per store): its rows become version 1.
CREATE TABLE store_credential_versions (
    store_id   text COLLATE "C" NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    version    bigint NOT NULL CHECK (version > 0),
    path       text NOT NULL,
    state      text NOT NULL CHECK (state IN ('current', 'kept', 'released', 'revoked')),
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    ended_at   timestamptz,
    ended_by   text NOT NULL DEFAULT '',
    PRIMARY KEY (store_id, version)
);
-- At most one current version per store, whatever the concurrency.
CREATE UNIQUE INDEX store_credential_versions_current_idx ON store_credential_versions (store_id)
    WHERE state = 'current';

INSERT INTO store_credential_versions (store_id, version, path, state, created_at, created_by)
    SELECT store_id, 1, path, 'current', created_at, '' FROM store_credentials;
DROP TABLE store_credentials;
