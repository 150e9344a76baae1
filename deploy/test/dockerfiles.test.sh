#!/usr/bin/env bash
# Static checks of the image recipes (no image is built here; CI builds and Trivy-scans them):
# every base image comes from a build ARG with a pinned default (never latest), the final stage
# runs as a numeric non-root user, OCI labels are set, and nginx accepts the dashboard's
# server block (nginx -t with the template rendered), when nginx is installed.
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
            '${'*'}') ;;
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
done

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
else
    echo "nginx not installed: nginx -t skipped"
fi
exit "${status}"
