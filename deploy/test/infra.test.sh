#!/usr/bin/env bash
# deploy/infra/install.sh --dry-run: every step appears, in dependency order, with pinned chart
# versions; the manifests it applies are valid (Kubernetes 1.30 + cert-manager schemas, and the
# CloudNativePG Cluster/ScheduledBackup against the pinned operator's CRD schema).
set -euo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
plan="$("${deploy}/infra/install.sh" --dry-run)"

order=(
    "kubectl apply -f ${deploy}/infra/namespaces.yaml"
    "helm upgrade --install ingress-nginx "
    "helm upgrade --install cert-manager "
    "kubectl apply -f ${deploy}/infra/cert-manager-issuers.yaml"
    "helm upgrade --install kube-prometheus-stack "
    "helm upgrade --install prometheus-adapter "
    "helm upgrade --install cnpg "
    "kubectl apply -f ${deploy}/infra/postgresql/production.yaml"
    "kubectl apply -f ${deploy}/infra/postgresql/staging.yaml"
    "create secret generic store-platform-postgresql-ca "
    "create secret generic store-platform-db-ca "
    "apply -f ${deploy}/infra/redis.yaml (environment production)"
    "apply -f ${deploy}/infra/redis.yaml (environment staging)"
    "create secret generic store-platform-redis-url "
    "create secret generic store-platform-credentials "
    "kubectl apply -f ${deploy}/infra/vault-tls.yaml"
    "helm upgrade --install vault "
    "create secret generic vault-tls "
    "vault operator init"
    "vault policy write store-service "
    "vault write auth/kubernetes/role/store-service "
)
last=0
for want in "${order[@]}"; do
    line="$(grep -nF -- "${want}" <<<"${plan}" | head -1 | cut -d: -f1)"
    [[ -n "${line}" ]] || { echo "missing step: ${want}"; exit 1; }
    [[ "${line}" -gt "${last}" ]] || { echo "out of order: ${want} (line ${line} after ${last})"; exit 1; }
    last="${line}"
done
# Every helm install pins a version.
if grep -E '^\+ helm upgrade --install' <<<"${plan}" | grep -v -- '--version [0-9v]'; then
    echo "helm install without a pinned --version"
    exit 1
fi
# The Vault role binds every ServiceAccount the chart can create.
for sa in store-platform store-platform-migrate store-platform-blue store-platform-blue-migrate \
          store-platform-green store-platform-green-migrate; do
    grep -q "bound_service_account_names=.*\b${sa}\b" <<<"${plan}" || { echo "Vault role misses ${sa}"; exit 1; }
done
# The CloudNativePG chart pin and the operator whose CRD schemas validate.mjs checks against go
# together. Chart -> operator (appVersion of charts/cloudnative-pg/Chart.yaml at the chart's tag
# in github.com/cloudnative-pg/charts; 0.26.0: tag cloudnative-pg-v0.26.0, commit 0dcefbe).
declare -A cnpg_operator=([0.26.0]=1.27.0)
cnpg_chart="$(sed -n 's/^readonly CLOUDNATIVE_PG_VERSION=//p' "${deploy}/infra/install.sh")"
operator="${cnpg_operator[${cnpg_chart}]:-}"
[[ -n "${operator}" ]] || { echo "CloudNativePG chart ${cnpg_chart}: which operator? add it (Chart.yaml appVersion) and its CRD fixtures"; exit 1; }
if ! grep -q "dir: \"cloudnative-pg-${operator}\"" "${deploy}/test/validate.mjs" ||
   [[ ! -d "${deploy}/test/fixtures/cloudnative-pg-${operator}" ]]; then
    echo "chart ${cnpg_chart} installs operator ${operator}, but validate.mjs does not check against its CRDs"
    exit 1
fi
sed 's/__ENVIRONMENT__/production/' "${deploy}/infra/redis.yaml" >"${TMPDIR:-/tmp}/redis-production.yaml"
node "${deploy}/test/validate.mjs" "${deploy}/infra/namespaces.yaml" \
    "${deploy}/infra/cert-manager-issuers.yaml" "${deploy}/infra/vault-tls.yaml" \
    "${TMPDIR:-/tmp}/redis-production.yaml" \
    "${deploy}/infra/postgresql/production.yaml" "${deploy}/infra/postgresql/staging.yaml"
# The CloudNativePG check is seen to fail: a misspelt field, a wrong type, a value out of its enum,
# the bootstrap SQL under a wrong name.
wrong="${TMPDIR:-/tmp}/cnpg-wrong-$$.yaml"
trap 'rm -f "${wrong}"' EXIT
for edit in 's/^  instances: 3/  instance: 3/' \
            's/enablePodAntiAffinity: true/enablePodAntiAffinity: "yes"/' \
            's/      method: any/      method: some/' \
            's/      postInitApplicationSQL:/      postInitApplicationSql:/'; do
    sed "${edit}" "${deploy}/infra/postgresql/production.yaml" >"${wrong}"
    if cmp -s "${wrong}" "${deploy}/infra/postgresql/production.yaml"; then
        echo "the edit ${edit} changed nothing: the negative check is stale"
        exit 1
    fi
    if out="$(node "${deploy}/test/validate.mjs" "${wrong}")"; then
        echo "the CloudNativePG Cluster passed validation after ${edit}: ${out}"
        exit 1
    fi
    grep -q 'Cluster/store-platform-db: .*\(unknown field\|must be\)' <<<"${out}" ||
        { echo "unexpected answer after ${edit}: ${out}"; exit 1; }
done
echo "install plan: ${#order[@]} steps in order"
