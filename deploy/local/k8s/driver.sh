#!/usr/bin/env bash
# The Kubernetes side of deploy/blue-green.sh on the local stack (deploy/local/up.sh): what
# `helm` and `kubectl` do to a cluster, done to the stack's processes, so that the real script
# runs unchanged against it (deploy/local/blue-green.test.sh puts helm and kubectl, links to this
# file, first on PATH). Every release is rendered by the real helm from the chart with the
# script's own arguments; a colour release becomes one store-service replica configured from
# that render (chart-env.mjs, as up.sh does; its Vault Agent templates rendered with the stack's
# database credentials); the router release becomes nginx's upstream (the colour its live
# Service selects), reloaded gracefully. Handled commands:
#   helm upgrade --install REL CHART [--namespace NS] [-f FILE] [--set K=V]... [--wait] [--timeout T]
#   helm uninstall REL [--namespace NS] [--wait]
#   kubectl -n NS get service REL -o jsonpath={.metadata.annotations.store-platform/active-colour}
#   kubectl -n NS rollout status deployment/REL [--timeout=T]
#   kubectl -n NS port-forward service/SVC LOCAL:80
# Needs LOCAL_STACK (the stack's DIR) and REAL_HELM. The colour up.sh started (blue, its two
# replicas) is the live one at first. Anything else: exit 2.
set -euo pipefail

dir="${LOCAL_STACK:?LOCAL_STACK: the directory of the local stack}"
local_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
bin="${STORE_SERVICE_BIN:?}"
bg="${dir}/bg"
value() { sed -n "s/^$1=//p" "${dir}/stack.env" | tail -n 1; }
die() { echo "local $(basename "$0"): $*" >&2; exit 2; }
mkdir -p "${bg}"
# The stack as up.sh left it: blue live on replicas 1 and 2.
if [[ ! -f "${bg}/active" ]]; then
    mkdir -p "${bg}/store-platform-blue"
    printf '127.0.0.1:%s\n' "$(value REPLICA_1_PORT)" "$(value REPLICA_2_PORT)" >"${bg}/store-platform-blue/upstreams"
    printf '%s\n' "$(value REPLICA_1_PID)" "$(value REPLICA_2_PID)" >"${bg}/store-platform-blue/pid"
    echo blue >"${bg}/active"
fi

ready() { # RELEASE: every replica of it answers /health/ready
    local u
    [[ -s "${bg}/$1/upstreams" ]] || return 1
    while read -r u; do curl -fsS -o /dev/null --max-time 2 "http://${u}/health/ready" || return 1; done <"${bg}/$1/upstreams"
}
stop_release() { # RELEASE: its replicas get SIGTERM, as a pod deleted would
    local pid
    for pid in $(cat "${bg}/$1/pid" 2>/dev/null || true); do
        kill "${pid}" 2>/dev/null || continue
        for _ in $(seq 1 100); do kill -0 "${pid}" 2>/dev/null || break; sleep 0.1; done
    done
    # what ran stays on record (pids.stopped, render, spec, log) for the tests and for investigation
    [[ -f "${bg}/$1/pid" ]] && cat "${bg}/$1/pid" >>"${bg}/$1/pids.stopped"
    rm -f "${bg}/$1/pid" "${bg}/$1/upstreams"
}

start_colour() { # RELEASE RENDER
    local rel="$1" render="$2" rdir="${bg}/$1" port line envs=() args=()
    stop_release "${rel}"
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    mkdir -p "${rdir}/data" "${rdir}/secrets"
    cp "${dir}/secrets/jwt-key" "${dir}/secrets/k8s-token" "${rdir}/secrets/"
    # up.sh's mapping of names and paths, with this replica's port, data and agent directories.
    node -e '
      const [f, port, data, secrets] = process.argv.slice(1);
      const m = JSON.parse(require("fs").readFileSync(f, "utf8"));
      m.port = Number(port); m.paths["/data"] = data; m.paths["/vault/secrets"] = secrets;
      m.extra.VAULT_K8S_TOKEN_PATH = secrets + "/k8s-token";
      console.log(JSON.stringify(m));' "${dir}/replica-1/map.json" "${port}" "${rdir}/data" "${rdir}/secrets" >"${rdir}/map.json"
    node "${local_dir}/chart-env.mjs" "${render}" store-service "${rdir}/map.json" >"${rdir}/spec"
    # The Vault Agent: this release's database-url template with the issued credentials.
    bash "${local_dir}/db-agent.sh" render "${dir}" "${rdir}/spec" "${rdir}/secrets/database-url" ||
        die "${rel}: no database-url template in the chart"
    while IFS= read -r line; do
        case "${line}" in env\ *) envs+=("${line#env }") ;; arg\ *) args+=("${line#arg }") ;; esac
    done <"${rdir}/spec"
    env -i PATH="${PATH}" "${envs[@]}" "${bin}" "${args[@]}" >>"${rdir}/log" 2>&1 </dev/null &
    echo $! >"${rdir}/pid"
    echo "127.0.0.1:${port}" >"${rdir}/upstreams"
}

