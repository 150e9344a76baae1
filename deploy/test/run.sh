#!/usr/bin/env bash
# All checks of the deployment artefacts (deploy/, .github/workflows). The single entry point
# that `make test` calls. Installs its own tools when missing (Debian packages prometheus,
# ShellCheck, yamllint, unzip; npm ci in deploy/; pinned helm + kubectl into deploy/.tools),
# then runs every check, printing PASS/FAIL with a name. The last line is always
#   deploy: N passed, M failed
# and the exit status is non-zero when anything failed. Non-interactive; no cluster, Docker
# or network beyond the package registries is needed. Logs: deploy/.out/logs/.
#
# Optional: STORE_SERVICE_BIN=/path/to/store-service also runs deploy/smoke.sh and Prometheus
# (with the alert rules) against a local service started on a free port, and the live alert
# test (deploy/test/alert-live.test.sh: Redis stopped, StoreCircuitBreakerOpen pending/firing)
# and the production-shaped local stack with its system tests (deploy/local/system.test.sh,
# ~2 min); otherwise those checks are skipped with a message.
# As root (and unless IMAGES=0) it also builds both container images with buildah
# (deploy/images/build.sh, from the binary and dashboard already built) and tests them
# (deploy/images/test.sh); the first run makes the local base images (~4-5 min), later ones reuse them.

# Check functions are called indirectly through check/checks.
# shellcheck disable=SC2317
set -uo pipefail

deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "${deploy}/.." && pwd)"
out="${deploy}/.out"
chart="${deploy}/helm/store-platform"
started=$(date +%s)
passed=0
failed=0
skipped=0

rm -rf "${out}"
mkdir -p "${out}/logs" "${out}/render"

