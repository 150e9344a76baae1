#!/usr/bin/env bash
# Live alert test: Debian's Prometheus, loaded with deploy/prometheus/rules.yaml, scrapes a real
# store-service whose Redis is then stopped; the "redis" circuit breaker opens and the alert
# StoreCircuitBreakerOpen must go pending (the real rule, for: 1m) and firing. Everything runs
# on loopback, on free ports, with bounded waits, and is stopped on exit.
#
# Test-only settings, said plainly:
#   - scrape and evaluation every second (instead of 30 s / 1 m in the cluster);
#   - REDIS_BREAKER_OPEN_WAIT_MS=600000: once open, the breaker stays open for the test instead
#     of probing Redis again every 5 s (a scrape in a probe window would read half-open, 1);
#   - firing is shown by a COPY of the StoreCircuitBreakerOpen rule with `for: 5s` instead of 1m,
#     in its own group and labelled live_test="short-for"; deploy/prometheus/rules.yaml itself is
#     loaded unchanged (its alert must reach pending) and never rewritten.
# Prints PASS/FAIL/INFO lines; exit 1 on any failure.
# Usage: deploy/test/alert-live.test.sh /path/to/store-service

# The condition functions are called through wait_for.
# shellcheck disable=SC2317
set -uo pipefail

bin="${1:?usage: alert-live.test.sh STORE_SERVICE_BINARY}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rules="${deploy}/prometheus/rules.yaml"
alert=StoreCircuitBreakerOpen
tmp="$(mktemp -d)"
started=$(date +%s)
pids=()
status=0
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "${pid}" 2>/dev/null || true; wait "${pid}" 2>/dev/null || true; done
    rm -rf "${tmp}"
}
trap cleanup EXIT
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; status=1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_http() { # URL PID: until URL answers 2xx or PID dies, max ~15 s
    local _
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
for tool in prometheus redis-server jq curl python3; do
    command -v "${tool}" >/dev/null || { echo "FAIL live alert test: ${tool} not installed"; exit 1; }
done

# ---------------------------------------------------------------- Redis and the service
redis_port="$(free_port)"
redis-server --bind 127.0.0.1 --port "${redis_port}" --save '' --appendonly no \
    --daemonize no --logfile "${tmp}/redis.log" &
redis_pid=$!
pids+=("${redis_pid}")
for _ in $(seq 1 50); do
    [[ "$(redis-cli -p "${redis_port}" ping 2>/dev/null)" == PONG ]] && break
    sleep 0.1
done

port="$(free_port)"
password="alert-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "${tmp}/data"
env -i PATH="${PATH}" HOME="${tmp}" BOOTSTRAP_ADMIN_PASSWORD="${password}" \
    JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" LOG_LEVEL=warn \
    REDIS_URL="redis://127.0.0.1:${redis_port}/0" REDIS_TIMEOUT_MS=200 REDIS_BREAKER_OPEN_WAIT_MS=600000 \
    "${bin}" serve --port "${port}" --data-dir "${tmp}/data" >"${tmp}/service.log" 2>&1 &
service_pid=$!
pids+=("${service_pid}")
base="http://127.0.0.1:${port}"
if ! wait_http "${base}/health/ready" "${service_pid}"; then
    echo "FAIL live alert test: store-service with REDIS_URL did not start"
    tail -n 20 "${tmp}/service.log" | sed 's/^/    /'
    exit 1
fi
breaker_state() { # the scraped value of store_circuit_breaker_state{dependency="redis"}
    curl -fsS "${base}/metrics" | awk '/^store_circuit_breaker_state\{dependency="redis"\}/ {print $2}'
}
if [[ -z "$(breaker_state)" ]]; then
    echo "FAIL live alert test: /metrics has no store_circuit_breaker_state{dependency=\"redis\"} (REDIS_URL unsupported?)"
    exit 1
fi

# ---------------------------------------------------------------- Prometheus
prom_port="$(free_port)"
# The test copy: only the alert under test, `for:` shortened, labelled so it is never mistaken
# for the real rule.
python3 - "${rules}" "${alert}" >"${tmp}/short-for.yaml" <<'PY'
import sys, yaml
rules, name = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(rules))
rule = next(r for g in doc["groups"] for r in g["rules"] if r.get("alert") == name)
rule["for"] = "5s"
rule.setdefault("labels", {})["live_test"] = "short-for"
yaml.safe_dump({"groups": [{"name": "live-test.short-for", "rules": [rule]}]}, sys.stdout, sort_keys=False)
PY
cat >"${tmp}/prometheus.yml" <<YAML
global: {scrape_interval: 1s, evaluation_interval: 1s}
rule_files: [${rules}, ${tmp}/short-for.yaml]
scrape_configs:
  - job_name: store-service
    static_configs: [{targets: ["127.0.0.1:${port}"], labels: {namespace: live-test}}]
YAML
prometheus --config.file="${tmp}/prometheus.yml" --storage.tsdb.path="${tmp}/tsdb" \
    --web.listen-address="127.0.0.1:${prom_port}" --log.level=warn >"${tmp}/prometheus.log" 2>&1 &
