#!/usr/bin/env bash
# Tests deploy/blue-green.sh in plan mode: the exact command sequence for a successful deploy,
# a smoke failure before the switch, a smoke failure after the switch (automatic rollback),
# a first install, and a manual rollback. Prints PASS/FAIL per case; exit 1 on any failure.
set -uo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
failed=0

# plan ENV... -- ARGS...: runs the script in plan mode; keeps only "+ " command lines, with the
# deploy directory replaced by D so the expectations read easily. Appends "exit N".
plan() {
    local envs=()
    while [[ "$1" != -- ]]; do envs+=("$1"); shift; done
    shift
    local out status
    out="$(env "${envs[@]}" "${deploy}/blue-green.sh" --plan "$@" 2>&1)"
    status=$?
    grep '^+ ' <<<"${out}" | sed "s#${deploy}#D#g"
    echo "exit ${status}"
}

expect() {
    local name="$1" got="$2" want="$3"
    if [[ "${got}" == "${want}" ]]; then
        echo "PASS blue-green plan: ${name}"
    else
        echo "FAIL blue-green plan: ${name}"
        diff <(echo "${want}") <(echo "${got}") | sed 's/^/    /'
        failed=1
    fi
}

V="-f D/helm/store-platform/values-production.yaml"
GET="+ kubectl -n store-platform get service store-platform -o jsonpath={.metadata.annotations.store-platform/active-colour}"
NEW_GREEN="+ helm upgrade --install store-platform-green D/helm/store-platform --namespace store-platform ${V} --set blueGreen.role=colour --set blueGreen.colour=green --set image.tag=v2 --set frontend.image.tag=v2 --wait --timeout 10m"
WAIT_GREEN="+ kubectl -n store-platform rollout status deployment/store-platform-green --timeout=5m"
SMOKE_GREEN="+ kubectl -n store-platform port-forward service/store-platform-green 18080:80
+ D/smoke.sh http://127.0.0.1:18080"
SMOKE_LIVE="+ kubectl -n store-platform port-forward service/store-platform 18080:80
+ D/smoke.sh http://127.0.0.1:18080"
ROUTE_GREEN="+ helm upgrade --install store-platform D/helm/store-platform --namespace store-platform ${V} --set blueGreen.role=router --set blueGreen.activeColour=green --wait --timeout 10m"
ROUTE_BLUE="+ helm upgrade --install store-platform D/helm/store-platform --namespace store-platform ${V} --set blueGreen.role=router --set blueGreen.activeColour=blue --wait --timeout 10m"

expect "success: install green next to blue, smoke, switch, smoke, keep blue" \
    "$(plan BG_ACTIVE_COLOUR=blue -- --tag v2)" \
    "${GET}
${NEW_GREEN}
${WAIT_GREEN}
${SMOKE_GREEN}
${ROUTE_GREEN}
${SMOKE_LIVE}
exit 0"

expect "smoke fails before the switch: green removed, traffic never moves" \
    "$(plan BG_ACTIVE_COLOUR=blue BG_SMOKE_RESULTS=fail -- --tag v2)" \
    "${GET}
${NEW_GREEN}
${WAIT_GREEN}
${SMOKE_GREEN}
+ helm uninstall store-platform-green --namespace store-platform --wait
exit 1"

expect "smoke fails after the switch: automatic rollback to blue" \
    "$(plan BG_ACTIVE_COLOUR=blue BG_SMOKE_RESULTS=pass,fail -- --tag v2)" \
    "${GET}
${NEW_GREEN}
${WAIT_GREEN}
${SMOKE_GREEN}
${ROUTE_GREEN}
${SMOKE_LIVE}
${ROUTE_BLUE}
exit 1"

expect "green active: the next deploy goes to blue" \
    "$(plan BG_ACTIVE_COLOUR=green -- --tag v3 | grep -c 'helm upgrade --install store-platform-blue .*blueGreen.colour=blue .*image.tag=v3')" \
    "1"

expect "first install: blue, then the router" \
    "$(plan BG_ACTIVE_COLOUR=none -- --tag v1 | grep -E '^\+ helm' | sed 's/ --namespace.*role=/ role=/; s/ --set.*//')" \
    "+ helm upgrade --install store-platform-blue D/helm/store-platform role=colour
+ helm upgrade --install store-platform D/helm/store-platform role=router"

expect "manual rollback: green active, back to blue after checking it" \
    "$(plan BG_ACTIVE_COLOUR=green -- --rollback)" \
    "${GET}
+ kubectl -n store-platform rollout status deployment/store-platform-blue --timeout=2m
${ROUTE_BLUE}
exit 0"

expect "missing --tag is refused" "$(plan -- 2>&1 | tail -1)" "exit 2"

exit "${failed}"
