#!/usr/bin/env bash
# Cross-file checks (deploy/test/crossfile.mjs) on the rendered production and staging chart,
# then each check seen to fail on the defect it guards: the chart or the infrastructure files
# are broken the way the first production install broke, and the check must say so.
# Usage: crossfile.test.sh KEYS_FILE OUT_DIR   (KEYS_FILE: `store-service config keys`)
# Prints PASS/FAIL lines; exit 1 on any failure. Needs helm on PATH.
set -uo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chart="${deploy}/helm/store-platform"
keys="$1"
out="$2/crossfile"
rm -rf "${out}" && mkdir -p "${out}"
failed=0

render() { # render NAME ARGS...: the production blue colour + router, or staging with "staging"
    local name="$1"
    shift
    helm template store-platform-blue "${chart}" --namespace store-platform -f "${chart}/values-production.yaml" \
        --set blueGreen.role=colour --set blueGreen.colour=blue "$@" >"${out}/${name}-blue.yaml" 2>/dev/null &&
        helm template store-platform "${chart}" --namespace store-platform -f "${chart}/values-production.yaml" \
            --set blueGreen.role=router --set blueGreen.activeColour=blue "$@" >"${out}/${name}-router.yaml" 2>/dev/null
}
crossfile() { # crossfile NAME ARGS...
    local name="$1"
    shift
    node "${deploy}/test/crossfile.mjs" --keys "${keys}" --production "${out}/${name}-blue.yaml,${out}/${name}-router.yaml" "$@"
}

render good || { echo "FAIL helm template (production)"; exit 1; }
helm template store-platform "${chart}" --namespace store-platform-staging -f "${chart}/values-staging.yaml" \
    >"${out}/staging.yaml" 2>/dev/null || { echo "FAIL helm template (staging)"; exit 1; }
crossfile good --staging "${out}/staging.yaml" || failed=1

# copy_infra NAME: a scratch copy of deploy/infra to break.
copy_infra() { rm -rf "${out:?}/$1" && cp -r "${deploy}/infra" "${out}/$1"; }

# must_fail DESCRIPTION GROUP PATTERN NAME ARGS...: crossfile on a broken input fails in GROUP
# with a message matching PATTERN.
must_fail() {
    local description="$1" group="$2" pattern="$3" name="$4"
    shift 4
    local log="${out}/${name}.log"
    crossfile "${name}" --only "${group}" "$@" >"${log}" 2>&1
    if grep -q "^FAIL ${group}: .*${pattern}" "${log}"; then
        echo "PASS crossfile ${group} catches: ${description}"
    else
        echo "FAIL crossfile ${group} does not catch: ${description}"
        sed 's/^/    /' "${log}" | head -n 5
        failed=1
    fi
}

render unknown-env --set config.extraEnv.VAULT_KV_PATH=kv
must_fail "an environment variable the service does not know" env "VAULT_KV_PATH is no configuration key" unknown-env

render no-mount --set vault.kvMount=secret
must_fail "the chart's KV mount is not the one configure.sh enables" vault "enables no KV v2 mount secret" no-mount
copy_infra old-policy
sed -i 's#"store-platform/data/stores/+/credentials"#"kv/data/store-platform/stores/*"#' "${out}/old-policy/vault/store-service-policy.hcl"
must_fail "the policy grants per-store credentials under another layout" vault \
    "create store-platform/data/stores/S-0001/credentials is not granted" good --vault-dir "${out}/old-policy/vault"
copy_infra wrong-role
# shellcheck disable=SC2016 # the literal ${accounts} of configure.sh
sed -i 's#bound_service_account_names="${accounts}"#bound_service_account_names=store-platform#' "${out}/wrong-role/vault/configure.sh"
must_fail "the Vault role does not bind the colour's ServiceAccount" vault "does not bind ServiceAccount store-platform-blue" \
    good --vault-dir "${out}/wrong-role/vault"

render no-tls-db --set 'database.replicaUrls=postgresql://store-platform-postgresql-read.store-data.svc:5432/store?sslmode=require'
must_fail "sslmode=require towards a database without TLS" tls "store-platform-postgresql-read.store-data.svc (sslmode=require) is no CloudNativePG" no-tls-db
copy_infra plain-text
sed -i '/hostnossl all all all reject/d' "${out}/plain-text/postgresql/production.yaml"
must_fail "a database that still accepts plain text" tls "still accepts plain-text connections" good --clusters "${out}/plain-text/postgresql"

copy_infra no-trgm
sed -i '/CREATE EXTENSION IF NOT EXISTS pg_trgm/d' "${out}/no-trgm/postgresql/staging.yaml"
must_fail "a Cluster that does not create pg_trgm at bootstrap (migration 0005 needs it)" extensions \
    "store-data-staging/store-platform-db: 0005_scale.sql creates extension pg_trgm" good --clusters "${out}/no-trgm/postgresql"

sed 's#value: "/etc/store-service/vault-ca/ca.crt"#value: "/vault/tls/ca.crt"#' "${out}/good-blue.yaml" >"${out}/agent-ca-blue.yaml"
cp "${out}/good-router.yaml" "${out}/agent-ca-router.yaml"
must_fail "VAULT_CACERT pointing at the agent-only mount /vault/tls" files "VAULT_CACERT=/vault/tls/ca.crt is not mounted" agent-ca
render no-pg-ca --set database.tls.caSecret=
must_fail "sslrootcert with no CA mounted" files "sslrootcert /etc/store-service/postgresql-ca/ca.crt is not mounted" no-pg-ca

awk '/calls \/health\/ready through the Service/ {skip=5} skip > 0 {skip--; next} {print}' "${out}/good-blue.yaml" >"${out}/no-test-blue.yaml"
cp "${out}/good-router.yaml" "${out}/no-test-router.yaml"
must_fail "a NetworkPolicy without the helm test pod" network "helm test pod .* cannot reach" no-test
render no-scrape --set 'networkPolicy.monitoringNamespaceSelector.kubernetes\.io/metadata\.name=prometheus'
must_fail "a NetworkPolicy that lets no scrape in from the monitoring namespace" network "Prometheus scrape .* is blocked" no-scrape
render no-db-egress --set networkPolicy.egress.postgresql.port=5433
must_fail "a migration Job without egress to PostgreSQL" network "cannot reach PostgreSQL" no-db-egress

render no-proxies --set config.trustedProxies=
must_fail "no TRUSTED_PROXIES behind the Ingress" proxy "TRUSTED_PROXIES is empty behind the Ingress" no-proxies
render trust-all --set config.trustedProxies=0.0.0.0/0
must_fail "TRUSTED_PROXIES trusting every address" proxy "trusts everyone" trust-all

render big-pool --set database.poolSize=20
must_fail "a pool too large for both colours at their HPA maximum" budget "> max_connections 400" big-pool
copy_infra primary-only
sed -i '/max_connections:/d' "${out}/primary-only/postgresql/production.yaml"
must_fail "max_connections not set cluster-wide" budget "max_connections is not set in spec.postgresql.parameters" \
    good --clusters "${out}/primary-only/postgresql"
exit "${failed}"
