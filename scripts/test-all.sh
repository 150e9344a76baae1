#!/usr/bin/env bash
# Runs every test suite, prints one line per suite and a closing summary line
# "N passed, M failed". Exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export STORE_SERVICE_BIN="$PWD/build/release/store-service"
mkdir -p build/test-logs
total_pass=0
total_fail=0
summary=()

record() {  # name passed failed
  total_pass=$((total_pass + $2))
  total_fail=$((total_fail + $3))
  summary+=("$(printf '%-22s %5d passed, %d failed' "$1" "$2" "$3")")
}

# run_suite NAME LOG COMMAND... ; the command's output must end with "<x>: N passed, M failed"
run_suite() {
  local name=$1 log=build/test-logs/$1.log
  shift
  echo "=== $name"
  local start=$SECONDS
  "$@" > >(tee "$log") 2>&1
  local rc=$?
  local line
  line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  local passed failed
  passed=$(sed -E 's/.* ([0-9]+) passed.*/\1/' <<<"$line")
  failed=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
  if [ -z "$line" ]; then
    # Vitest prints "Tests  12 passed | 1 failed (13)".
    line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +[0-9]' | tail -n 1)
    passed=$(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
    failed=$(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)
  fi
  if [ $rc -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then failed=1; fi
  record "$name" "${passed:-0}" "${failed:-0}"
  echo "=== $name: exit $rc in $((SECONDS - start)) s"
}

cpp_tests() {
  ctest --test-dir build/release --output-on-failure -j 2 --timeout 900
  local rc=$?
  local line
  line=$(tail -n 50 build/test-logs/cpp.log | grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' | tail -n 1)
  local failed total
  failed=$(sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* tests failed out of ([0-9]+).*/\1/' <<<"$line")
  echo "cpp: $(( ${total:-0} - ${failed:-0} )) passed, ${failed:-0} failed"
  if [ "${total:-0}" -eq 0 ]; then
    echo "cpp: no C++ test was found" >&2
    return 1
  fi
  return $rc
}

# Layout of every C++ file (.clang-format), then clang-tidy (.clang-tidy) on the C++ sources the
# last commit changed (HEAD~1..HEAD; on a merge, everything the merge brought in).
run_suite format bash -c 'bash scripts/check-format.sh && echo "format: 1 passed, 0 failed"'
if git rev-parse -q --verify HEAD~1 >/dev/null; then
  run_suite tidy bash scripts/clang-tidy-changed.sh HEAD~1
fi
run_suite cpp cpp_tests
[ -x server/tests/api/run.sh ] && run_suite api bash server/tests/api/run.sh
[ -x server/tests/failover/run.sh ] && run_suite failover bash server/tests/failover/run.sh
[ -x fuzz/run.sh ] && run_suite fuzz env FUZZ_SECONDS="${FUZZ_SECONDS:-10}" bash fuzz/run.sh
# docs/openapi.json against Spectral + the OWASP API Security ruleset (tools/openapi-lint/.spectral.yaml).
[ -x tools/openapi-lint/run.sh ] && run_suite openapi-lint bash tools/openapi-lint/run.sh
if [ -f frontend/package.json ]; then
  # The generated API client matches docs/openapi.json, then ESLint (import boundaries) + Prettier.
  run_suite frontend-contract bash -c 'cd frontend && npm run --silent gen:check'
  run_suite frontend-lint bash -c 'cd frontend && npm run --silent lint && echo "lint: 1 passed, 0 failed"'
  run_suite frontend-unit bash -c 'cd frontend && npm run --silent test'
  run_suite frontend-e2e bash -c 'cd frontend && npm run --silent e2e'
  # Lighthouse on the login page, the dashboard, the store list and a store's detail page,
  # mobile and desktop, median of 3 runs each, against its own service with seeded data: fails
  # below 90 (bench/lighthouse/run.mjs). Only with LIGHTHOUSE=1 for now: the dashboard pages are
  # known to score below 90 on mobile (issue 17 is open; docs/performance.md, "The dashboard in
  # Lighthouse"), and its 24 audits are not yet timed on a quiet machine. `make lighthouse` runs it.
  if [ "${LIGHTHOUSE:-0}" = 1 ]; then
    run_suite lighthouse bash bench/lighthouse.sh
  fi
fi
[ -x deploy/test/run.sh ] && run_suite deploy bash deploy/test/run.sh

echo
echo "Summary"
for line in "${summary[@]}"; do echo "  $line"; done
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
