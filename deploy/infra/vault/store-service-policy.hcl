# Policy of store-service (and its migration Job), attached through the Kubernetes auth role
# "store-service". Read-only: dynamic database credentials, the JWT key, and the per-store
# secrets the provisioning workflow writes under its own prefix.

# Dynamic PostgreSQL credentials (Vault Agent renders DATABASE_URL_FILE from these).
path "database/creds/store-service" {
  capabilities = ["read"]
}

# JWT signing key (JWT_SECRET_FILE).
path "kv/data/store-platform/jwt" {
  capabilities = ["read"]
}

# Per-store credentials issued by the issue_credentials provisioning step.
path "kv/data/store-platform/stores/*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "kv/metadata/store-platform/stores/*" {
  capabilities = ["read", "list", "delete"]
}

# Let the agent renew its own token and leases.
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "sys/leases/renew" {
  capabilities = ["update"]
}