route_to() { # COLOUR: nginx's upstream becomes that colour's replicas; graceful reload
    local list
    [[ -s "${bg}/store-platform-$1/upstreams" ]] || die "no colour $1 to route to"
    list="$(paste -sd';' "${bg}/store-platform-$1/upstreams")"
    list="${list//;/; server }"
    sed -i "/^upstream store_api {/,/^}/ s#^    server .*;#    server ${list};#" "${dir}/nginx/server.conf"
    nginx -t -q -c "${dir}/nginx/nginx.conf" -p "${dir}/nginx"
    kill -HUP "$(cat "${dir}/nginx/nginx.pid")"
    echo "$1" >"${bg}/active"
}

helm_cmd() {
    local verb="$1" rel="" chart="" ns="store-platform" wait=false tmpl=()
    shift
    [[ "${verb}" == upgrade && "${1:-}" == --install ]] && shift
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --namespace) ns="$2"; shift 2 ;;
            -f|--values|--set) tmpl+=("$1" "$2"); shift 2 ;;
            --wait) wait=true; shift ;;
            --timeout) shift 2 ;;
            -*) die "unsupported option $1" ;;
            *) if [[ -z "${rel}" ]]; then rel="$1"; else chart="$1"; fi; shift ;;
        esac
    done
    case "${verb}" in
        uninstall) stop_release "${rel}" ;;
        upgrade)
            mkdir -p "${bg}/${rel}"
            "${REAL_HELM:?}" template "${rel}" "${chart}" --namespace "${ns}" "${tmpl[@]}" \
                >"${bg}/${rel}/render.yaml" 2> >(grep -v 'symbolic link' >&2)
            local active
            active="$(node -e '
              const { parseAllDocuments } = require(process.argv[2]);
              const objs = parseAllDocuments(require("fs").readFileSync(process.argv[1], "utf8")).map((d) => d.toJS()).filter(Boolean);
              const live = objs.find((o) => o.kind === "Service" && o.metadata.annotations?.["store-platform/active-colour"]);
              console.log(live ? live.metadata.annotations["store-platform/active-colour"] : "");' \
                "${bg}/${rel}/render.yaml" "${local_dir}/../node_modules/yaml")"
            if [[ -n "${active}" ]]; then
                route_to "${active}"
            else
                start_colour "${rel}" "${bg}/${rel}/render.yaml"
                if ${wait}; then
                    # A replica that exited is a pod in CrashLoopBackOff: helm would wait out its
                    # --timeout, this fails at once.
                    for _ in $(seq 1 150); do
                        ready "${rel}" && return 0
                        kill -0 "$(cat "${bg}/${rel}/pid")" 2>/dev/null || { tail -n 1 "${bg}/${rel}/log" >&2; die "${rel}: its replica exited"; }
                        sleep 0.2
                    done
                    die "${rel} did not become ready"
                fi
            fi ;;
        *) die "unsupported: helm ${verb}" ;;
    esac
}

kubectl_cmd() {
    [[ "${1:-}" == -n ]] && shift 2
    case "$1 ${2:-}" in
        "get service") cat "${bg}/active" ;;
        "rollout status")
            local rel="${3#deployment/}"
            for _ in $(seq 1 150); do ready "${rel}" && { echo "deployment \"${rel}\" successfully rolled out"; return 0; }; sleep 0.2; done
            echo "error: ${rel} not ready" >&2; return 1 ;;
        port-forward\ service/*)
            local svc="${2#service/}" target
            [[ "${svc}" == store-platform ]] && svc="store-platform-$(cat "${bg}/active")"
            target="$(head -n 1 "${bg}/${svc}/upstreams")"
            exec node -e '
              const net = require("net");
              const [listen, host, port] = [Number(process.argv[1]), ...process.argv[2].split(":")];
              net.createServer((c) => { const u = net.connect(Number(port), host); c.pipe(u).pipe(c);
                u.on("error", () => c.destroy()); c.on("error", () => u.destroy()); }).listen(listen, "127.0.0.1");' \
                "${3%%:*}" "${target}" ;;
        *) die "unsupported: kubectl $*" ;;
    esac
}

case "$(basename "$0")" in
    helm) helm_cmd "$@" ;;
    kubectl) kubectl_cmd "$@" ;;
    *) die "call me as helm or kubectl" ;;
esac
