-- Access that ends when it should (docs/security.md): a per-user session epoch carried in
-- access tokens, and automation tokens stored as the SHA-256 of their secret.
ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0;

CREATE TABLE api_tokens (
    id           text COLLATE "C" PRIMARY KEY,
    name         text NOT NULL,
    role         text NOT NULL,
    token_hash   text COLLATE "C" NOT NULL UNIQUE,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_active_idx ON api_tokens (created_at) WHERE revoked_at IS NULL;
