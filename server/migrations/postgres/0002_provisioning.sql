-- Provisioning (PostgreSQL): inventory, IPAM, durable runs and their artifacts. Overlapping
-- networks are refused by exclusion constraints on `cidr` columns (GiST inet_ops, built in),
-- so no interleaving of concurrent allocations can store two overlapping subnets.

CREATE TABLE hardware_models (
    id         text COLLATE "C" PRIMARY KEY,
    kind       text COLLATE "C" NOT NULL,
    vendor     text COLLATE "C" NOT NULL,
    model      text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT hardware_models_kind_vendor_model_key UNIQUE (kind, vendor, model)
);

-- store_id is a plain reference: only drafts are deleted and a draft holds no items.
CREATE TABLE stock_items (
    id         text COLLATE "C" PRIMARY KEY,
    serial     text COLLATE "C" NOT NULL CONSTRAINT stock_items_serial_key UNIQUE,
    model_id   text COLLATE "C" NOT NULL REFERENCES hardware_models (id),
    kind       text COLLATE "C" NOT NULL,
    status     text COLLATE "C" NOT NULL,
    store_id   text COLLATE "C" REFERENCES stores (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- Reservation: lowest in-stock serials of a kind.
CREATE INDEX stock_items_reserve_idx ON stock_items (kind, status, serial);
CREATE INDEX stock_items_store_idx   ON stock_items (store_id, kind, serial);
CREATE INDEX stock_items_status_idx  ON stock_items (status, serial);
CREATE INDEX stock_items_model_idx   ON stock_items (model_id, serial);

CREATE TABLE address_pools (
    id             text COLLATE "C" PRIMARY KEY,
    cidr           cidr NOT NULL,
    purpose        text COLLATE "C" NOT NULL,
    segment_prefix integer NOT NULL CHECK (segment_prefix BETWEEN 0 AND 32),
    created_at     timestamptz NOT NULL,
    CONSTRAINT address_pools_no_overlap EXCLUDE USING gist (cidr inet_ops WITH &&)
);

CREATE TABLE network_segments (
    id         text COLLATE "C" PRIMARY KEY,
    store_id   text COLLATE "C" NOT NULL REFERENCES stores (id),
    pool_id    text COLLATE "C" REFERENCES address_pools (id),  -- NULL: a manual range
    purpose    text COLLATE "C" NOT NULL,
    vlan_id    bigint NOT NULL,
    cidr       cidr NOT NULL,
    gateway    text NOT NULL,
    dhcp_start text NOT NULL,
    dhcp_end   text NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT network_segments_no_overlap EXCLUDE USING gist (cidr inet_ops WITH &&),
    CONSTRAINT network_segments_store_vlan_key UNIQUE (store_id, vlan_id),
    CONSTRAINT network_segments_store_purpose_key UNIQUE (store_id, purpose)
);
CREATE INDEX network_segments_pool_idx ON network_segments (pool_id, cidr);

-- The job queue. Runs go with their store (a deleted draft keeps no history).
CREATE TABLE provisioning_runs (
    id               text COLLATE "C" PRIMARY KEY,
    store_id         text COLLATE "C" NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    kind             text NOT NULL,
    status           text NOT NULL,
    steps            jsonb NOT NULL DEFAULT '[]',
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    finished_at      timestamptz,
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text NOT NULL DEFAULT '',
    lease_expires_at timestamptz,
    requested_by     text NOT NULL DEFAULT '',
    request_id       text NOT NULL DEFAULT '',
    error            text NOT NULL DEFAULT ''
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
    store_id   text COLLATE "C" PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    path       text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE config_bundles (
    store_id   text COLLATE "C" PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    file_name  text NOT NULL,
    content    bytea NOT NULL,
    sha256     text NOT NULL,
    created_at timestamptz NOT NULL
);
