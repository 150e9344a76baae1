#!/usr/bin/env bash
# Installs the platform's infrastructure into an empty cluster, in dependency order:
#   namespaces -> ingress-nginx -> cert-manager (+ issuers) -> kube-prometheus-stack (CRDs the
#   app chart uses) -> prometheus-adapter -> PostgreSQL (primary + 2 replicas) -> Redis ->
#   Vault (3-node Raft, TLS) -> Vault init/unseal (by a human) -> Vault configuration.
# The application itself is installed afterwards with deploy/blue-green.sh (production) or
# helm (staging): docs/deployment.md.
#
# Usage: deploy/infra/install.sh [--dry-run] [--skip-vault-config]
#   --dry-run prints every command (prefixed "+ ") instead of running it; nothing is contacted.
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
readonly POSTGRESQL_VERSION=16.7.27
readonly REDIS_VERSION=21.2.14
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
run helm upgrade --install kube-prometheus-stack prometheus-community/kube-prometheus-stack \
    --version "${KUBE_PROMETHEUS_STACK_VERSION}" --namespace monitoring --wait \
    -f "${here}/kube-prometheus-stack-values.yaml"
run helm upgrade --install prometheus-adapter prometheus-community/prometheus-adapter \
    --version "${PROMETHEUS_ADAPTER_VERSION}" --namespace monitoring --wait \
    -f "${here}/prometheus-adapter-values.yaml"

step "PostgreSQL: primary + 2 streaming replicas"
random_secret store-data store-platform-postgresql postgres-password password replication-password
run helm upgrade --install store-platform-postgresql oci://registry-1.docker.io/bitnamicharts/postgresql \
    --version "${POSTGRESQL_VERSION}" --namespace store-data --wait -f "${here}/postgresql-values.yaml"

step "Redis"
random_secret store-data store-platform-redis redis-password
run helm upgrade --install store-platform-redis oci://registry-1.docker.io/bitnamicharts/redis \
    --version "${REDIS_VERSION}" --namespace store-data --wait -f "${here}/redis-values.yaml"

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