# check NAME COMMAND...: one named check; its output goes to a log, shown when it fails.
check() {
    local name="$1"
    shift
    local log
    log="${out}/logs/$(tr -c 'A-Za-z0-9' '_' <<<"${name}" | head -c 80).log"
    if "$@" >"${log}" 2>&1; then
        echo "PASS ${name}"
        passed=$((passed + 1))
    else
        echo "FAIL ${name}"
        tail -n 40 "${log}" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

# checks NAME COMMAND...: a command that prints its own "PASS x" / "FAIL x" lines; each counts.
checks() {
    local name="$1"
    shift
    local output status n_pass n_fail
    output="$("$@" 2>&1)"
    status=$?
    n_pass=$(grep -c '^PASS ' <<<"${output}" || true)
    n_fail=$(grep -c '^FAIL ' <<<"${output}" || true)
    grep -E "^(PASS|FAIL|INFO) |^    " <<<"${output}"
    passed=$((passed + n_pass))
    failed=$((failed + n_fail))
    if [[ ${status} -ne 0 && ${n_fail} -eq 0 ]]; then
        echo "FAIL ${name} (exit ${status})"
        tail -n 20 <<<"${output}" | sed 's/^/    /'
        failed=$((failed + 1))
    fi
}

skip() {
    echo "SKIP $1"
    skipped=$((skipped + 1))
}

finish() {
    local note=""
    [[ ${skipped} -gt 0 ]] && note=", ${skipped} skipped"
    echo "deploy: took $(( $(date +%s) - started )) s${note}"
    echo "deploy: ${passed} passed, ${failed} failed"
    [[ ${failed} -eq 0 ]]
    exit
}

# ---------------------------------------------------------------- tools
install_tools() {
    local missing=()
    command -v promtool >/dev/null || missing+=(prometheus)
    command -v shellcheck >/dev/null || missing+=(shellcheck)
    command -v yamllint >/dev/null || missing+=(yamllint)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v node >/dev/null || missing+=(nodejs npm)
    if [[ ${#missing[@]} -gt 0 ]]; then
        if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
            echo "missing tools (${missing[*]}): install them or run as root on Debian" >&2
            return 1
        fi
        echo "installing Debian packages: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
    if [[ ! -f "${deploy}/node_modules/.package-lock.json" ||
          "${deploy}/package-lock.json" -nt "${deploy}/node_modules/.package-lock.json" ]]; then
        (cd "${deploy}" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    local bin
    bin="$("${deploy}/tools/install-tools.sh" | tail -n 1)"
    [[ -x "${bin}/helm" ]] || return 1
    echo "${bin}" >"${out}/bin-dir"
}
if ! install_tools >"${out}/logs/tools.log" 2>&1; then
    echo "FAIL install tools"
    tail -n 40 "${out}/logs/tools.log" | sed 's/^/    /'
    failed=$((failed + 1))
    finish
fi
PATH="$(cat "${out}/bin-dir"):${PATH}"
export PATH

# Helm warns on stderr about the linked rules/dashboard files; that is expected.
helm_q() { helm "$@" 2> >(grep -v 'found symbolic link' >&2); }

# ---------------------------------------------------------------- chart
for env in default staging production; do
    values=()
    [[ ${env} != default ]] && values=(-f "${chart}/values-${env}.yaml")
    check "helm lint --strict (${env} values)" helm_q lint --strict "${chart}" ${values[@]+"${values[@]}"}
done

render() { # render NAME RELEASE ARGS...
    local name="$1" release="$2"
    shift 2
    helm_q template "${release}" "${chart}" --namespace store-platform "$@" >"${out}/render/${name}.yaml"
}
check "helm template: default values" render default store-platform
check "helm template: staging values" render staging store-platform -f "${chart}/values-staging.yaml"
check "helm template: production values, blue colour release" \
    render production-blue store-platform-blue -f "${chart}/values-production.yaml" \
    --set blueGreen.role=colour --set blueGreen.colour=blue
check "helm template: production values, router release" \
    render production-router store-platform -f "${chart}/values-production.yaml" \
    --set blueGreen.role=router --set blueGreen.activeColour=blue
check "helm template: Vault on with default values" \
    render default-vault store-platform --set vault.enabled=true

refuses() { ! helm_q template x "${chart}" "$@" >/dev/null 2>&1; }
check "chart refuses image tag latest" refuses --set image.tag=latest
check "chart refuses an unknown blue-green role" refuses --set blueGreen.role=purple
check "chart refuses role=colour without a colour" refuses --set blueGreen.role=colour

check "Kubernetes 1.30 + CRD schemas, no unknown fields (all renders)" \
    node "${deploy}/test/validate.mjs" "${out}"/render/*.yaml

# The checkers themselves must catch what they claim to: a misspelt field, a wrong type, a
# container without limits, no probes, root.
rejects_bad_manifest() {
    sed -e 's/readinessProbe:/readinesProbe:/' -e 's/maxSkew: 1/maxSkew: "one"/' \
        "${out}/render/default.yaml" >"${out}/bad-schema.yaml"
    ! node "${deploy}/test/validate.mjs" "${out}/bad-schema.yaml" >"${out}/bad-schema.log" &&
        grep -q 'unknown field .*readinesProbe' "${out}/bad-schema.log" &&
        grep -q 'maxSkew must be integer' "${out}/bad-schema.log"
}
check "schema validator rejects a misspelt field and a wrong type" rejects_bad_manifest
policy_rejects_bad_chart() {
    helm_q template store-platform "${chart}" --set resources=null \
        --set-json 'securityContext={"runAsNonRoot":false}' >"${out}/bad-policy.yaml" &&
        sed -i 's/readinessProbe:/xReadinessProbe:/' "${out}/bad-policy.yaml" &&
    ! node "${deploy}/test/policy.mjs" "bad=${out}/bad-policy.yaml" >"${out}/bad-policy.log" &&
        grep -q 'FAIL bad: every container has cpu/memory requests and limits' "${out}/bad-policy.log" &&
        grep -q 'FAIL bad: every Deployment container has startup, liveness and readiness probes' "${out}/bad-policy.log" &&
        grep -q 'FAIL bad: every container runs as non-root' "${out}/bad-policy.log"
}
check "policy tests reject missing limits, probes and non-root" policy_rejects_bad_chart

checks "policy" node "${deploy}/test/policy.mjs" \
    "default=${out}/render/default.yaml" \
    "default+vault=${out}/render/default-vault.yaml" \
    "staging=${out}/render/staging.yaml" \
    "production=${out}/render/production-blue.yaml,${out}/render/production-router.yaml"

checks "consistency" node "${deploy}/test/consistency.mjs" "${out}/render/production-router.yaml"

# Cross-file checks of the production install (deploy/test/crossfile.mjs), each also run on the
# defect it guards. The service lists the configuration keys it knows: `store-service config keys`.
service_bin="${STORE_SERVICE_BIN:-${repo}/build/release/store-service}"
if [[ -x "${service_bin}" ]]; then
    if "${service_bin}" config keys >"${out}/config-keys.txt" 2>"${out}/logs/config-keys.log"; then
        checks "cross-file" bash "${deploy}/test/crossfile.test.sh" "${out}/config-keys.txt" "${out}"
    else
        echo "FAIL ${service_bin} config keys"
        sed 's/^/    /' "${out}/logs/config-keys.log" | tail -n 5
        failed=$((failed + 1))
    fi
else
    skip "cross-file checks: no store-service binary (make build, or set STORE_SERVICE_BIN)"
fi

# ---------------------------------------------------------------- monitoring
check "promtool check rules" promtool check rules "${deploy}/prometheus/rules.yaml"
check "promtool test rules (every alert)" promtool test rules "${deploy}/prometheus/rules.test.yaml"
checks "alerting" node "${deploy}/test/alerting.mjs"
alerting_rejects() { # alerting_rejects PATTERN SED-SCRIPT: a broken copy of the values fails
    sed "$2" "${deploy}/infra/kube-prometheus-stack-values.yaml" >"${out}/bad-kps.yaml"
    ! node "${deploy}/test/alerting.mjs" "${out}/bad-kps.yaml" >"${out}/bad-kps.log" 2>&1 && grep -q -- "$1" "${out}/bad-kps.log"
}
check "alerting check rejects 15 days of retention (a runbook queries 30 days)" \
    alerting_rejects "queries \[30d\] but retention is 15d" 's/retention: 35d/retention: 15d/'
check "alerting check rejects a receiver without integration" \
    alerting_rejects "receiver pager has no integration" '/pagerduty_configs:/,/description:/d'
check "alerting check rejects a Watchdog that does not reach the dead man's switch" \
    alerting_rejects "the Watchdog goes to team-slack" '/alertname="StorePlatformWatchdog"/,/repeat_interval: 1m/d'

# ---------------------------------------------------------------- scripts, YAML, workflows
shell_scripts() { # shell_scripts DIR: the shell scripts under DIR, tools and scratch excluded
    find "$1" -name '*.sh' -type f \
        -not -path '*/node_modules/*' -not -path '*/.tools/*' -not -path '*/.out/*' 2>/dev/null | sort
}
mapfile -t scripts < <(shell_scripts "${deploy}")
check "shellcheck deploy/ (${#scripts[@]} scripts)" shellcheck -x "${scripts[@]}"
mapfile -t scripts < <(shell_scripts "${repo}/scripts")
if [[ ${#scripts[@]} -gt 0 ]]; then
    check "shellcheck scripts/ (${#scripts[@]} scripts)" shellcheck -x "${scripts[@]}"
fi
yaml_lint() {
    (cd "${deploy}" && yamllint --strict -c .yamllint.yaml . "${repo}/.github/workflows")
}
check "yamllint (deploy/, .github/workflows)" yaml_lint
mapfile -t workflows < <(find "${repo}/.github/workflows" -name '*.yml' -o -name '*.yaml' | sort)
checks "workflows" node "${deploy}/test/workflows.mjs" "${workflows[@]}"
# ...and the trust rules catch the defects they guard: a job started by workflow_run for a
# fork's branch, an action pinned by tag, a deploy by tag, a push without SBOM.
workflows_reject() { # workflows_reject PATTERN FILE SED-SCRIPT
    local bad="${out}/bad-workflow.yml"
    sed "$3" "$2" >"${bad}"
    ! node "${deploy}/test/workflows.mjs" "${bad}" >"${out}/bad-workflow.log" 2>&1 && grep -q -- "$1" "${out}/bad-workflow.log"
}
check "workflow check rejects a workflow_run deploy without the head_repository check" \
    workflows_reject "without checking github.event.workflow_run.head_repository" \
    "${repo}/.github/workflows/deploy-staging.yml" '/head_repository.full_name == github.repository/d'
check "workflow check rejects an action pinned by tag" \
    workflows_reject "actions/checkout@v4 is not pinned by commit SHA" \
    "${repo}/.github/workflows/ci.yml" 's/actions\/checkout@[0-9a-f]*/actions\/checkout@v4/'
check "workflow check rejects a deploy by tag" \
    workflows_reject "deploys images by tag, not by digest" \
    "${repo}/.github/workflows/deploy-production.yml" '/--set image.digest=/d'
check "workflow check rejects images pushed without SBOM" \
    workflows_reject "images pushed without an SBOM" "${repo}/.github/workflows/ci.yml" '/sbom: true/d'

# ---------------------------------------------------------------- blue-green, infra, images
checks "blue-green" bash "${deploy}/test/blue-green.test.sh"
check "infra install --dry-run renders every step in order" bash "${deploy}/test/infra.test.sh"
check "Dockerfiles: build ARG bases, non-root user, labels, no latest" bash "${deploy}/test/dockerfiles.test.sh"

# ---------------------------------------------------------------- container images
# deploy/images/build.sh (make images) with the binary and dashboard already built on this host,
# then deploy/images/test.sh runs both images. IMAGES=0 skips; needs root (buildah, unshare).
if [[ "${IMAGES:-1}" == 0 ]]; then
    skip "container images (IMAGES=0)"
elif [[ "$(id -u)" != 0 ]]; then
    skip "container images: buildah --isolation chroot needs root (run make images as root)"
elif ! unshare --net true 2>/dev/null; then
    # e.g. an unprivileged CI container job: the workflow's images job builds them there.
    skip "container images: no privilege for namespaces here (unshare --net failed); CI's images job builds them"
elif [[ ! -x "${repo}/build/release/store-service" || ! -f "${repo}/frontend/dist/index.html" ]]; then
    skip "container images: build/release/store-service or frontend/dist missing (make build frontend)"
else
    images_started=$(date +%s)
    failed_before=${failed}
    check "make images: store-service and store-frontend build with buildah" bash "${deploy}/images/build.sh"
    echo "INFO images built in $(( $(date +%s) - images_started )) s:" \
        "$(grep -v '^#' "${repo}/build/images/sizes.txt" 2>/dev/null | head -n 2 | tr '\n' ' ')"
    if [[ ${failed} -eq ${failed_before} ]]; then
        checks "image tests" bash "${deploy}/images/test.sh"
    else
        skip "image tests (the images did not build)"
    fi
fi

# ---------------------------------------------------------------- smoke against a local service
if [[ -n "${STORE_SERVICE_BIN:-}" && -x "${STORE_SERVICE_BIN}" ]]; then
    checks "local service" bash "${deploy}/test/local-service.test.sh" "${STORE_SERVICE_BIN}"
    checks "live alert" bash "${deploy}/test/alert-live.test.sh" "${STORE_SERVICE_BIN}"
    # The production-shaped stack on this machine (deploy/local/up.sh) and its system tests.
    if [[ ! -f "${repo}/frontend/dist/index.html" ]]; then
        skip "local production-shaped stack: frontend/dist missing (make frontend)"
    elif ! command -v patroni >/dev/null || ! command -v redis-server >/dev/null || ! command -v nginx >/dev/null; then
        skip "local production-shaped stack: patroni, redis-server or nginx missing (scripts/install-deps.sh)"
    else
        checks "local stack" bash "${deploy}/local/system.test.sh"
    fi
else
    skip "smoke.sh and Prometheus against a local store-service (set STORE_SERVICE_BIN to the built binary)"
fi

finish
