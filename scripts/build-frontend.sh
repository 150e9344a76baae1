#!/usr/bin/env bash
# Builds the dashboard into frontend/dist (npm ci only when the lock file changed).
set -euo pipefail
cd "$(dirname "$0")/../frontend"
stamp=node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
# Rebuild only when a source is newer than the last build.
# docs/openapi.json counts: the API client is generated from it (npm run gen).
if [ -f dist/index.html ] && [ -z "$(find src public index.html package-lock.json vite.config.ts \
      tsconfig*.json scripts ../docs/openapi.json -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  exit 0
fi
npm run --silent build
