#!/usr/bin/env bash
# Lighthouse (pinned lighthouse@12.2.3, on Debian's Chromium) for the login page, the dashboard,
# the store list and a store's detail page, against the real store-service (its own port and
# data directory) serving frontend/dist with seeded data. `make lighthouse` and the `lighthouse`
# suite of scripts/test-all.sh run it; the last line is "lighthouse: N passed, M failed".
# Builds nothing: `make lighthouse` has built build/release/store-service and frontend/dist.
# Prints a score table, writes reports to build/lighthouse/, and exits 1 when performance,
# accessibility or best practices is below 90 on any page (see bench/lighthouse/run.mjs for
# LIGHTHOUSE_FORM_FACTORS, LIGHTHOUSE_RUNS[_MOBILE|_DESKTOP], LIGHTHOUSE_MIN_SCORE, CHROME_PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

dir=bench/lighthouse
stamp=$dir/node_modules/.lock-stamp
if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
  # puppeteer-core never downloads a browser; the env var keeps any postinstall quiet too.
  (cd "$dir" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
fi

export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
exec node "$dir/run.mjs"
