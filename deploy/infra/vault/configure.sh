#!/usr/bin/env bash
# Configures Vault for the store platform (run once after init/unseal, with a token allowed to
# manage auth methods, policies and secret engines; idempotent):
#   - KV v2 at store-platform/ with the JWT signing key (store-platform/service, field jwt_key);
#     the service writes per-store credentials under store-platform/stores/ (docs/vault.md),
#   - the database secrets engine issuing short-lived PostgreSQL roles for store-service,
#   - the Kubernetes auth method and the role "store-service" bound to the chart's
#     ServiceAccounts (colour releases and migration Jobs included) with the policy above.
# Usage: VAULT_ADDR=... VAULT_TOKEN=... deploy/infra/vault/configure.sh [--dry-run]
#   PG_HOST (default store-platform-db-rw.store-data.svc, the CloudNativePG primary),
#   PG_ADMIN_PASSWORD (the postgres password from the secret store-platform-db-superuser;
#   rotated by Vault afterwards), PG_CA_FILE (the cluster's CA, secret store-platform-db-ca),
#   NAMESPACES (default "store-platform": production only; staging runs without Vault and has
#   its own data tier).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dry_run=false
[[ "${1:-}" == --dry-run ]] && dry_run=true
pg_host="${PG_HOST:-store-platform-db-rw.store-data.svc}"
namespaces="${NAMESPACES:-store-platform}"
readonly KV_MOUNT=store-platform
run() {
    echo "+ $*"
    if ! ${dry_run}; then "$@"; fi
}

run vault secrets enable -path="${KV_MOUNT}" -version=2 kv || true
if ! ${dry_run} && vault kv get -mount="${KV_MOUNT}" service >/dev/null 2>&1; then
    echo "# JWT key exists; rotate it with docs/deployment.md 'Secrets rotation'"
else
    echo "+ vault kv put -mount=${KV_MOUNT} service jwt_key=<64 random bytes, base64>"
    ${dry_run} || vault kv put -mount="${KV_MOUNT}" service jwt_key="$(head -c 64 /dev/urandom | base64 -w0)" >/dev/null
fi

run vault secrets enable database || true
echo "+ vault write database/config/store-platform plugin_name=postgresql-database-plugin ..."
if ! ${dry_run}; then
    vault write database/config/store-platform \
        plugin_name=postgresql-database-plugin \
        allowed_roles=store-service \
        connection_url="postgresql://{{username}}:{{password}}@${pg_host}:5432/store?sslmode=verify-full&sslrootcert=${PG_CA_FILE:-/vault/userconfig/store-platform-db-ca/ca.crt}" \
        username=postgres password="${PG_ADMIN_PASSWORD:?PG_ADMIN_PASSWORD is required}"
    # Only Vault knows the admin password from now on.
    vault write -f database/rotate-root/store-platform
fi
# Objects belong to store_owner, so credentials can rotate without changing ownership.
run vault write database/roles/store-service db_name=store-platform \
    default_ttl=1h max_ttl=24h \
    "creation_statements=DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'store_owner') THEN CREATE ROLE store_owner NOLOGIN; END IF; END\$\$; GRANT ALL ON DATABASE store TO store_owner; GRANT ALL ON SCHEMA public TO store_owner; CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}' IN ROLE store_owner; ALTER ROLE \"{{name}}\" SET role = 'store_owner';" \
    "revocation_statements=REVOKE store_owner FROM \"{{name}}\"; DROP ROLE IF EXISTS \"{{name}}\";"

run vault policy write store-service "${here}/store-service-policy.hcl"
run vault auth enable kubernetes || true
run vault write auth/kubernetes/config kubernetes_host=https://kubernetes.default.svc:443

# ServiceAccounts of every release the chart installs: all-in-one (store-platform), the
# blue-green colours, and the migration Jobs' own accounts (<release>-migrate).
accounts="store-platform,store-platform-migrate,store-platform-blue,store-platform-blue-migrate,store-platform-green,store-platform-green-migrate"
run vault write auth/kubernetes/role/store-service \
    bound_service_account_names="${accounts}" \
    bound_service_account_namespaces="${namespaces// /,}" \
    policies=store-service token_ttl=1h token_max_ttl=24h
