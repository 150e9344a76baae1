-- Rollouts: many stores provisioned or decommissioned in waves. The rollout's state is here so
-- that a restarted service, or another replica, carries on where it was; each store is one row
-- whose status changes in the same transaction as the run it starts.
CREATE TABLE rollouts (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL,
    action              TEXT NOT NULL,
    status              TEXT NOT NULL,
    canary_size         INTEGER NOT NULL,
    batch_size          INTEGER NOT NULL,
    wait_seconds        INTEGER NOT NULL,
    pause_after_canary  INTEGER NOT NULL,
    max_failure_percent INTEGER NOT NULL,
    waves               INTEGER NOT NULL,
    current_wave        INTEGER NOT NULL,
    next_wave_at        TEXT,
    halted_reason       TEXT,
    canary_passed       INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    created_by_role     TEXT NOT NULL,
    request_id          TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL
);
CREATE INDEX rollouts_created_idx ON rollouts (created_at, id);
CREATE INDEX rollouts_status_idx ON rollouts (status);

CREATE TABLE rollout_items (
    rollout_id  TEXT NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    store_id    TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    wave        INTEGER NOT NULL,
    status      TEXT NOT NULL,
    run_id      TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    error       TEXT,
    started_at  TEXT,
    finished_at TEXT,
    PRIMARY KEY (rollout_id, store_id)
);
CREATE INDEX rollout_items_running_idx ON rollout_items (status, rollout_id);
