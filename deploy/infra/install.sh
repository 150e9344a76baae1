#!/usr/bin/env bash
# Installs the platform's infrastructure into an empty cluster, in dependency order:
#   namespaces -> ingress-nginx -> cert-manager (+ issuers) -> kube-prometheus-stack (CRDs the
#   app chart uses) -> prometheus-adapter -> CloudNativePG operator -> PostgreSQL clusters
#   (production: 3 instances in store-data; staging: 2 in store-data-staging; TLS, automatic
#   failover) -> Redis (one per environment) -> Vault (3-node Raft, TLS) -> Vault init/unseal
#   (by a human) -> Vault configuration.
# The application itself is installed afterwards with deploy/blue-green.sh (production) or
# helm (staging): docs/deployment.md.
#
# Usage: deploy/infra/install.sh [--dry-run] [--skip-vault-config]
#   --dry-run prints every command (prefixed "+ ") instead of running it; nothing is contacted.
#   Environment (not with --dry-run): PAGERDUTY_ROUTING_KEY, SLACK_WEBHOOK_URL, DEADMANSSWITCH_URL
#   (Alertmanager's receivers).
# Chart versions are pinned below; bump them deliberately.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dry_run=false
vault_config=true
for arg in "$@"; do
    case "${arg}" in
        --dry-run) dry_run=true ;;
        --skip-vault-config) vault_config=false ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "install: unknown argument ${arg}" >&2; exit 2 ;;
    esac
done

readonly INGRESS_NGINX_VERSION=4.12.1
readonly CERT_MANAGER_VERSION=v1.17.2
readonly KUBE_PROMETHEUS_STACK_VERSION=75.15.1
readonly PROMETHEUS_ADAPTER_VERSION=4.14.1
# CloudNativePG operator chart 0.26.0 = operator 1.27.0 (the PostgreSQL image is pinned in
# deploy/infra/postgresql/*.yaml, Redis in deploy/infra/redis.yaml). Source: the chart's
# Chart.yaml at tag cloudnative-pg-v0.26.0 of github.com/cloudnative-pg/charts (commit 0dcefbe,
# 2025-08-13): version "0.26.0", appVersion "1.27.0"; the operator image's tag defaults to the
# appVersion, and the chart's CRDs (templates/crds/crds.yaml) carry the same Cluster and
# ScheduledBackup schemas as operator v1.27.0's, the fixtures deploy/test/validate.mjs checks
# against (deploy/test/fixtures/cloudnative-pg-1.27.0). 0.26.1 would be operator 1.27.1.
# Bump both together: infra.test.sh checks this pin against the fixtures' directory.
readonly CLOUDNATIVE_PG_VERSION=0.26.0
readonly VAULT_VERSION=0.29.1
readonly APP_NAMESPACES=(store-platform store-platform-staging)

run() {
    echo "+ $*"
    if ! ${dry_run}; then "$@"; fi
}
step() { echo "# ---- $*"; }

# random_secret NAMESPACE NAME KEY...: creates a Secret with random values once; keeps it after.
random_secret() {
    local ns="$1" name="$2"
    shift 2
    if ! ${dry_run} && kubectl -n "${ns}" get secret "${name}" >/dev/null 2>&1; then
        echo "# secret ${ns}/${name} exists, kept"
        return
    fi
    local args=() key
    for key in "$@"; do args+=("--from-literal=${key}=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"); done
    echo "+ kubectl -n ${ns} create secret generic ${name}$(printf ' --from-literal=%s=<random>' "$@")"
    ${dry_run} || kubectl -n "${ns}" create secret generic "${name}" "${args[@]}" >/dev/null
}

step "namespaces"
run kubectl apply -f "${here}/namespaces.yaml"

step "chart repositories"
run helm repo add ingress-nginx https://kubernetes.github.io/ingress-nginx
run helm repo add jetstack https://charts.jetstack.io
run helm repo add prometheus-community https://prometheus-community.github.io/helm-charts
run helm repo add hashicorp https://helm.releases.hashicorp.com
run helm repo add cnpg https://cloudnative-pg.github.io/charts
run helm repo update

