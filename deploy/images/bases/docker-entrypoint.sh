#!/bin/sh
# Entrypoint of the local nginx-unprivileged stand-in: like the official image's
# 20-envsubst-on-templates.sh, renders every /etc/nginx/templates/*.template into
# /etc/nginx/conf.d, substituting only the variables whose names match NGINX_ENVSUBST_FILTER.
set -eu
if [ "${1:-}" = nginx ] || [ "${1:-}" = nginx-debug ]; then
    template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
    suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
    output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
    filter="${NGINX_ENVSUBST_FILTER:-}"
    defined="$(env | cut -d= -f1 | grep -E "${filter:-.}" | awk '{printf "${%s} ", $1}')"
    for template in "${template_dir}"/*"${suffix}"; do
        [ -f "${template}" ] || continue
        output="${output_dir}/$(basename "${template}" "${suffix}")"
        echo "$0: rendering ${template} to ${output}" >&2
        envsubst "${defined}" <"${template}" >"${output}"
    done
fi
exec "$@"
