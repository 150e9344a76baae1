# Policy of store-service (and its migration Job), attached through the Kubernetes auth role
# "store-service" (deploy/infra/vault/configure.sh). One layout, the same in the chart
# (VAULT_KV_MOUNT=store-platform), the service and docs/vault.md:
#   database/creds/store-service                   dynamic PostgreSQL credentials (Vault Agent)
#   store-platform/data/service                    jwt_key (Vault Agent renders JWT_SECRET_FILE)
#   store-platform/data/stores/<id>/credentials    per-store credentials, version 1 (the service)
#   store-platform/data/stores/<id>/credentials/*  later versions (rotations: .../credentials/v<N>)
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

# Per-store credentials: written by the issue_credentials step (version 1) and by rotations
# (credentials/v<N>), read by admins through the API, removed (all KV versions and metadata) when
# released or revoked (CredentialService, revoke_credentials).
path "store-platform/data/stores/+/credentials" {
  capabilities = ["create", "read", "update"]
}
path "store-platform/metadata/stores/+/credentials" {
  capabilities = ["delete"]
}
path "store-platform/data/stores/+/credentials/*" {
  capabilities = ["create", "read", "update"]
}
path "store-platform/metadata/stores/+/credentials/*" {
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
