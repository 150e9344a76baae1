#!/usr/bin/env bash
# System test of deploy/blue-green.sh on the local stack (deploy/local/up.sh DIR, already up):
# the real script, unchanged, with helm and kubectl acting on the stack (deploy/local/k8s/driver.sh:
# each colour rendered from the production chart with the script's arguments, the router release
# switching nginx's upstream). While a bounded loop of authenticated requests goes through nginx:
#   1. green (configured like blue) passes the smoke gate through its own Service, nginx moves to
#      it, no request fails, later requests are answered by green;
#   2. a broken blue (values whose database-url template has a wrong password) is refused by
#      PostgreSQL and never becomes ready; the script removes it and exits 1 without touching the
#      router, no request fails, traffic stays on green;
#   3. a blue that becomes ready but fails the smoke gate through its own Service (a rate limit
#      far too low) is removed before the switch, exit 1, traffic stays on green;
#   4. a blue that passes the smoke gate but fails the smoke test through the live Service after
#      the switch (a rate limit that lets one smoke run through): the script switches the router
#      back to green (automatic rollback), exit 1; traffic ends on green.
# Prints PASS/FAIL lines; exit 1 on failure. Run by deploy/local/system.test.sh.
# Usage: deploy/local/blue-green.test.sh DIR   (STORE_SERVICE_BIN as for up.sh)
set -uo pipefail

dir="$(cd "${1:?usage: blue-green.test.sh DIR}" && pwd)"
local_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
deploy="$(cd "${local_dir}/.." && pwd)"
value() { sed -n "s/^$1=//p" "${dir}/stack.env" | tail -n 1; }
url="$(value URL)"
ca="${dir}/ca/ca.crt"
work="$(mktemp -d)"
failed=0
trap 'rm -rf "${work}"' EXIT
tools="$("${deploy}/tools/install-tools.sh" | tail -n 1)"
export REAL_HELM="${tools}/helm" LOCAL_STACK="${dir}" STORE_SERVICE_BIN="${STORE_SERVICE_BIN:-${deploy}/../build/release/store-service}"
export PATH="${local_dir}/k8s:${tools}:${PATH}"
SMOKE_PASSWORD="$(value ADMIN_PASSWORD)"
export SMOKE_USER=admin SMOKE_PASSWORD
BG_LOCAL_PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export BG_LOCAL_PORT

pass() { echo "PASS local stack: blue-green: $*"; }
fail() { echo "FAIL local stack: blue-green: $*"; failed=1; }
token="$(curl -fsS --cacert "${ca}" -H 'content-type: application/json' \
    -d "{\"username\": \"admin\", \"password\": \"${SMOKE_PASSWORD}\"}" "${url}/api/auth/login" | jq -r .accessToken)"
[[ -n "${token}" && "${token}" != null ]] || { fail "could not log in through nginx"; exit 1; }

# load FILE: GET /api/stores through nginx until ${work}/stop exists (at most 4000 requests);
# one status per line (000: no answer).
load() {
    local i=0
    while [[ ! -f "${work}/stop" && ${i} -lt 4000 ]]; do
        curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 --cacert "${ca}" \
            -H "authorization: Bearer ${token}" "${url}/api/stores" >>"$1"
        i=$((i + 1))
    done
}
# release NAME ARGS...: deploy/blue-green.sh under load; output to ${work}/NAME.out, statuses
# to ${work}/NAME.load, nginx's access log lines of the run to ${work}/NAME.access.
release() {
    local name="$1" from pid done_at
    shift
    from="$(wc -l <"${dir}/nginx/access.log")"
    rm -f "${work}/stop"
    load "${work}/${name}.load" &
    pid=$!
    sleep 1
    bash "${deploy}/blue-green.sh" "$@" >"${work}/${name}.out" 2>&1
    echo "exit $?" >>"${work}/${name}.out"
    # 20 more requests after the script ended: the checks look at where the last ones went.
    done_at="$(wc -l <"${work}/${name}.load")"
    while [[ "$(wc -l <"${work}/${name}.load")" -lt $((done_at + 20)) ]] && kill -0 "${pid}" 2>/dev/null; do
        sleep 0.2
    done
    touch "${work}/stop"
    wait "${pid}"
    tail -n "+$((from + 1))" "${dir}/nginx/access.log" | grep ' /api/stores$' >"${work}/${name}.access"
}
# not_ok NAME: the load's failed requests (none: empty)
not_ok() { grep -v '^200$' "${work}/$1.load" | sort | uniq -c | tr '\n' ' '; }
upstreams() { paste -sd' ' "${dir}/bg/store-platform-$1/upstreams" 2>/dev/null; }
# served NAME UPSTREAMS...: how many of the run's requests those replicas answered
served() { local n="$1"; shift; grep -cE " ($(IFS='|'; echo "$*")) " "${work}/${n}.access"; }
show() { sed 's/^/    /' "${work}/$1.out" | tail -n 25; }

