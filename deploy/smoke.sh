#!/usr/bin/env bash
# Smoke test of a running store platform: health, readiness, login, create/read/delete a draft
# store, and a WebSocket upgrade on /api/events.
#
# Usage: SMOKE_USER=admin SMOKE_PASSWORD=... deploy/smoke.sh BASE_URL
# Needs curl and jq. Exit 0 when every step passed; prints one line per step.
# The WebSocket step is skipped (with a message) while /api/events answers 404.
set -euo pipefail

base="${1:?usage: smoke.sh BASE_URL}"
base="${base%/}"
user="${SMOKE_USER:-admin}"
password="${SMOKE_PASSWORD:?SMOKE_PASSWORD is required}"
timeout="${SMOKE_TIMEOUT:-10}"
failures=0
tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT

pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# expect GOT WANT WHAT: one step passes when the status is the wanted one.
expect() {
    if [[ "$1" == "$2" ]]; then pass "$3"; else fail "$3 answered $1 (want $2): $(head -c 300 "${tmp}/body" 2>/dev/null)"; fi
}

# http METHOD PATH [curl args...]: body to ${tmp}/body, headers to ${tmp}/headers, prints status.
http() {
    local method="$1" path="$2"
    shift 2
    curl -sS --max-time "${timeout}" -X "${method}" -o "${tmp}/body" -D "${tmp}/headers" \
        -w '%{http_code}' "$@" "${base}${path}" || true
}

status="$(http GET /health)"
expect "${status}" 200 "GET /health"

status="$(http GET /health/ready)"
expect "${status}" 200 "GET /health/ready"

login="$(jq -nc --arg u "${user}" --arg p "${password}" '{username: $u, password: $p, rememberMe: false}')"
status="$(http POST /api/auth/login -H 'content-type: application/json' --data "${login}")"
token=""
if [[ "${status}" == 200 ]]; then
    token="$(jq -r '.accessToken // empty' "${tmp}/body")"
fi
if [[ -n "${token}" ]]; then
    pass "POST /api/auth/login as ${user}"
else
    fail "POST /api/auth/login answered ${status}"
    echo "smoke: ${failures} step(s) failed"
    exit 1
fi
auth=(-H "authorization: Bearer ${token}")

# A unique code per run (2-6 letters/digits, '-', 3-6 digits) so parallel runs never collide.
code="SMK-$(printf '%06d' $(( (RANDOM * 32768 + RANDOM) % 1000000 )))"
store="$(jq -nc --arg c "${code}" '{
  code: $c, name: "Smoke test store", type: "express",
  location: {address: "1 Smoke St", city: "Testville", region: "TS", country: "US",
             postalCode: "00000", timezone: "America/New_York"},
  tags: ["smoke"], notes: "created by deploy/smoke.sh; deleted at once"}')"
status="$(http POST /api/stores "${auth[@]}" -H 'content-type: application/json' --data "${store}")"
id=""
if [[ "${status}" == 201 ]]; then
    id="$(jq -r '.id // empty' "${tmp}/body")"
    pass "POST /api/stores created draft ${code} (${id})"
else
    fail "POST /api/stores answered ${status}: $(head -c 300 "${tmp}/body")"
fi

if [[ -n "${id}" ]]; then
    status="$(http GET "/api/stores/${id}" "${auth[@]}")"
    etag="$(tr -d '\r' <"${tmp}/headers" | awk 'tolower($1) == "etag:" {print $2}')"
    if [[ "${status}" == 200 && "$(jq -r .code "${tmp}/body")" == "${code}" && -n "${etag}" ]]; then
        pass "GET /api/stores/${id} (ETag ${etag})"
    else
        fail "GET /api/stores/${id} answered ${status}"
        etag='"1"'
    fi
    status="$(http DELETE "/api/stores/${id}" "${auth[@]}" -H "if-match: ${etag}")"
    expect "${status}" 204 "DELETE /api/stores/${id}"
    status="$(http GET "/api/stores/${id}" "${auth[@]}")"
    expect "${status}" 404 "GET of the deleted store"
fi

# WebSocket: a raw upgrade request must get 101 Switching Protocols. curl closes after headers.
ws_key="$(head -c 16 /dev/urandom | base64)"
status="$(curl -sS --http1.1 --max-time 3 -o /dev/null -w '%{http_code}' \
    -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H "Sec-WebSocket-Key: ${ws_key}" -H "Sec-WebSocket-Protocol: bearer, ${token}" \
    "${base}/api/events" 2>/dev/null || true)"
status="${status:0:3}"
case "${status}" in
    101) pass "WebSocket /api/events upgraded" ;;
    404) echo "skip WebSocket /api/events answers 404 (not implemented yet)" ;;
    *) fail "WebSocket /api/events answered ${status:-nothing}" ;;
esac

if [[ "${failures}" -gt 0 ]]; then
    echo "smoke: ${failures} step(s) failed"
    exit 1
fi
echo "smoke: all steps passed against ${base}"
