#!/usr/bin/env bash
# Fault hook of bench/faults.sh: Redis under a steady read/write load through the real binary
# (PostgreSQL database, REDIS_URL, default Redis settings: 200 ms timeout, breaker open 5 s).
#   redis-kill    SIGKILL of redis-server mid-run, a fresh one on the same port 3 s later
#   redis-freeze  SIGSTOP of redis-server for 3 s, then SIGCONT (it keeps its entries: lost
#                 invalidations would show up as stale reads)
# Each prints one FAULT_RESULT line (see bench/faults.d/lib/redis-fault.mjs for the fields) and
# fails when a request failed, a read was stale, an acknowledged write is missing, or the
# breaker did not open and close again. Loopback only; everything started is stopped on exit.
# Usage: bench/faults.d/redis.sh        (after `make build`; FAULTS_REDIS_MODES="kill" for one)
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
export STORE_SERVICE_BIN="${STORE_SERVICE_BIN:-$PWD/build/release/store-service}"
# shellcheck source=bench/faults.d/lib/hook.sh
. bench/faults.d/lib/hook.sh

hook_start_postgres
status=0
for mode in ${FAULTS_REDIS_MODES:-kill freeze}; do
  hook_node bench/faults.d/lib/redis-fault.mjs --mode "$mode" --db postgres --work "$HOOK_WORK" || status=1
done
exit "$status"
