#!/usr/bin/env bash
# Brings the production-shaped local stack up (deploy/local/up.sh), runs the system tests
# (deploy/local/system.test.mjs, then deploy/local/blue-green.test.sh) against it through nginx, and tears it down whatever happens.
# Prints PASS/FAIL lines; exit 1 on failure.
# Usage: deploy/local/system.test.sh   (STORE_SERVICE_BIN, default build/release/store-service)
set -uo pipefail

local_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
chmod 755 "${work}"
stack="${work}/stack"
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    bash "${local_dir}/down.sh" "${stack}"
    rm -rf "${work}"
}
trap cleanup EXIT

if ! bash "${local_dir}/up.sh" "${stack}" >"${work}/up.out" 2>"${work}/up.log"; then
    echo "FAIL local stack: up.sh"
    tail -n 30 "${work}/up.log" | sed 's/^/    /'
    exit 1
fi
echo "PASS local stack: up.sh (Patroni with TLS, Redis with a password, 2 replicas from the rendered chart, nginx over TLS)"
grep -E 'replica|TTL' "${work}/up.log" | sed 's/^up: /INFO local stack: /' || true
NODE_EXTRA_CA_CERTS="${stack}/ca/ca.crt" STACK_ENV="${stack}/stack.env" \
    node --test --test-reporter=tap "${local_dir}/system.test.mjs" >"${work}/tap" 2>&1
status=$?
sed -nE 's/^ok [0-9]+ - (.*)$/PASS local stack: \1/p; s/^not ok [0-9]+ - (.*)$/FAIL local stack: \1/p' "${work}/tap"
if [[ ${status} -ne 0 ]]; then
    grep -E 'error:|expected|actual|gave up|lost' "${work}/tap" | head -n 20 | sed 's/^/    /'
fi
# Last, as it replaces the replicas up.sh started: deploy/blue-green.sh against the stack.
bash "${local_dir}/blue-green.test.sh" "${stack}" || status=1
exit "${status}"
