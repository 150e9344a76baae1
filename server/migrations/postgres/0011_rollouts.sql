-- Rollouts: many stores provisioned or decommissioned in waves. The rollout's state is here so
-- that a restarted service, or another replica, carries on where it was; each store is one row
-- whose status changes in the same transaction as the run it starts.
CREATE TABLE rollouts (
    id                  text COLLATE "C" PRIMARY KEY,
    name                text NOT NULL,
    action              text NOT NULL,
    status              text NOT NULL,
    canary_size         bigint NOT NULL,
    batch_size          bigint NOT NULL,
    wait_seconds        bigint NOT NULL,
    pause_after_canary  boolean NOT NULL,
    max_failure_percent bigint NOT NULL,
    waves               bigint NOT NULL,
    current_wave        bigint NOT NULL,
    next_wave_at        timestamptz,
    halted_reason       text,
    canary_passed       boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    created_by          text NOT NULL,
    created_by_role     text NOT NULL,
    request_id          text NOT NULL DEFAULT '',
    updated_at          timestamptz NOT NULL,
    version             bigint NOT NULL
);
CREATE INDEX rollouts_created_idx ON rollouts (created_at, id);
CREATE INDEX rollouts_status_idx ON rollouts (status);

CREATE TABLE rollout_items (
    rollout_id  text COLLATE "C" NOT NULL REFERENCES rollouts (id) ON DELETE CASCADE,
    store_id    text COLLATE "C" NOT NULL,
    code        text NOT NULL,
    name        text NOT NULL,
    position    bigint NOT NULL,
    wave        bigint NOT NULL,
    status      text NOT NULL,
    run_id      text,
    attempts    bigint NOT NULL DEFAULT 0,
    error       text,
    started_at  timestamptz,
    finished_at timestamptz,
    PRIMARY KEY (rollout_id, store_id)
);
CREATE INDEX rollout_items_running_idx ON rollout_items (status, rollout_id);
