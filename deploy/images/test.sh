#!/usr/bin/env bash
# Tests of the images built by deploy/images/build.sh (`make images`). Runs in a private network
# namespace (unshare --net, loopback only), so the images' fixed ports never collide with
# anything else on the machine. Prints PASS/FAIL lines, exits non-zero on any failure, and
# removes every container and process it started.
#
#   store-service image: config (numeric non-root USER, entrypoint, OCI labels); its root
#     filesystem has no shell and no package manager; the binary starts from that root
#     filesystem (`buildah run --isolation chroot`, the image's ENTRYPOINT + CMD, only the port
#     changed) as UID 10001, answers /health and /health/ready, and passes deploy/smoke.sh.
#   store-frontend image: config (USER 101, labels); its entrypoint renders the nginx template
#     with API_UPSTREAM pointing at the live service; index.html (no-cache), a hashed asset
#     (1 year, immutable), gzip, SPA fallback, 404 for a missing asset, security headers, and
#     through the /api proxy: a login, an authenticated API call and a WebSocket upgrade (101).
set -uo pipefail
# shellcheck source=deploy/images/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -z "${IMAGES_TEST_NETNS:-}" ]]; then
    [[ "$(id -u)" == 0 ]] || { echo "FAIL image tests need root (buildah, unshare)"; exit 1; }
    exec unshare --net env IMAGES_TEST_NETNS=1 bash "${BASH_SOURCE[0]}" "$@"
fi
ip link set lo up || { echo "FAIL loopback up in the test network namespace"; exit 1; }

started=$(date +%s)
tmp="$(mktemp -d)"
failures=0
containers=()
runs=()  # "BUILDAH_PID PROCESS_NAME" of each long-running `buildah run`
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
# verdict NAME: PASS or FAIL by the status of the command just before it.
verdict() { local rc=$?; if [[ ${rc} -eq 0 ]]; then pass "$1"; else fail "$1"; fi; }

descendants() { local p; for p in $(pgrep -P "$1"); do echo "${p}"; descendants "${p}"; done; }
# proc_named ROOT NAME: the first process below ROOT whose command name is NAME.
proc_named() {
    local p
    for p in $(descendants "$1"); do
        [[ "$(cat "/proc/${p}/comm" 2>/dev/null)" == "$2" ]] && { echo "${p}"; return 0; }
    done
    return 1
}
# stop_run BUILDAH_PID NAME: `buildah run` does not pass signals on, so stop the process inside
# first, give buildah 5 s to notice, then stop buildah itself.
stop_run() {
    local pid _
    pid="$(proc_named "$1" "$2")" && kill -TERM "${pid}" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$1" 2>/dev/null
    for pid in $(descendants "$1"); do kill -KILL "${pid}" 2>/dev/null; done
    wait "$1" 2>/dev/null
}
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local run ctr
    for run in ${runs[@]+"${runs[@]}"}; do
        # shellcheck disable=SC2086 # "PID NAME"
        stop_run ${run}
    done
    for ctr in ${containers[@]+"${containers[@]}"}; do
        bah umount "${ctr}" >/dev/null 2>&1
        bah rm "${ctr}" >/dev/null 2>&1
    done
    rm -rf "${tmp}"
}
trap cleanup EXIT

# new_container VAR IMAGE
new_container() {
    local name
    name="$(bah from --pull=never --name "$(basename "$2" | tr ':' '-')-test-$$" "$2")" || return 1
    containers+=("${name}")
    printf -v "$1" '%s' "${name}"
}
# wait_http URL BUILDAH_PID: up to 30 s until URL answers 2xx; fails early when buildah ends.
wait_http() {
    local _
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.2
    done
    return 1
}
# http METHOD URL [curl args...]: body to ${tmp}/body, headers (lower-case) to ${tmp}/headers.
http() {
    local method="$1" url="$2" status
    shift 2
    status="$(curl -sS --max-time 10 -X "${method}" -o "${tmp}/body" -D "${tmp}/headers.raw" \
        -w '%{http_code}' "$@" "${url}" 2>/dev/null)"
    tr -d '\r' <"${tmp}/headers.raw" | tr '[:upper:]' '[:lower:]' >"${tmp}/headers"
    echo "${status}"
}
header() { awk -v h="$1:" '$1 == h {sub(/^[^:]*: */, ""); print; exit}' "${tmp}/headers"; }
config() { bah inspect --type image "$1" | jq -r ".OCIv1.config$2"; }
uid_of() { awk '/^Uid:/ {print $2}' "/proc/$1/status"; }