# ---------------------------------------------------------------- 1. switch to a good green
blue="$(upstreams blue)"
[[ -n "${blue}" ]] || blue="127.0.0.1:$(value REPLICA_1_PORT) 127.0.0.1:$(value REPLICA_2_PORT)"
release switch --tag local
green="$(upstreams green)"
total="$(wc -l <"${work}/switch.load")"
if grep -qx 'exit 0' "${work}/switch.out" && grep -q 'live on green' "${work}/switch.out" &&
   [[ "$(cat "${dir}/bg/active")" == green ]]; then
    pass "green passed the smoke gate through its own Service and went live (exit 0)"
else
    fail "the switch to green did not complete"; show switch
fi
if [[ "${total}" -gt 0 && -z "$(not_ok switch)" ]]; then
    pass "no failed request during the switch (${total} requests through nginx, all 200)"
else
    fail "requests failed during the switch: $(not_ok switch)(of ${total})"
fi
# Traffic moved: the run's requests were answered by blue, then by green only.
read -r -a blue_ups <<<"${blue}"
before="$(served switch "${blue_ups[@]}")"
after="$(served switch "${green:-none}")"
last_green="$(tail -n 20 "${work}/switch.access" | grep -c " ${green:-none} ")"
if [[ -n "${green}" && "${before}" -gt 0 && "${after}" -gt 0 && "${last_green}" -eq 20 ]]; then
    pass "traffic moved from blue (${before} requests) to green (${after}; the last 20 all green)"
else
    fail "traffic did not move to green ${green}: blue answered ${before}, green ${after}, last 20: ${last_green} green"
fi

# ---------------------------------------------------------------- 2. a broken blue is refused
sed 's/{{ \.Data\.password }}/not-the-password/' "${deploy}/helm/store-platform/values-production.yaml" >"${work}/broken.yaml"
grep -q not-the-password "${work}/broken.yaml" || fail "could not break the database-url template"
release broken --tag broken --values "${work}/broken.yaml"
total="$(wc -l <"${work}/broken.load")"
if grep -qx 'exit 1' "${work}/broken.out" && grep -q 'blue did not become ready: removing blue' "${work}/broken.out" &&
   ! grep -q 'blueGreen.role=router' "${work}/broken.out"; then
    pass "a blue with a wrong database password never became ready; the script removed it before any switch (exit 1)"
else
    fail "the broken blue was not refused"; show broken
fi
stopped="$(tail -n 1 "${dir}/bg/store-platform-blue/pids.stopped" 2>/dev/null)"
if grep -q 'password authentication failed' "${dir}/bg/store-platform-blue/log" 2>/dev/null &&
   [[ ! -f "${dir}/bg/store-platform-blue/pid" && -n "${stopped}" ]] && ! kill -0 "${stopped}" 2>/dev/null; then
    pass "the broken blue (its database refused the credentials) was removed"
else
    fail "the broken blue was not removed or never reached the database"
fi
if [[ "$(cat "${dir}/bg/active")" == green && "${total}" -gt 0 && -z "$(not_ok broken)" &&
      "$(served broken "${green:-none}")" -eq "$(wc -l <"${work}/broken.access")" ]]; then
    pass "traffic stayed on green: ${total} requests through nginx during the release, all 200, all answered by green"
