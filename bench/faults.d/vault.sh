#!/usr/bin/env bash
# Fault hook of bench/faults.sh: a Vault outage under a steady provisioning load through the
# real binary (PostgreSQL database, VAULT_ADDR at the Vault-API test server
# server/tests/vault/fake-vault.mjs with token auth; HashiCorp Vault cannot run here). The fake
# closes its listener (connections refused) for 5 s mid-run, then answers again.
#   vault-down              the service's default settings (provisioning.max_attempts 5)
#   vault-down-attempts-20  PROVISIONING_MAX_ATTEMPTS=20
# Each prints one FAULT_RESULT line (fields: bench/faults.d/lib/vault-fault.mjs) and fails when
# a request failed, a run failed or did not finish, an acknowledged write is missing, or the
# breaker did not open and close again. Loopback only; everything started is stopped on exit.
# Usage: bench/faults.d/vault.sh        (after `make build`)
#   FAULTS_VAULT_ATTEMPTS="0 20"  PROVISIONING_MAX_ATTEMPTS of each run (0 = service default)
#   FAULTS_VAULT_DOWN_MS=5000     length of the outage
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
export STORE_SERVICE_BIN="${STORE_SERVICE_BIN:-$PWD/build/release/store-service}"
# shellcheck source=bench/faults.d/lib/hook.sh
. bench/faults.d/lib/hook.sh

hook_start_postgres
status=0
for attempts in ${FAULTS_VAULT_ATTEMPTS:-0 20}; do
  label=vault-down
  [ "$attempts" != 0 ] && label=vault-down-attempts-$attempts
  hook_node bench/faults.d/lib/vault-fault.mjs --mode down --label "$label" --db postgres \
    --work "$HOOK_WORK" --maxAttempts "$attempts" --down "${FAULTS_VAULT_DOWN_MS:-5000}" || status=1
done
exit "$status"
