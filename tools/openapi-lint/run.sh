#!/usr/bin/env bash
# Lints docs/openapi.json with Spectral and the OWASP API Security ruleset (.spectral.yaml here).
# Installs the pinned tools first when package-lock.json changed (npm ci). Prints every finding,
# then "openapi-lint: 1 passed, 0 failed" when there is no error and no warning, else
# "openapi-lint: 0 passed, N failed" with N findings. `--install` only installs.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")" || exit 1

stamp=node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  if ! npm ci --no-audit --no-fund --loglevel=error; then
    echo "openapi-lint: 0 passed, 1 failed (npm ci failed)"
    exit 1
  fi
  cp package-lock.json "$stamp"
fi
[ "${1:-}" = "--install" ] && exit 0

report=$(mktemp)
trap 'rm -f "$report"' EXIT
# -F hint: every finding counts; the exit code is judged from the JSON report below.
node_modules/.bin/spectral lint --ruleset .spectral.yaml --format text --format json \
  --output.json "$report" --fail-severity hint "${OPENAPI_DOC:-../../docs/openapi.json}"
status=$?
if ! findings=$(node -e '
  const results = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const names = ["errors", "warnings", "infos", "hints"];
  const counts = names.map((_, i) => results.filter((r) => r.severity === i).length);
  console.log(results.length + "\t" + names.map((n, i) => `${counts[i]} ${n}`).join(", "));
' "$report"); then
  echo "openapi-lint: 0 passed, 1 failed (spectral did not run; exit $status)"
  exit 1
fi
echo
echo "openapi-lint: ${findings#*$'\t'}"
findings=${findings%%$'\t'*}
if [ "$findings" -eq 0 ]; then
  echo "openapi-lint: 1 passed, 0 failed"
  exit 0
fi
echo "openapi-lint: 0 passed, $findings failed"
exit 1
