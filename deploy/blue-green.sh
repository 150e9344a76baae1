#!/usr/bin/env bash
# Blue-green release of the store platform on Kubernetes (production).
#
# Two colour releases (store-platform-blue, store-platform-green; chart role=colour) run side by
# side; the router release (store-platform; role=router) owns the live Services and the Ingress
# and selects the active colour. A deploy:
#   1. finds the active colour (annotation on the live Service; none on a first install),
#   2. installs the new image as the other colour next to it and waits for it,
#      - it never becomes ready: the new colour is removed, traffic never moved, exit 1;
#   3. smoke-tests the new colour through its own Service (no user traffic yet),
#      - smoke fails: the new colour is removed, traffic never moved, exit 1;
#   4. switches the router to the new colour,
#   5. smoke-tests again through the live Service,
#      - smoke fails: the router switches back to the old colour (automatic rollback), exit 1;
#   6. keeps the old colour running for an instant manual rollback (--rollback).
#
# Usage:
#   deploy/blue-green.sh --tag TAG [--frontend-tag TAG] [--namespace NS] [--values FILE]
#                        [--set KEY=VALUE ...] [--plan]
#   deploy/blue-green.sh --rollback [--namespace NS] [--plan]
# --plan prints the commands (prefixed "+ ") instead of running them. In plan mode the cluster
# is not asked: BG_ACTIVE_COLOUR (blue, green or none; default blue) stands for the active colour
# and BG_SMOKE_RESULTS (e.g. "pass,fail"; default all pass) for the smoke tests' outcomes.
# Smoke tests use SMOKE_USER / SMOKE_PASSWORD (deploy/smoke.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
namespace="store-platform"
release="store-platform"
chart="${here}/helm/store-platform"
values="${chart}/values-production.yaml"
tag=""
frontend_tag=""
plan=false
action="deploy"
timeout="10m"
extra_sets=()
local_port="${BG_LOCAL_PORT:-18080}"

die() { echo "blue-green: $*" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case "$1" in
        --tag) tag="${2:?}"; shift 2 ;;
        --frontend-tag) frontend_tag="${2:?}"; shift 2 ;;
        --namespace) namespace="${2:?}"; shift 2 ;;
        --release) release="${2:?}"; shift 2 ;;
        --chart) chart="${2:?}"; shift 2 ;;
        --values) values="${2:?}"; shift 2 ;;
        --timeout) timeout="${2:?}"; shift 2 ;;
        --set) extra_sets+=(--set "${2:?}"); shift 2 ;;
        --plan) plan=true; shift ;;
        --rollback) action="rollback"; shift ;;
        -h|--help) sed -n '2,27p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) die "unknown argument: $1" ;;
    esac
done
[[ "${action}" == rollback || -n "${tag}" ]] || die "--tag is required"
[[ -n "${frontend_tag}" ]] || frontend_tag="${tag}"

IFS=',' read -r -a smoke_results <<<"${BG_SMOKE_RESULTS:-}"
smoke_index=0

# Runs a command, or prints it in plan mode.
run() {
    echo "+ $*"
    if ! ${plan}; then "$@"; fi
}
log() { echo "# $*"; }

active_colour() {
    if ${plan}; then
        echo "+ kubectl -n ${namespace} get service ${release} -o jsonpath={.metadata.annotations.store-platform/active-colour}" >&2
        echo "${BG_ACTIVE_COLOUR:-blue}"
        return
    fi
    local colour
    colour="$(kubectl -n "${namespace}" get service "${release}" \
        -o jsonpath='{.metadata.annotations.store-platform/active-colour}' 2>/dev/null || true)"
    echo "${colour:-none}"
}
other() { if [[ "$1" == blue ]]; then echo green; else echo blue; fi; }

# smoke SERVICE: port-forwards to the Service and runs deploy/smoke.sh through it.
smoke() {
    local service="$1"
    echo "+ kubectl -n ${namespace} port-forward service/${service} ${local_port}:80"
    echo "+ ${here}/smoke.sh http://127.0.0.1:${local_port}"
    if ${plan}; then
        local result="${smoke_results[${smoke_index}]:-pass}"
        smoke_index=$((smoke_index + 1))
        log "smoke test via ${service}: ${result} (simulated)"
        [[ "${result}" == pass ]]
        return
    fi
    kubectl -n "${namespace}" port-forward "service/${service}" "${local_port}:80" >/dev/null 2>&1 &
    local pf=$!
    local status=0
    for _ in $(seq 1 50); do
        curl -fsS -o /dev/null "http://127.0.0.1:${local_port}/health" 2>/dev/null && break
        sleep 0.2
    done
    "${here}/smoke.sh" "http://127.0.0.1:${local_port}" || status=$?
    kill "${pf}" 2>/dev/null || true
    wait "${pf}" 2>/dev/null || true
    return "${status}"
}

switch_to() {
    local colour="$1"
    run helm upgrade --install "${release}" "${chart}" --namespace "${namespace}" \
        -f "${values}" --set blueGreen.role=router --set "blueGreen.activeColour=${colour}" \
        --wait --timeout "${timeout}"
}

if [[ "${action}" == rollback ]]; then
    active="$(active_colour)"
    [[ "${active}" != none ]] || die "no live Service ${release} in ${namespace}: nothing to roll back"
    previous="$(other "${active}")"
    log "rollback: ${active} -> ${previous}"
    run kubectl -n "${namespace}" rollout status "deployment/${release}-${previous}" --timeout=2m
    switch_to "${previous}"
    log "traffic back on ${previous}; ${active} kept for investigation"
    exit 0
fi

active="$(active_colour)"
if [[ "${active}" == none ]]; then new="blue"; else new="$(other "${active}")"; fi
log "active colour: ${active}; deploying ${tag} as ${new}"

if ! run helm upgrade --install "${release}-${new}" "${chart}" --namespace "${namespace}" \
        -f "${values}" --set blueGreen.role=colour --set "blueGreen.colour=${new}" \
        --set "image.tag=${tag}" --set "frontend.image.tag=${frontend_tag}" \
        ${extra_sets[@]+"${extra_sets[@]}"} --wait --timeout "${timeout}" ||
   ! run kubectl -n "${namespace}" rollout status "deployment/${release}-${new}" --timeout=5m; then
    log "${new} did not become ready: removing ${new}, traffic stays on ${active}"
    run helm uninstall "${release}-${new}" --namespace "${namespace}" --wait
    exit 1
fi

if ! smoke "${release}-${new}"; then
    log "smoke test of ${new} failed before the switch: removing ${new}, traffic stays on ${active}"
    run helm uninstall "${release}-${new}" --namespace "${namespace}" --wait
    exit 1
fi

switch_to "${new}"

if ! smoke "${release}"; then
    if [[ "${active}" == none ]]; then
        log "smoke test through the live Service failed on the first install: nothing to roll back to"
        exit 1
    fi
    log "smoke test through the live Service failed: rolling back to ${active}"
    switch_to "${active}"
    exit 1
fi

log "live on ${new} (${tag}); ${active} kept for rollback: deploy/blue-green.sh --rollback"
