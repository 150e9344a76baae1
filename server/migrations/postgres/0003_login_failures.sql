-- Failed-login counters shared by every replica (login throttling, docs/security.md).
-- key: "c:<client>", "a:<account>" or "ac:<client>|<account>"; a fixed window per row.
CREATE TABLE login_failures (
    key             text   PRIMARY KEY,
    failures        integer NOT NULL CHECK (failures >= 0),
    window_start_ms bigint NOT NULL
);
CREATE INDEX login_failures_window_idx ON login_failures (window_start_ms);

-- Where an audited request came from (behind trusted proxies: the client, not the proxy).
ALTER TABLE audit_log ADD COLUMN client_address text NOT NULL DEFAULT '';
