-- Failed-login counters shared by every replica (login throttling, docs/security.md).
-- key: "c:<client>", "a:<account>" or "ac:<client>|<account>"; a fixed window per row.
CREATE TABLE login_failures (
    key             TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL CHECK (failures >= 0),
    window_start_ms INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_failures_window_idx ON login_failures (window_start_ms);

-- Where an audited request came from (behind trusted proxies: the client, not the proxy).
ALTER TABLE audit_log ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