else
    fail "traffic did not stay on green: active $(cat "${dir}/bg/active"), failed $(not_ok broken), $(served broken "${green:-none}") of $(wc -l <"${work}/broken.access") by green"
fi

# ---------------------------------------------------------------- 3. a ready blue that fails the smoke gate
# Values that leave the colour healthy (probes are exempt from the rate limit) but unusable: a
# limit of 2 requests per client, refilled once in 100 s. The smoke test's third API request
# answers 429.
release limited --tag limited --set config.extraEnv.RATE_LIMIT_RPS=0.01 --set config.extraEnv.RATE_LIMIT_BURST=2
total="$(wc -l <"${work}/limited.load")"
if grep -qx 'exit 1' "${work}/limited.out" && grep -q 'rollout status deployment/store-platform-blue' "${work}/limited.out" &&
   ! grep -q 'blue did not become ready' "${work}/limited.out" && grep -q 'answered 429' "${work}/limited.out" &&
   grep -q 'smoke test of blue failed before the switch: removing blue' "${work}/limited.out" &&
   ! grep -q 'blueGreen.role=router' "${work}/limited.out"; then
    pass "a blue that became ready but failed the smoke gate (429 from a too-low rate limit) was removed before any switch (exit 1)"
else
    fail "the ready blue that fails smoke was not refused"; show limited
fi
if [[ "$(cat "${dir}/bg/active")" == green && ! -f "${dir}/bg/store-platform-blue/pid" && "${total}" -gt 0 &&
      -z "$(not_ok limited)" && "$(served limited "${green:-none}")" -eq "$(wc -l <"${work}/limited.access")" ]]; then
    pass "traffic stayed on green: ${total} requests through nginx during that release, all 200, all answered by green"
else
    fail "traffic did not stay on green: active $(cat "${dir}/bg/active"), failed $(not_ok limited), $(served limited "${green:-none}") of $(wc -l <"${work}/limited.access") by green"
fi

# ---------------------------------------------------------------- 4. a blue that fails only after the switch
# Values that let exactly one smoke run through: a limit of 5 requests per client (the smoke
# test's five API requests), refilled once in 100 s. The smoke gate through blue's own Service
# passes; the router moves to blue; the smoke test through the live Service (the same replica)
# answers 429 at its login: the script switches the router back to green (automatic rollback),
# exits 1, and keeps blue for investigation.
release fragile --tag fragile --set config.extraEnv.RATE_LIMIT_RPS=0.01 --set config.extraEnv.RATE_LIMIT_BURST=5
total="$(wc -l <"${work}/fragile.load")"
switches="$(grep -o 'blueGreen.activeColour=[a-z]*' "${work}/fragile.out" | cut -d= -f2 | paste -sd' ')"
if grep -qx 'exit 1' "${work}/fragile.out" && ! grep -q 'smoke test of blue failed before the switch' "${work}/fragile.out" &&
   grep -q 'smoke test through the live Service failed: rolling back to green' "${work}/fragile.out" &&
   [[ "${switches}" == "blue green" && "$(cat "${dir}/bg/active")" == green ]]; then
    pass "a blue that passed the smoke gate but failed through the live Service after the switch: the router went back to green (switches: ${switches}; exit 1)"
else
    fail "no automatic rollback after the switch (router switches: ${switches:-none}, active $(cat "${dir}/bg/active"))"; show fragile
fi
fragile_blue="$(upstreams blue)"
read -r -a fragile_ups <<<"${fragile_blue:-none}"
last_green="$(tail -n 5 "${work}/fragile.access" | grep -c " ${green:-none} ")"
if [[ -f "${dir}/bg/store-platform-blue/pid" && "${last_green}" -eq 5 &&
      "$(tail -n 5 "${work}/fragile.load" | grep -cx 200)" -eq 5 ]]; then
    pass "traffic back on green after the rollback (the last 5 requests all green, 200; blue answered $(served fragile "${fragile_ups[@]}") in between); blue kept for investigation"
else
    fail "traffic did not come back to green: blue answered $(served fragile "${fragile_ups[@]}"), the last 5: ${last_green} green, $(tail -n 5 "${work}/fragile.load" | paste -sd' ')"
fi
exit "${failed}"