for image in "${service_image}" "${frontend_image}"; do
    have_image "${image}" || { fail "image ${image} exists (run make images first)"; exit 1; }
done

# ---------------------------------------------------------------- store-service
labels_ok() { # IMAGE TITLE
    [[ "$(config "$1" '.Labels["org.opencontainers.image.title"]')" == "$2" ]] &&
        [[ "$(config "$1" '.Labels["org.opencontainers.image.version"]')" != null ]] &&
        [[ "$(config "$1" '.Labels["org.opencontainers.image.revision"]')" =~ ^[0-9a-f]{40}$|^unknown$ ]] &&
        [[ "$(config "$1" '.Labels["org.opencontainers.image.source"]')" == https://* ]]
}
{
    [[ "$(config "${service_image}" .User)" == 10001:10001 &&
    "$(config "${service_image}" .Entrypoint[0])" == /usr/local/bin/store-service ]] &&
    labels_ok "${service_image}" store-service
}
verdict "service image: USER 10001:10001, ENTRYPOINT store-service, OCI labels"

svc=""
web=""
new_container svc "${service_image}" || { fail "buildah from ${service_image}"; exit 1; }
mnt="$(bah mount "${svc}")"
no_shell_tools() {
    local f bad=()
    for f in bin/sh bin/bash bin/dash usr/bin/sh bin/busybox usr/bin/dpkg usr/bin/apt-get usr/bin/env usr/bin/ls; do
        [[ -e "${mnt}/${f}" || -L "${mnt}/${f}" ]] && bad+=("/${f}")
    done
    [[ ${#bad[@]} -eq 0 ]] || { echo "    present: ${bad[*]}"; return 1; }
}
no_shell_tools
verdict "service image: no shell, no package manager, no coreutils (/bin/sh absent)"
{
    [[ -x "${mnt}/usr/local/bin/store-service" && -s "${mnt}/etc/store-service/config.yaml" &&
    -s "${mnt}/etc/ssl/certs/ca-certificates.crt" && -e "${mnt}/usr/share/zoneinfo/UTC" &&
    "$(stat -c %u:%g "${mnt}/data")" == 10001:10001 ]] &&
    ! file -b "${mnt}/usr/local/bin/store-service" 2>/dev/null | grep -q "not stripped"
}
verdict "service image: stripped binary, config, CA bundle, zoneinfo, /data owned by 10001"
# Every shared library is part of a Debian package whose metadata is in the image
# (/var/lib/dpkg/status.d, the distroless layout), so a scanner sees it and its CVEs.
libraries_have_packages() {
    local listed="${tmp}/packaged-files" lib rel missing=0
    cat "${mnt}"/var/lib/dpkg/status.d/*.md5sums 2>/dev/null | awk '{print $2}' | sed 's#^usr/##' | sort -u >"${listed}"
    [[ -s "${listed}" ]] || { echo "    no package metadata in /var/lib/dpkg/status.d"; return 1; }
    while read -r lib; do
        rel="${lib#"${mnt}"/}"
        rel="${rel#usr/}"
        grep -qxF "${rel}" "${listed}" || { echo "    ${lib#"${mnt}"} belongs to no package in status.d"; missing=1; }
    done < <(find "${mnt}/usr/lib" "${mnt}/usr/local/lib" -name '*.so*' -type f 2>/dev/null)
    ls "${mnt}"/var/lib/dpkg/status.d/libpq5 >/dev/null && grep -q '^Version: ' "${mnt}"/var/lib/dpkg/status.d/libpq5 || missing=1
    return "${missing}"
}
libraries_have_packages
verdict "service image: every shared library comes with its Debian package metadata (scanners see it)"
bah umount "${svc}" >/dev/null
{
    ! bah run --isolation chroot "${svc}" -- /bin/sh -c true >/dev/null 2>&1
}
verdict "service image: a shell command cannot run in it"

# The image's own ENTRYPOINT and CMD, with only the port changed (nginx below takes 8080).
svc_port=18080
mapfile -t entrypoint < <(config "${service_image}" '.Entrypoint[]')
mapfile -t cmd < <(config "${service_image}" '.Cmd[]' | awk -v p="${svc_port}" 'prev == "--port" {$0 = p} {prev = $0; print}')
password="img-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
bah run --isolation chroot --env BOOTSTRAP_ADMIN_PASSWORD="${password}" --env LOG_LEVEL=warn \
    --env JWT_SECRET="$(head -c 48 /dev/urandom | base64 -w0)" \
    "${svc}" -- "${entrypoint[@]}" "${cmd[@]}" >"${tmp}/service.log" 2>&1 &
svc_run=$!
runs+=("${svc_run} store-service")
svc_url="http://127.0.0.1:${svc_port}"
if wait_http "${svc_url}/health" "${svc_run}"; then
    pass "service image: the binary starts from the image's root filesystem (buildah run, ENTRYPOINT + CMD)"
else
    fail "service image: the binary starts from the image's root filesystem (buildah run, ENTRYPOINT + CMD)"
    tail -n 20 "${tmp}/service.log" | sed 's/^/    /'
    exit 1
fi
status="$(http GET "${svc_url}/health")"
{
    [[ "${status}" == 200 ]]
}
verdict "service image: GET /health 200"
status="$(http GET "${svc_url}/health/ready")"
{
    [[ "${status}" == 200 ]]
}
verdict "service image: GET /health/ready 200 (SQLite in the image's /data)"
svc_pid="$(proc_named "${svc_run}" store-service)"
{
    [[ -n "${svc_pid}" && "$(uid_of "${svc_pid}")" == 10001 ]]
}
verdict "service image: runs as UID 10001 (not root)"
if SMOKE_USER=admin SMOKE_PASSWORD="${password}" bash "${repo}/deploy/smoke.sh" "${svc_url}" >"${tmp}/smoke.log" 2>&1; then
    pass "service image: deploy/smoke.sh (login, draft store CRUD, WebSocket)"
else
    fail "service image: deploy/smoke.sh (login, draft store CRUD, WebSocket)"
    grep -E '^FAIL' "${tmp}/smoke.log" | sed 's/^/    /'
fi

# ---------------------------------------------------------------- store-frontend
{
    [[ "$(config "${frontend_image}" .User)" == 101 ]] && labels_ok "${frontend_image}" store-frontend &&
    config "${frontend_image}" '.Env[]' | grep -qx 'API_UPSTREAM=store-service:8080'
}
verdict "frontend image: USER 101, OCI labels, API_UPSTREAM template"
new_container web "${frontend_image}" || { fail "buildah from ${frontend_image}"; exit 1; }
mapfile -t entrypoint < <(config "${frontend_image}" '.Entrypoint[]')
mapfile -t cmd < <(config "${frontend_image}" '.Cmd[]')
bah run --isolation chroot --env API_UPSTREAM="127.0.0.1:${svc_port}" \
    "${web}" -- "${entrypoint[@]}" "${cmd[@]}" >"${tmp}/nginx.log" 2>&1 &
web_run=$!
runs+=("${web_run} nginx")
web_url="http://127.0.0.1:8080"
if wait_http "${web_url}/healthz" "${web_run}"; then
    pass "frontend image: nginx starts from the image (entrypoint renders the template), /healthz 200"
else
    fail "frontend image: nginx starts from the image (entrypoint renders the template), /healthz 200"
    tail -n 20 "${tmp}/nginx.log" | sed 's/^/    /'
    exit 1
fi
web_pid="$(proc_named "${web_run}" nginx)"
{
    [[ -n "${web_pid}" && "$(uid_of "${web_pid}")" == 101 ]]
}
verdict "frontend image: nginx runs as UID 101 (not root)"

security_headers() {
    [[ "$(header x-content-type-options)" == nosniff && "$(header x-frame-options)" == deny &&
       "$(header strict-transport-security)" == max-age=* &&
       "$(header content-security-policy)" == *"default-src 'self'"* &&
       -n "$(header referrer-policy)" && -n "$(header content-type)" ]] && ! header server | grep -qE '[0-9]'
}
status="$(http GET "${web_url}/")"
cp "${tmp}/body" "${tmp}/index.html"
{
    [[ "${status}" == 200 ]] && grep -q "<div id=\"root\">" "${tmp}/index.html" &&
    [[ "$(header cache-control)" == no-cache ]] && security_headers
}
verdict "frontend: GET / serves the dashboard's index.html, Cache-Control no-cache, security headers"
asset="$(grep -oE '/assets/[^"]+\.js' "${tmp}/index.html" | head -n 1)"
status="$(http GET "${web_url}${asset}" -H 'Accept-Encoding: gzip')"
{
    [[ -n "${asset}" && "${status}" == 200 &&
    "$(header cache-control)" == "public, max-age=31536000, immutable" &&
    "$(header content-encoding)" == gzip && "$(header vary)" == accept-encoding ]] &&
    gzip -t "${tmp}/body" && security_headers
}
verdict "frontend: hashed asset ${asset:-?}: 200, max-age=31536000 immutable, gzip"
http GET "${web_url}/index.html" >/dev/null
cp "${tmp}/body" "${tmp}/plain.html"
status="$(http GET "${web_url}/stores/abc")"
{
    [[ "${status}" == 200 && "$(header cache-control)" == no-cache ]] && cmp -s "${tmp}/body" "${tmp}/plain.html"
}
verdict "frontend: SPA fallback, GET /stores/abc is index.html (no-cache)"
status="$(http GET "${web_url}/login")"
{
    [[ "${status}" == 200 && "$(header cache-control)" == no-cache ]] && grep -q 'id="sign-in"' "${tmp}/body" &&
    ! grep -q '<div id="root">' "${tmp}/body" && security_headers
}
verdict "frontend: GET /login is the pre-rendered login page (no-cache), not the app"
status="$(http GET "${web_url}/assets/missing-00000000.js")"
{
    [[ "${status}" == 404 ]]
}
verdict "frontend: a missing asset is 404, not index.html"

login="$(jq -nc --arg p "${password}" '{username: "admin", password: $p, rememberMe: false}')"
status="$(http POST "${web_url}/api/auth/login" -H 'content-type: application/json' --data "${login}")"
token="$(jq -r '.accessToken // empty' "${tmp}/body" 2>/dev/null)"
{
    [[ "${status}" == 200 && -n "${token}" ]]
}
verdict "frontend: POST /api/auth/login through the /api proxy 200"
status="$(http GET "${web_url}/api/stores?pageSize=5" -H "authorization: Bearer ${token}" -H 'Accept-Encoding: gzip')"
{
    [[ "${status}" == 200 ]]
}
verdict "frontend: GET /api/stores through the proxy 200 (Bearer token passed on)"
ws_status="$(curl -sS --http1.1 --max-time 3 -o /dev/null -w '%{http_code}' \
    -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' \
    -H "Sec-WebSocket-Key: $(head -c 16 /dev/urandom | base64)" \
    -H "Sec-WebSocket-Protocol: bearer, ${token}" \
    "${web_url}/api/events" 2>/dev/null)"
{
    [[ "${ws_status:0:3}" == 101 ]]
}
verdict "frontend: WebSocket upgrade to /api/events through the proxy (101)"

echo "INFO image tests took $(( $(date +%s) - started )) s"
[[ ${failures} -eq 0 ]]
