-- Initial schema (SQLite). Times are UTC text "YYYY-MM-DDTHH:MM:SS.ffffffZ", which sorts like
-- the time; JSON columns are text; booleans are 0/1. schema_migrations is created by the
-- migration runner itself.

CREATE TABLE stores (
    id              TEXT    PRIMARY KEY,
    code            TEXT    NOT NULL UNIQUE,
    name            TEXT    NOT NULL,
    type            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    address         TEXT    NOT NULL DEFAULT '',
    city            TEXT    NOT NULL DEFAULT '',
    region          TEXT    NOT NULL DEFAULT '',
    country         TEXT    NOT NULL DEFAULT '',
    postal_code     TEXT    NOT NULL DEFAULT '',
    timezone        TEXT    NOT NULL DEFAULT '',
    latitude        REAL,
    longitude       REAL,
    opening_date    TEXT,                                  -- YYYY-MM-DD
    contact_manager TEXT    NOT NULL DEFAULT '',
    contact_email   TEXT    NOT NULL DEFAULT '',
    contact_phone   TEXT    NOT NULL DEFAULT '',
    tags            TEXT    NOT NULL DEFAULT '[]',         -- JSON array of strings
    notes           TEXT    NOT NULL DEFAULT '',
    hardware_plan   TEXT    NOT NULL DEFAULT '{}',         -- JSON object kind -> quantity
    network_plan    TEXT    NOT NULL DEFAULT '[]',         -- JSON array of segments
    version         INTEGER NOT NULL CHECK (version >= 1),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    created_by      TEXT    NOT NULL DEFAULT '',
    updated_by      TEXT    NOT NULL DEFAULT ''
);

-- Filters.
CREATE INDEX stores_status_idx  ON stores (status, code, id);
CREATE INDEX stores_type_idx    ON stores (type, code, id);
CREATE INDEX stores_region_idx  ON stores (region, code, id);
CREATE INDEX stores_country_idx ON stores (country, code, id);
-- Keyset order for every sort field: (sort column, id). code is UNIQUE already.
CREATE INDEX stores_name_idx         ON stores (name, id);
CREATE INDEX stores_city_idx         ON stores (city, id);
CREATE INDEX stores_created_at_idx   ON stores (created_at, id);
CREATE INDEX stores_updated_at_idx   ON stores (updated_at, id);
CREATE INDEX stores_opening_date_idx ON stores (coalesce(opening_date, ''), id);
-- Case-insensitive lookups for `q`.
CREATE INDEX stores_code_lower_idx ON stores (lower(code));
CREATE INDEX stores_name_lower_idx ON stores (lower(name));
CREATE INDEX stores_city_lower_idx ON stores (lower(city));

CREATE TABLE users (
    id            TEXT    PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    role          TEXT    NOT NULL,
    password_hash TEXT    NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash TEXT    PRIMARY KEY,
    user_id    TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL,
    remember   INTEGER NOT NULL DEFAULT 0 CHECK (remember IN (0, 1)),
    revoked    INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Append-only: `seq` orders entries written in the same microsecond.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    time        TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    entity_type TEXT    NOT NULL,
    entity_id   TEXT    NOT NULL,
    store_id    TEXT,
    request_id  TEXT    NOT NULL DEFAULT '',
    changes     TEXT    NOT NULL DEFAULT '[]'              -- JSON array of field changes
);
CREATE INDEX audit_log_store_time_idx ON audit_log (store_id, time DESC, seq DESC);
CREATE INDEX audit_log_time_idx       ON audit_log (time DESC, seq DESC);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
