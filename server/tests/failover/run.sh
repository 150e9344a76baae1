#!/usr/bin/env bash
# Failover tests: the real binary under a steady HTTP write load while the PostgreSQL primary
# is killed (kill -9) and a standby takes over: plain streaming replication with pg_ctl promote
# (~10 s) and etcd + 3 Patroni members (~25 s, scripts/start-patroni.sh); both run in
# `make test`. FAILOVER_PATRONI=0 leaves the Patroni one out. Last line: "failover: N passed,
# M failed".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

files=(server/tests/failover/streaming.test.mjs)
if [ "${FAILOVER_PATRONI:-1}" = "1" ]; then
  files+=(server/tests/failover/patroni.test.mjs)
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
node --test --test-reporter=spec --test-concurrency=1 "${files[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
passed=$(sed -nE 's/^(ℹ|#) pass ([0-9]+)$/\2/p' "$log" | tail -n 1)
failed=$(sed -nE 's/^(ℹ|#) fail ([0-9]+)$/\2/p' "$log" | tail -n 1)
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "failover: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