step "ingress controller"
run helm upgrade --install ingress-nginx ingress-nginx/ingress-nginx --version "${INGRESS_NGINX_VERSION}" \
    --namespace ingress-nginx --create-namespace --wait \
    --set controller.metrics.enabled=true --set controller.metrics.serviceMonitor.enabled=false \
    --set controller.config.hsts=true --set controller.replicaCount=2

step "cert-manager and issuers"
run helm upgrade --install cert-manager jetstack/cert-manager --version "${CERT_MANAGER_VERSION}" \
    --namespace cert-manager --create-namespace --wait --set crds.enabled=true
run kubectl apply -f "${here}/cert-manager-issuers.yaml"

step "monitoring (CRDs for ServiceMonitor and PrometheusRule come with it)"
# Alertmanager's receivers (kube-prometheus-stack-values.yaml) read their credentials from this.
echo "+ kubectl -n monitoring create secret generic alertmanager-receivers --from-literal=pagerduty-routing-key=<PAGERDUTY_ROUTING_KEY> --from-literal=slack-webhook-url=<SLACK_WEBHOOK_URL> --from-literal=deadmansswitch-url=<DEADMANSSWITCH_URL>"
if ! ${dry_run}; then
    kubectl -n monitoring create secret generic alertmanager-receivers \
        --from-literal=pagerduty-routing-key="${PAGERDUTY_ROUTING_KEY:?PAGERDUTY_ROUTING_KEY is required}" \
        --from-literal=slack-webhook-url="${SLACK_WEBHOOK_URL:?SLACK_WEBHOOK_URL is required}" \
        --from-literal=deadmansswitch-url="${DEADMANSSWITCH_URL:?DEADMANSSWITCH_URL is required}" \
        --dry-run=client -o yaml | kubectl apply -f -
fi
run helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
    --version "${KUBE_PROMETHEUS_STACK_VERSION}" --namespace monitoring --wait \
    -f "${here}/kube-prometheus-stack-values.yaml"
run helm upgrade --install prometheus-adapter prometheus-community/prometheus-adapter \
    --version "${PROMETHEUS_ADAPTER_VERSION}" --namespace monitoring --wait \
    -f "${here}/prometheus-adapter-values.yaml"

step "PostgreSQL: CloudNativePG operator, then one cluster per environment"
run helm upgrade --install cnpg cnpg/cloudnative-pg --version "${CLOUDNATIVE_PG_VERSION}" \
    --namespace cnpg-system --wait
run kubectl apply -f "${here}/postgresql/production.yaml"
run kubectl apply -f "${here}/postgresql/staging.yaml"
run kubectl -n store-data wait cluster/store-platform-db --for=condition=Ready --timeout=15m
run kubectl -n store-data-staging wait cluster/store-platform-db --for=condition=Ready --timeout=15m

# copy_ca FROM_NS FROM_SECRET TO_NS TO_SECRET: ca.crt of one namespace's Secret into another.
copy_ca() {
    echo "+ kubectl -n $3 create secret generic $4 --from-file=ca.crt=<$1/$2 ca.crt>"
    ${dry_run} && return
    kubectl -n "$1" get secret "$2" -o jsonpath='{.data.ca\.crt}' | base64 -d >"${TMPDIR:-/tmp}/ca.crt"
    kubectl -n "$3" create secret generic "$4" --from-file=ca.crt="${TMPDIR:-/tmp}/ca.crt" \
        --dry-run=client -o yaml | kubectl apply -f -
    rm -f "${TMPDIR:-/tmp}/ca.crt"
}
# The clusters' CAs: the service verifies the server certificate (sslmode=verify-full), and so
# does Vault's database engine (production).
copy_ca store-data store-platform-db-ca store-platform store-platform-postgresql-ca
copy_ca store-data store-platform-db-ca vault store-platform-db-ca
copy_ca store-data-staging store-platform-db-ca store-platform-staging store-platform-postgresql-ca

step "Redis: one per environment, with a password"
for env in production staging; do
    data_ns=store-data
    [[ ${env} == staging ]] && data_ns=store-data-staging
    random_secret "${data_ns}" store-platform-redis redis-password
    echo "+ kubectl -n ${data_ns} apply -f ${here}/redis.yaml (environment ${env})"
    ${dry_run} || sed "s/__ENVIRONMENT__/${env}/" "${here}/redis.yaml" | kubectl -n "${data_ns}" apply -f -
