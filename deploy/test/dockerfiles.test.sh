#!/usr/bin/env bash
# Static checks of the image recipes (deploy/images/test.sh tests the built images): every base
# image comes from a build ARG with a pinned default (never latest) or is scratch, the final
# stage is `runtime` and runs as a numeric non-root user, OCI labels are set, the stage chosen by
# BINARY_FROM / DIST_FROM defaults to building from source (what CI does) and the prebuilt
# alternative exists, and nginx accepts the dashboard's server block (nginx -t with the template
# rendered) and answers the dashboard's URLs with the right files, when nginx is installed.
set -uo pipefail

docker_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../docker" && pwd)"
status=0
fail() { echo "FAIL: $*"; status=1; }

for file in "${docker_dir}"/*.Dockerfile; do
    name="$(basename "${file}")"
    # FROM lines name an ARG (or a previous stage), never a literal image.
    while read -r _ image _; do
        # shellcheck disable=SC2016 # a literal ${ARG} reference is what we look for
        case "${image}" in
            '${'*'}' | scratch) ;;
            *) grep -qE "^FROM .* AS ${image}\$" "${file}" || fail "${name}: FROM ${image} is not a build ARG" ;;
        esac
    done < <(grep -E '^FROM ' "${file}")
    while IFS='=' read -r arg value; do
        [[ "${value}" == *:* && "${value}" != *:latest ]] || fail "${name}: ${arg} default '${value}' is not a pinned tag"
    done < <(sed -nE 's/^ARG ([A-Z_]+_IMAGE)=(.*)$/\1=\2/p' "${file}")
    [[ "$(grep -cE '^ARG [A-Z_]+_IMAGE=' "${file}")" -ge 1 ]] || fail "${name}: no base image ARG"
    last_user="$(grep -E '^USER ' "${file}" | tail -1 | awk '{print $2}')"
    [[ "${last_user}" =~ ^[1-9][0-9]*(:[1-9][0-9]*)?$ ]] || fail "${name}: final USER '${last_user}' is not a numeric non-root id"
    for label in title version revision source; do
        grep -q "org.opencontainers.image.${label}=" "${file}" || fail "${name}: no org.opencontainers.image.${label} label"
    done
    [[ "$(grep -cE '^FROM ' "${file}")" -ge 2 ]] || fail "${name}: not multi-stage"
    grep -E '^FROM ' "${file}" | tail -n 1 | grep -qE ' AS runtime$' || fail "${name}: the last stage is not 'runtime'"
    # FROM ${X_FROM} AS ...: X_FROM defaults to the source build, and both stages exist.
    while read -r arg; do
        [[ "$(sed -nE "s/^ARG ${arg}=(.*)$/\1/p" "${file}")" == build ]] || fail "${name}: ${arg} does not default to build"
        for stage in build prebuilt; do
            grep -qE "^FROM .* AS ${stage}\$" "${file}" || fail "${name}: no '${stage}' stage for ${arg}"
        done
    done < <(sed -nE 's/^FROM \$\{([A-Z_]+_FROM)\} AS .*/\1/p' "${file}")
done

# HSTS on every dashboard answer: at least a year, sent with errors too (always).
grep -qE '^add_header Strict-Transport-Security "max-age=(3153[6-9][0-9]{3}|[4-9][0-9]{7}|[0-9]{9,})[^"]*" always;' \
    "${docker_dir}/nginx-security-headers.conf" || fail "nginx-security-headers.conf: no Strict-Transport-Security of at least a year (always)"

if command -v nginx >/dev/null; then
    tmp="$(mktemp -d)"
    trap 'rm -rf "${tmp}"' EXIT
    mkdir -p "${tmp}/conf.d" "${tmp}/snippets" "${tmp}/html"
    cp "${docker_dir}/nginx-security-headers.conf" "${tmp}/snippets/security-headers.conf"
    # shellcheck disable=SC2016 # the template's literal ${API_UPSTREAM}
    sed -e 's/\${API_UPSTREAM}/127.0.0.1:8080/' \
        -e "s#/etc/nginx/snippets/#${tmp}/snippets/#g" \
        -e "s#/usr/share/nginx/html#${tmp}/html#" \
        "${docker_dir}/nginx.conf" >"${tmp}/conf.d/default.conf"
    grep -q 'API_UPSTREAM' "${tmp}/conf.d/default.conf" && fail "nginx.conf: API_UPSTREAM left unrendered"
    cat >"${tmp}/nginx.conf" <<CONF
pid ${tmp}/nginx.pid;
error_log stderr;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path ${tmp}/body;
    proxy_temp_path ${tmp}/proxy;
    fastcgi_temp_path ${tmp}/fastcgi;
    uwsgi_temp_path ${tmp}/uwsgi;
    scgi_temp_path ${tmp}/scgi;
    include ${tmp}/conf.d/*.conf;
}
CONF
    nginx -t -q -p "${tmp}" -c "${tmp}/nginx.conf" -g 'user root;' || fail "nginx -t rejects deploy/docker/nginx.conf"
    # Live, on a free loopback port, with a dist/ shaped like the build's: the build's pages
    # answer their URLs (/login the pre-rendered login page), other routes get index.html,
    # hashed assets are immutable, page files are not URLs of their own.
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    sed -i "s/listen 8080;/listen 127.0.0.1:${port};/" "${tmp}/conf.d/default.conf"
    mkdir -p "${tmp}/html/pages" "${tmp}/html/assets"
    echo '<title>plain</title>' >"${tmp}/html/index.html"
    echo '<title>dashboard page</title>' >"${tmp}/html/pages/index.html"
    echo '<title>stores page</title>' >"${tmp}/html/pages/stores.html"
    echo '<title>login page</title>' >"${tmp}/html/pages/login.html"
    echo 'export {};' >"${tmp}/html/assets/app-3f2a9c.js"
    if nginx -p "${tmp}" -c "${tmp}/nginx.conf" -g 'user root;'; then
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            curl -s -o /dev/null "http://127.0.0.1:${port}/healthz" && break
            sleep 0.2
        done
        for case in "/|dashboard page" "/login|login page" "/login?next=%2Fstores|login page" \
            "/stores|stores page" "/stores/abc|plain" "/monitoring|plain" "/pages/stores.html|plain"; do
            url="${case%%|*}" want="${case#*|}"
            got="$(curl -s -D "${tmp}/h" "http://127.0.0.1:${port}${url}")"
            [[ "${got}" == "<title>${want}</title>" ]] || fail "nginx: GET ${url} answered '${got}', not '${want}'"
            grep -qi '^cache-control: no-cache' "${tmp}/h" || fail "nginx: GET ${url} is not Cache-Control: no-cache"
        done
        curl -s -o /dev/null -D "${tmp}/h" "http://127.0.0.1:${port}/assets/app-3f2a9c.js"
        grep -qi '^cache-control: public, max-age=31536000, immutable' "${tmp}/h" ||
            fail "nginx: a hashed asset is not cached for a year, immutable"
        kill "$(cat "${tmp}/nginx.pid")"
    else
        fail "nginx does not start with deploy/docker/nginx.conf"
    fi
else
    echo "nginx not installed: nginx -t skipped"
fi
exit "${status}"
