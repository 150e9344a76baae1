#!/usr/bin/env bash
# Stops the server scripts/start-postgres.sh started in DIR and removes DIR.
set -euo pipefail

dir=${1:?usage: stop-postgres.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -d "$dir" ] || exit 0

as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
if [ -f "$dir/data/postmaster.pid" ]; then
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