prom_pid=$!
pids+=("${prom_pid}")
api="http://127.0.0.1:${prom_port}/api/v1"
if ! wait_http "http://127.0.0.1:${prom_port}/-/ready" "${prom_pid}"; then
    echo "FAIL live alert test: Prometheus did not start"
    tail -n 10 "${tmp}/prometheus.log" | sed 's/^/    /'
    exit 1
fi
# alert_state [LABEL_FILTER]: "pending", "firing" or "" for the alert of the redis breaker.
alert_state() {
    curl -fsS "${api}/alerts" 2>/dev/null | jq -r --arg a "${alert}" --arg t "${1:-real}" '
        [.data.alerts[] | select(.labels.alertname == $a and .labels.dependency == "redis"
            and (if $t == "real" then .labels.live_test == null else .labels.live_test == $t end))
        ][0].state // ""'
}
# wait_for SECONDS COMMAND...: polls COMMAND every 0.5 s.
wait_for() {
    local limit=$(( $1 * 2 )) _
    shift
    for _ in $(seq 1 "${limit}"); do "$@" && return 0; sleep 0.5; done
    return 1
}
scraped_closed() {
    [[ "$(curl -fsS "${api}/query" --data-urlencode \
        'query=store_circuit_breaker_state{dependency="redis",namespace="live-test"}' |
        jq -r '.data.result[0].value[1] // empty')" == 0 ]]
}
rules_evaluated() {
    [[ "$(curl -fsS "${api}/rules" | jq '[.data.groups[] | select(.lastEvaluation > "2000")] | length')" -ge 3 ]]
}
if wait_for 20 scraped_closed && wait_for 10 rules_evaluated && [[ -z "$(alert_state)" && -z "$(alert_state short-for)" ]]; then
    pass "live alert: Redis up, Prometheus scrapes the redis breaker closed (0), ${alert} inactive"
else
    fail "live alert: Redis up, Prometheus scrapes the redis breaker closed (0), ${alert} inactive"
    echo "    state=$(breaker_state) alert=$(alert_state)"
fi

# ---------------------------------------------------------------- the condition: Redis stops
login="$(jq -nc --arg p "${password}" '{username: "admin", password: $p, rememberMe: false}')"
token="$(curl -fsS -X POST "${base}/api/auth/login" -H 'content-type: application/json' --data "${login}" | jq -r .accessToken)"
store="$(jq -nc '{code: "ALR-000001", name: "Alert test store", type: "express",
  location: {address: "1 Alert St", city: "Testville", region: "TS", country: "US",
             postalCode: "00000", timezone: "America/New_York"}}')"
id="$(curl -fsS -X POST "${base}/api/stores" -H "authorization: Bearer ${token}" \
    -H 'content-type: application/json' --data "${store}" | jq -r '.id // empty')"
kill "${redis_pid}" && wait "${redis_pid}" 2>/dev/null
opened_at=$(date +%s)
# Reads go through the Redis cache: they now fail over to the database and count as failures.
breaker_opened() {
    local _
    for _ in $(seq 1 5); do
        curl -fsS -o /dev/null -H "authorization: Bearer ${token}" "${base}/api/stores/${id}" 2>/dev/null
        curl -fsS -o /dev/null -H "authorization: Bearer ${token}" "${base}/api/stores" 2>/dev/null
    done
    [[ "$(breaker_state)" == 2 ]] &&
        [[ "$(curl -sS -o /dev/null -w '%{http_code}' -H "authorization: Bearer ${token}" "${base}/api/stores/${id}")" == 200 ]]
}
if [[ -n "${id}" ]] && wait_for 20 breaker_opened; then
    pass "live alert: Redis stopped, the service's redis breaker opens (store_circuit_breaker_state 2) and reads still answer"
else
    fail "live alert: Redis stopped, the service's redis breaker opens (store_circuit_breaker_state 2) and reads still answer"
    echo "    store id '${id}', state $(breaker_state)"
    tail -n 5 "${tmp}/service.log" | sed 's/^/    /'
fi

real_pending() { [[ "$(alert_state)" == pending ]]; }
if wait_for 20 real_pending; then
    pass "live alert: ${alert} (deploy/prometheus/rules.yaml unchanged, for: 1m) is pending after $(( $(date +%s) - opened_at )) s"
else
    fail "live alert: ${alert} (deploy/prometheus/rules.yaml unchanged, for: 1m) is pending"
    curl -fsS "${api}/alerts" | jq -c '.data.alerts' | head -c 600 | sed 's/^/    /'
fi
copy_firing() { [[ "$(alert_state short-for)" == firing ]]; }
if wait_for 30 copy_firing; then
    labels="$(curl -fsS "${api}/alerts" | jq -r --arg a "${alert}" '[.data.alerts[] | select(.labels.alertname == $a and .labels.live_test != null)][0] |
        "severity=\(.labels.severity) namespace=\(.labels.namespace) runbook=\(.annotations.runbook_url | split("/") | last)"')"
    pass "live alert: ${alert} (test copy, for: 5s) is firing after $(( $(date +%s) - opened_at )) s (${labels})"
else
    fail "live alert: ${alert} (test copy, for: 5s) is firing"
    curl -fsS "${api}/alerts" | jq -c '.data.alerts' | head -c 600 | sed 's/^/    /'
fi
echo "INFO live alert test took $(( $(date +%s) - started )) s"
exit "${status}"
