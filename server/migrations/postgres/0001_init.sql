-- Initial schema (PostgreSQL). Sortable text columns use COLLATE "C" so that the order (and
-- therefore keyset pagination) is byte-wise and identical to SQLite's, whatever the database
-- locale. schema_migrations is created by the migration runner itself.

CREATE TABLE stores (
    id              text COLLATE "C" PRIMARY KEY,
    code            text COLLATE "C" NOT NULL UNIQUE,
    name            text COLLATE "C" NOT NULL,
    type            text COLLATE "C" NOT NULL,
    status          text COLLATE "C" NOT NULL,
    address         text NOT NULL DEFAULT '',
    city            text COLLATE "C" NOT NULL DEFAULT '',
    region          text COLLATE "C" NOT NULL DEFAULT '',
    country         text COLLATE "C" NOT NULL DEFAULT '',
    postal_code     text NOT NULL DEFAULT '',
    timezone        text NOT NULL DEFAULT '',
    latitude        double precision,
    longitude       double precision,
    opening_date    text COLLATE "C",                       -- YYYY-MM-DD
    contact_manager text NOT NULL DEFAULT '',
    contact_email   text NOT NULL DEFAULT '',
    contact_phone   text NOT NULL DEFAULT '',
    tags            jsonb NOT NULL DEFAULT '[]',
    notes           text NOT NULL DEFAULT '',
    hardware_plan   jsonb NOT NULL DEFAULT '{}',
    network_plan    jsonb NOT NULL DEFAULT '[]',
    version         bigint NOT NULL CHECK (version >= 1),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    created_by      text NOT NULL DEFAULT '',
    updated_by      text NOT NULL DEFAULT ''
);

-- Filters.
CREATE INDEX stores_status_idx  ON stores (status, code, id);
CREATE INDEX stores_type_idx    ON stores (type, code, id);
CREATE INDEX stores_region_idx  ON stores (region, code, id);
CREATE INDEX stores_country_idx ON stores (country, code, id);
CREATE INDEX stores_tags_idx    ON stores USING gin (tags jsonb_path_ops);
-- Keyset order for every sort field: (sort column, id). code is UNIQUE already.
CREATE INDEX stores_name_idx         ON stores (name, id);
CREATE INDEX stores_city_idx         ON stores (city, id);
CREATE INDEX stores_created_at_idx   ON stores (created_at, id);
CREATE INDEX stores_updated_at_idx   ON stores (updated_at, id);
CREATE INDEX stores_opening_date_idx ON stores ((coalesce(opening_date, '')), id);
-- Case-insensitive lookups for `q`.
CREATE INDEX stores_code_lower_idx ON stores (lower(code));
CREATE INDEX stores_name_lower_idx ON stores (lower(name));
CREATE INDEX stores_city_lower_idx ON stores (lower(city));

CREATE TABLE users (
    id            text COLLATE "C" PRIMARY KEY,
    username      text COLLATE "C" NOT NULL UNIQUE,
    role          text NOT NULL,
    password_hash text NOT NULL,
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    user_id    text COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    remember   boolean NOT NULL DEFAULT false,
    revoked    boolean NOT NULL DEFAULT false
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Append-only: `seq` orders entries written in the same microsecond.
CREATE TABLE audit_log (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text NOT NULL UNIQUE,
    time        timestamptz NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text NOT NULL,
    store_id    text,
    request_id  text NOT NULL DEFAULT '',
    changes     jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_log_store_time_idx ON audit_log (store_id, time DESC, seq DESC);
CREATE INDEX audit_log_time_idx       ON audit_log (time DESC, seq DESC);

CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
