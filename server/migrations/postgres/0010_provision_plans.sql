-- Plan before apply: what provisioning a store would do (its segments, devices, credentials
-- path, and what would fail), kept so that applying the plan takes exactly what it showed, or
-- is refused naming what changed. Plans expire after a day; a deleted draft takes its plans.
CREATE TABLE provision_plans (
    id            text COLLATE "C" PRIMARY KEY,
    store_id      text COLLATE "C" NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    store_version bigint NOT NULL,
    body          jsonb NOT NULL,
    created_at    timestamptz NOT NULL,
    created_by    text NOT NULL DEFAULT '',
    expires_ms    bigint NOT NULL
);
CREATE INDEX provision_plans_store_idx ON provision_plans (store_id);
CREATE INDEX provision_plans_expiry_idx ON provision_plans (expires_ms);
