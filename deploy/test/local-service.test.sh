#!/usr/bin/env bash
# Checks against a real store-service started here (embedded SQLite in a temporary directory,
# free loopback ports, a known bootstrap admin password):
#   1. deploy/smoke.sh passes against it;
#   2. Debian's Prometheus scrapes it with deploy/prometheus/rules.yaml loaded, and every rule
#      group evaluates without error on the real metrics;
#   3. (information) which names of deploy/metrics-referenced.txt this SQLite service without
#      Redis, Vault or replicas does not export (the system suite requires all of them).
# Prints PASS/FAIL lines; exit 1 on any failure. Everything started here is stopped on exit.
# Usage: deploy/test/local-service.test.sh /path/to/store-service
set -uo pipefail

bin="${1:?usage: local-service.test.sh STORE_SERVICE_BINARY}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
pids=()
status=0
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; wait "${pid}" 2>/dev/null || true; done
    rm -rf "${tmp}"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_http URL PID: polls until URL answers 2xx or PID dies (no fixed sleeps), max ~10 s.
wait_http() {
    local _
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

port="$(free_port)"
password="smoke-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "${tmp}/data"
head -c 48 /dev/urandom | base64 -w0 >"${tmp}/jwt-key"
env -i PATH="${PATH}" HOME="${tmp}" BOOTSTRAP_ADMIN_PASSWORD="${password}" \
    JWT_SECRET_FILE="${tmp}/jwt-key" LOG_LEVEL=warn \
    "${bin}" serve --port "${port}" --data-dir "${tmp}/data" >"${tmp}/service.log" 2>&1 &
service_pid=$!
pids+=("${service_pid}")
if ! wait_http "http://127.0.0.1:${port}/health" "${service_pid}"; then
    echo "FAIL local store-service did not start"
    tail -n 20 "${tmp}/service.log" | sed 's/^/    /'
    exit 1
fi

if SMOKE_USER=admin SMOKE_PASSWORD="${password}" "${deploy}/smoke.sh" "http://127.0.0.1:${port}" >"${tmp}/smoke.log" 2>&1; then
    echo "PASS smoke.sh against a local store-service"
else
    echo "FAIL smoke.sh against a local store-service"
    sed 's/^/    /' "${tmp}/smoke.log"
    kill -0 "${service_pid}" 2>/dev/null || { echo "    store-service died:"; tail -n 5 "${tmp}/service.log" | sed 's/^/    /'; }
    status=1
fi

if kill -0 "${service_pid}" 2>/dev/null && command -v prometheus >/dev/null; then
    prom_port="$(free_port)"
    cp "${deploy}/prometheus/rules.yaml" "${tmp}/rules.yaml"
    cat >"${tmp}/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [${tmp}/rules.yaml]
scrape_configs:
  - job_name: store-service
    static_configs: [{targets: ["127.0.0.1:${port}"], labels: {namespace: local}}]
YAML
    prometheus --config.file="${tmp}/prometheus.yml" --storage.tsdb.path="${tmp}/tsdb" \
        --web.listen-address="127.0.0.1:${prom_port}" --log.level=warn >"${tmp}/prometheus.log" 2>&1 &
    prom_pid=$!
    pids+=("${prom_pid}")
    api="http://127.0.0.1:${prom_port}/api/v1"
    ok=false
    if wait_http "http://127.0.0.1:${prom_port}/-/ready" "${prom_pid}"; then
        # Generate some traffic, then wait until the target is up and every group evaluated.
        for _ in $(seq 1 20); do curl -fsS -o /dev/null "http://127.0.0.1:${port}/health/ready"; done
        for _ in $(seq 1 100); do
            up="$(curl -fsS "${api}/query?query=up" | jq -r '.data.result[0].value[1] // empty')"
            evaluated="$(curl -fsS "${api}/rules" | jq '[.data.groups[] | select(.lastEvaluation > "2000")] | length')"
            groups="$(curl -fsS "${api}/rules" | jq '.data.groups | length')"
            if [[ "${up}" == 1 && "${evaluated}" == "${groups}" && "${groups}" -gt 0 ]]; then ok=true; break; fi
            sleep 0.1
        done
    fi
    bad="$(curl -fsS "${api}/rules" 2>/dev/null | jq -r '.data.groups[].rules[] | select(.health != "ok") | "\(.name): \(.lastError)"')"
    if ${ok} && [[ -z "${bad}" ]]; then
        echo "PASS Prometheus scrapes the local service and evaluates every rule without error"
    else
        echo "FAIL Prometheus scrapes the local service and evaluates every rule without error"
        echo "    up=${up:-?} groups evaluated ${evaluated:-?}/${groups:-?} ${bad}" | sed 's/^/    /'
        tail -n 5 "${tmp}/prometheus.log" | sed 's/^/    /'
        status=1
    fi
fi

if kill -0 "${service_pid}" 2>/dev/null; then
    exported="$(curl -fsS "http://127.0.0.1:${port}/metrics" | grep -v '^#' | sed -E 's/[{ ].*//' | sort -u)"
    missing="$(grep -v '^#' "${deploy}/metrics-referenced.txt" | grep -vxF -f <(echo "${exported}") | tr '\n' ' ')"
    echo "INFO metrics referenced by deploy/ that this SQLite-only service does not export: ${missing:-none}"
fi
exit "${status}"
