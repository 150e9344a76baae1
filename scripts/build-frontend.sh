#!/usr/bin/env bash
# Builds the dashboard into frontend/dist (npm ci only when the lock file changed).
set -euo pipefail
cd "$(dirname "$0")/../frontend"
stamp=node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json "$stamp"
fi
npm run --silent build
