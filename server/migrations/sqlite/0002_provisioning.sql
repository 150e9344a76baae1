-- Provisioning (SQLite): inventory, IPAM, durable runs and their artifacts. Networks are kept
-- as text for display and as the integers of their first and last address for the overlap
-- checks, which the repositories run inside the write transaction (BEGIN IMMEDIATE serializes
-- writers, so check-then-insert cannot race).

CREATE TABLE hardware_models (
    id         TEXT NOT NULL PRIMARY KEY,
    kind       TEXT NOT NULL,
    vendor     TEXT NOT NULL,
    model      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (kind, vendor, model)
);

-- store_id is a plain reference: only drafts are deleted and a draft holds no items.
CREATE TABLE stock_items (
    id         TEXT NOT NULL PRIMARY KEY,
    serial     TEXT NOT NULL UNIQUE,
    model_id   TEXT NOT NULL REFERENCES hardware_models (id),
    kind       TEXT NOT NULL,
    status     TEXT NOT NULL,
    store_id   TEXT REFERENCES stores (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- Reservation: lowest in-stock serials of a kind.
CREATE INDEX stock_items_reserve_idx ON stock_items (kind, status, serial);
CREATE INDEX stock_items_store_idx   ON stock_items (store_id, kind, serial);
CREATE INDEX stock_items_status_idx  ON stock_items (status, serial);
CREATE INDEX stock_items_model_idx   ON stock_items (model_id, serial);

CREATE TABLE address_pools (
    id             TEXT    NOT NULL PRIMARY KEY,
    cidr           TEXT    NOT NULL UNIQUE,
    first_address  INTEGER NOT NULL,
    last_address   INTEGER NOT NULL CHECK (last_address >= first_address),
    purpose        TEXT    NOT NULL,
    segment_prefix INTEGER NOT NULL CHECK (segment_prefix BETWEEN 0 AND 32),
    created_at     TEXT    NOT NULL
);
CREATE INDEX address_pools_range_idx ON address_pools (first_address, last_address);

CREATE TABLE network_segments (
    id            TEXT    NOT NULL PRIMARY KEY,
    store_id      TEXT    NOT NULL REFERENCES stores (id),
    pool_id       TEXT    REFERENCES address_pools (id),   -- NULL: a manual range
    purpose       TEXT    NOT NULL,
    vlan_id       INTEGER NOT NULL,
    cidr          TEXT    NOT NULL,
    first_address INTEGER NOT NULL,
    last_address  INTEGER NOT NULL CHECK (last_address >= first_address),
    gateway       TEXT    NOT NULL,
    dhcp_start    TEXT    NOT NULL,
    dhcp_end      TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    UNIQUE (store_id, vlan_id),
    UNIQUE (store_id, purpose)
);
CREATE INDEX network_segments_range_idx ON network_segments (first_address, last_address);
CREATE INDEX network_segments_pool_idx  ON network_segments (pool_id, first_address);

-- The job queue. Runs go with their store (a deleted draft keeps no history).
CREATE TABLE provisioning_runs (
    id               TEXT NOT NULL PRIMARY KEY,
    store_id         TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    status           TEXT NOT NULL,
    steps            TEXT NOT NULL DEFAULT '[]',           -- JSON array of steps
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    finished_at      TEXT,
    next_attempt_at  TEXT NOT NULL,
    lease_owner      TEXT NOT NULL DEFAULT '',
    lease_expires_at TEXT,
    requested_by     TEXT NOT NULL DEFAULT '',
    request_id       TEXT NOT NULL DEFAULT '',
    error            TEXT NOT NULL DEFAULT ''
);
-- At most one queued or running run per store.
CREATE UNIQUE INDEX provisioning_runs_one_active_idx ON provisioning_runs (store_id)
    WHERE status IN ('queued', 'running');
-- ClaimNext scans the active runs in this order.
CREATE INDEX provisioning_runs_claim_idx ON provisioning_runs (next_attempt_at, created_at)
    WHERE status IN ('queued', 'running');
CREATE INDEX provisioning_runs_store_idx    ON provisioning_runs (store_id, created_at DESC, id DESC);
CREATE INDEX provisioning_runs_finished_idx ON provisioning_runs (finished_at)
    WHERE finished_at IS NOT NULL;

CREATE TABLE store_credentials (
    store_id   TEXT NOT NULL PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    path       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE config_bundles (
    store_id   TEXT NOT NULL PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    content    BLOB NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
