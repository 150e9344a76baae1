#!/usr/bin/env bash
# Fault run: for each dependency killed under a steady write load through the real binary,
# prints requests sent, errors, acknowledged writes lost (must be 0) and time to recover.
#
# Every scenario prints one line "FAULT_RESULT {json}" with at least
#   scenario, sent, errors, lostAcknowledgedWrites, recoverAfterKillMs, noWriteGapMs
# Scenarios:
#   postgres          kill -9 of the primary's postmaster, pg_ctl promote of the sync standby
#                     (server/tests/failover/streaming.test.mjs)
#   postgres-patroni  loss of the leader node under etcd + 3 Patroni members (FAULTS_PATRONI=0
#                     leaves it out)
#   bench/faults.d/*.sh  hooks for the other dependencies (redis, vault, …): each executable
#                     script there runs its scenario and prints FAULT_RESULT lines.
# Usage: bench/faults.sh            (after `make build`; results also in build/bench/faults.md)
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export STORE_SERVICE_BIN="${STORE_SERVICE_BIN:-$PWD/build/release/store-service}"
mkdir -p build/bench
log=build/bench/faults.log
: >"$log"

scenario() {  # NAME COMMAND...
  local name=$1
  shift
  echo "=== $name" | tee -a "$log"
  "$@" >>"$log" 2>&1 || echo "FAULT_FAILED $name (exit $?)" | tee -a "$log"
}

scenario postgres node --test --test-reporter=spec server/tests/failover/streaming.test.mjs
if [ "${FAULTS_PATRONI:-1}" = "1" ]; then
  scenario postgres-patroni node --test --test-reporter=spec server/tests/failover/patroni.test.mjs
fi
for hook in bench/faults.d/*.sh; do
  [ -x "$hook" ] || continue
  scenario "$(basename "$hook" .sh)" "$hook"
done

node --input-type=module - "$log" <<'JS' | tee build/bench/faults.md
import { readFileSync } from 'node:fs';
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const rows = lines.filter((l) => l.startsWith('FAULT_RESULT ')).map((l) => JSON.parse(l.slice(13)));
const failed = lines.filter((l) => l.startsWith('FAULT_FAILED '));
console.log('| scenario | requests sent | errors | acknowledged writes lost | time to recover (ms) | longest time without a successful write (ms) |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.scenario} | ${r.sent} | ${r.errors} | ${r.lostAcknowledgedWrites} | ${r.recoverAfterKillMs} | ${r.noWriteGapMs ?? '-'} |`);
}
for (const f of failed) console.log(`\n${f}`);
const lost = rows.reduce((n, r) => n + r.lostAcknowledgedWrites, 0);
console.log(`\nfaults: ${rows.length} scenarios, ${lost} acknowledged writes lost${failed.length ? `, ${failed.length} failed` : ''}`);
process.exitCode = lost === 0 && failed.length === 0 ? 0 : 1;
JS
