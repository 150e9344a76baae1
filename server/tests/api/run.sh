#!/usr/bin/env bash
# Black-box API tests: node's built-in test runner against the real store-service binary
# (STORE_SERVICE_BIN, default build/release/store-service), on SQLite and on a throw-away
# PostgreSQL started once here for every test file. Prints node's summary and a last line
# "api: N passed, M failed"; exits non-zero when anything failed.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."

work=$(mktemp -d)
chmod 755 "$work" # the PostgreSQL server runs as the postgres user and must reach it
cleanup() {
  [ -d "$work/pg" ] && scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

if [[ ",${API_TEST_DATABASES:-sqlite,postgres}," == *,postgres,* ]]; then
  if ! API_TEST_PG_URL=$(scripts/start-postgres.sh "$work/pg"); then
    echo "api: 0 passed, 1 failed (PostgreSQL did not start)"
    exit 1
  fi
  export API_TEST_PG_URL
fi

node --test --test-reporter=spec --test-concurrency="${API_TEST_CONCURRENCY:-2}" server/tests/api/ 2>&1 |
  tee "$work/output"
status=${PIPESTATUS[0]}

passed=$(sed -nE 's/^(ℹ|#) pass ([0-9]+)$/\2/p' "$work/output" | tail -n 1)
failed=$(sed -nE 's/^(ℹ|#) fail ([0-9]+)$/\2/p' "$work/output" | tail -n 1)
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # the runner itself failed (e.g. a file did not load)
fi
echo "api: $passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
