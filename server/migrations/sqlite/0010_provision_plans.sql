-- Plan before apply: what provisioning a store would do (its segments, devices, credentials
-- path, and what would fail), kept so that applying the plan takes exactly what it showed, or
-- is refused naming what changed. Plans expire after a day; a deleted draft takes its plans.
CREATE TABLE provision_plans (
    id            TEXT PRIMARY KEY,
    store_id      TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    store_version INTEGER NOT NULL,
    body          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL DEFAULT '',
    expires_ms    INTEGER NOT NULL
);
CREATE INDEX provision_plans_store_idx ON provision_plans (store_id);
CREATE INDEX provision_plans_expiry_idx ON provision_plans (expires_ms);
