#!/usr/bin/env bash
# Stops the server scripts/start-redis.sh started in DIR (if it still runs) and removes DIR.
set -euo pipefail

dir=${1:?usage: stop-redis.sh DIR}
[ -d "$dir" ] || exit 0
if [ -f "$dir/redis.pid" ]; then
  pid=$(cat "$dir/redis.pid")
  # No persistence, nothing to flush: SIGKILL (a graceful SIGTERM shutdown takes ~1.5 s).
  kill -9 "$pid" 2>/dev/null || true
fi
rm -rf "$dir"
