#!/usr/bin/env bash
# The load test of the original roadmap, run here with `hey` instead of k6 (deploy/k6/load-test.js
# is the same scenario for real clusters): a constant arrival rate of RATE requests/s (default
# 1000) for DURATION seconds (default 60; the seed's bar is 300) with the dashboard's mix —
# 70 % store list pages, 20 % stats, 10 % readiness — against one local service (SQLite,
# BENCH_STORES seeded stores). Prints p50/p95/p99 and errors per request kind, and whether the
# seed's thresholds hold (p95 < 500 ms, errors < 1 %). Loopback only, bounded in time.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${RATE:-1000}
DURATION=${DURATION:-60}
STORES=${BENCH_STORES:-2000}
BIN=${STORE_SERVICE_BIN:-build/release/store-service}
work=$(mktemp -d)
svc_pid=""
cleanup() {
  [ -n "$svc_pid" ] && kill "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
command -v hey >/dev/null || { echo "seed-scenario: hey is not installed (make deps)" >&2; exit 1; }

password="bench-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
BOOTSTRAP_ADMIN_PASSWORD=$password RATE_LIMIT_RPS=0 ACCESS_LOG=false \
  "$BIN" serve --port 0 --data-dir "$work/data" >"$work/service.log" 2>&1 &
svc_pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(grep -m1 '"msg":"listening"' "$work/service.log" | sed -E 's/.*"port":([0-9]+).*/\1/' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/service.log"; exit 1; }
base="http://127.0.0.1:$port"
token=$(curl -sf "$base/api/auth/login" -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
node bench/seed.mjs "$base" "$token" "$work/seed" "$STORES" >/dev/null

# hey's -q is per worker: split each kind's share of RATE over a few workers.
run() {  # name url share(0-1) [auth]
  local name=$1 url=$2 share=$3 auth=${4:-yes}
  local rate workers per
  rate=$(awk -v r="$RATE" -v s="$share" 'BEGIN{printf "%d", r*s}')
  workers=$(( rate >= 100 ? rate / 50 : 2 ))
  per=$(( rate / workers ))
  local args=(-z "${DURATION}s" -c "$workers" -q "$per" -t 10)
  [ "$auth" = yes ] && args+=(-H "Authorization: Bearer $token")
  hey "${args[@]}" "$url" >"$work/$name.txt" 2>&1
}
start=$(date +%s)
run list "$base/api/stores?page=1&pageSize=100" 0.7 &
list_pid=$!
run stats "$base/api/stats" 0.2 &
stats_pid=$!
run ready "$base/health/ready" 0.1 no &
ready_pid=$!
wait "$list_pid" "$stats_pid" "$ready_pid"  # not the service, also a child of this shell
elapsed=$(( $(date +%s) - start ))

echo "Seed scenario: $RATE req/s offered for ${DURATION}s (${elapsed}s wall), $STORES stores, SQLite"
printf '%-8s %10s %9s %9s %9s %8s\n' kind requests p50_ms p95_ms p99_ms errors
total=0; errors=0; worst_p95=0
for name in list stats ready; do
  f="$work/$name.txt"
  n=$(awk '/\[2[0-9][0-9]\]/ {s+=$2} END {print s+0}' "$f")
  bad=$(awk '/\[[3-5][0-9][0-9]\]/ {s+=$2} END {print s+0}' "$f")
  bad=$(( bad + $(awk '/^Error distribution:/ {on=1; next} on && /\[[0-9]+\]/ {gsub(/[\[\]]/,"",$1); s+=$1} END {print s+0}' "$f") ))
  p50=$(awk '/ 50% in / {print $3*1000}' "$f")
  p95=$(awk '/ 95% in / {print $3*1000}' "$f")
  p99=$(awk '/ 99% in / {print $3*1000}' "$f")
  printf '%-8s %10d %9.1f %9.1f %9.1f %8d\n' "$name" "$((n + bad))" "${p50:-0}" "${p95:-0}" "${p99:-0}" "$bad"
  total=$(( total + n + bad )); errors=$(( errors + bad ))
  worst_p95=$(awk -v a="$worst_p95" -v b="${p95:-0}" 'BEGIN{print (b>a)?b:a}')
done
achieved=$(awk -v t="$total" -v e="$elapsed" 'BEGIN{printf "%d", t/(e>0?e:1)}')
error_rate=$(awk -v e="$errors" -v t="$total" 'BEGIN{printf "%.3f", (t>0)?100*e/t:0}')
echo "achieved ${achieved} req/s; errors ${error_rate} %; worst p95 ${worst_p95} ms"
if awk -v p="$worst_p95" -v e="$error_rate" 'BEGIN{exit !(p < 500 && e < 1)}'; then
  echo "seed thresholds (p95 < 500 ms, errors < 1 %): met"
else
  echo "seed thresholds (p95 < 500 ms, errors < 1 %): NOT met"
  exit 1
fi
