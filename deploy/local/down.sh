#!/usr/bin/env bash
# Stops what deploy/local/up.sh DIR started (by the ids it recorded in DIR/stack.env), then
# removes DIR. Safe to run twice or after a failed up.sh.
# Usage: deploy/local/down.sh DIR
set -uo pipefail

dir="${1:?usage: down.sh DIR}"
[[ -d "${dir}" ]] || exit 0
dir="$(cd "${dir}" && pwd)"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
value() { sed -n "s/^$1=//p" "${dir}/stack.env" 2>/dev/null | tail -n 1; }

[[ -f "${dir}/nginx/nginx.pid" ]] && kill "$(cat "${dir}/nginx/nginx.pid")" 2>/dev/null
for replica in 1 2; do
    pid="$(cat "${dir}/replica-${replica}/pid" 2>/dev/null)"
    [[ -n "${pid}" ]] && kill "${pid}" 2>/dev/null
done
# replicas the blue-green system test started (deploy/local/k8s/driver.sh)
for f in "${dir}"/bg/*/pid; do
    [[ -f "${f}" ]] && xargs -r kill <"${f}" 2>/dev/null
done
for f in vault/proxy.pid vault/fake.pid db-agent.pid; do
    [[ -f "${dir}/${f}" ]] && kill "$(cat "${dir}/${f}")" 2>/dev/null
done
[[ -f "${dir}/redis/redis.pid" ]] && kill "$(cat "${dir}/redis/redis.pid")" 2>/dev/null
[[ -d "${dir}/patroni" ]] && "${repo}/scripts/stop-patroni.sh" "${dir}/patroni" >/dev/null 2>&1
for replica in 1 2; do
    pid="$(cat "${dir}/replica-${replica}/pid" 2>/dev/null)"
    for _ in $(seq 1 100); do
        if [[ -z "${pid}" ]] || ! kill -0 "${pid}" 2>/dev/null; then break; fi
        sleep 0.1
    done
done
rm -rf "${dir}"