done
# Production's REDIS_URL (the chart reads it from this Secret).
echo "+ kubectl -n store-platform create secret generic store-platform-redis-url --from-literal=redis-url=<redis://:password@store-platform-redis.store-data.svc:6379/0>"
if ! ${dry_run}; then
    password="$(kubectl -n store-data get secret store-platform-redis -o jsonpath='{.data.redis-password}' | base64 -d)"
    kubectl -n store-platform create secret generic store-platform-redis-url \
        --from-literal=redis-url="redis://:${password}@store-platform-redis.store-data.svc:6379/0" \
        --dry-run=client -o yaml | kubectl apply -f -
fi
# Staging (no Vault): one Secret with the database URL (the cluster's owner), REDIS_URL, the JWT
# key and the bootstrap admin password, all from staging's own data tier.
echo "+ kubectl -n store-platform-staging create secret generic store-platform-credentials --from-literal=database-url=<...store-platform-db-rw.store-data-staging.svc...> --from-literal=redis-url=<...> --from-literal=jwt-key=<random> --from-literal=bootstrap-admin-password=<random>"
if ! ${dry_run} && ! kubectl -n store-platform-staging get secret store-platform-credentials >/dev/null 2>&1; then
    db_password="$(kubectl -n store-data-staging get secret store-platform-db-app -o jsonpath='{.data.password}' | base64 -d)"
    redis_password="$(kubectl -n store-data-staging get secret store-platform-redis -o jsonpath='{.data.redis-password}' | base64 -d)"
    kubectl -n store-platform-staging create secret generic store-platform-credentials \
        --from-literal=database-url="postgresql://store:${db_password}@store-platform-db-rw.store-data-staging.svc:5432/store?sslmode=verify-full&sslrootcert=/etc/store-service/postgresql-ca/ca.crt" \
        --from-literal=redis-url="redis://:${redis_password}@store-platform-redis.store-data-staging.svc:6379/0" \
        --from-literal=jwt-key="$(head -c 48 /dev/urandom | base64 -w0)" \
        --from-literal=bootstrap-admin-password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')" >/dev/null
fi

step "Vault: TLS, 3-node Raft cluster, Agent injector"
run kubectl apply -f "${here}/vault-tls.yaml"
run kubectl -n vault wait certificate/vault-tls --for=condition=Ready --timeout=2m
run helm upgrade --install vault hashicorp/vault --version "${VAULT_VERSION}" \
    --namespace vault -f "${here}/vault-values.yaml"
for ns in "${APP_NAMESPACES[@]}"; do
    echo "+ kubectl -n ${ns} create secret generic vault-tls --from-file=ca.crt=<vault/vault-tls ca.crt>"
    if ! ${dry_run}; then
        kubectl -n vault get secret vault-tls -o jsonpath='{.data.ca\.crt}' | base64 -d >"${TMPDIR:-/tmp}/vault-ca.crt"
        kubectl -n "${ns}" create secret generic vault-tls --from-file=ca.crt="${TMPDIR:-/tmp}/vault-ca.crt" \
            --dry-run=client -o yaml | kubectl apply -f -
        rm -f "${TMPDIR:-/tmp}/vault-ca.crt"
    fi
done

step "Vault initialisation (once, by a person: the unseal keys must never land in a log)"
cat <<'TEXT'
#   kubectl -n vault exec -ti vault-0 -- vault operator init -key-shares=5 -key-threshold=3
#   (store the 5 keys and the root token in the team's offline secret store)
#   for pod in vault-0 vault-1 vault-2; do
#     kubectl -n vault exec -ti $pod -- vault operator unseal   # 3 times, 3 different keys
#   done
#   kubectl -n vault exec vault-0 -- vault operator raft list-peers   # 3 voters
TEXT

if ${vault_config}; then
    step "Vault configuration (policies, Kubernetes auth role, database and KV engines)"
    if ${dry_run}; then
        "${here}/vault/configure.sh" --dry-run
    else
        echo "# now run, with VAULT_ADDR (port-forward svc/vault 8200), VAULT_TOKEN and PG_ADMIN_PASSWORD set:"
        echo "#   ${here}/vault/configure.sh"
    fi
fi
step "done: install the application (docs/deployment.md, 'Install the application')"
