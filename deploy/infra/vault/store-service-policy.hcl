# Policy of store-service (and its migration Job), attached through the Kubernetes auth role
# "store-service" (deploy/infra/vault/configure.sh). One layout, the same in the chart
# (VAULT_KV_MOUNT=store-platform), the service and docs/vault.md:
#   database/creds/store-service                   dynamic PostgreSQL credentials (Vault Agent)
#   store-platform/data/service                    jwt_key (Vault Agent renders JWT_SECRET_FILE)
#   store-platform/data/stores/<id>/credentials    per-store credentials (the service)
# deploy/test/vault-paths.mjs checks every path the rendered chart and the service use against
# this file.

# Dynamic PostgreSQL credentials (Vault Agent renders DATABASE_URL_FILE from these).
path "database/creds/store-service" {
  capabilities = ["read"]
}

# JWT signing key (field jwt_key), rendered by the agent into JWT_SECRET_FILE.
path "store-platform/data/service" {
  capabilities = ["read"]
}

# Per-store credentials: written by the issue_credentials step, read by admins through the API,
# removed (all versions and metadata) by revoke_credentials.
path "store-platform/data/stores/+/credentials" {
  capabilities = ["create", "read", "update"]
}
path "store-platform/metadata/stores/+/credentials" {
  capabilities = ["delete"]
}

# The service's token: lookup at start, renewal before expiry; the agent renews its leases.
path "auth/token/lookup-self" {
  capabilities = ["read"]
}
path "auth/token/renew-self" {
  capabilities = ["update"]
}
path "sys/leases/renew" {
  capabilities = ["update"]
}
