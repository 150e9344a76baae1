#!/usr/bin/env bash
# Stops every server scripts/start-pg-cluster.sh (or start-patroni.sh) started in DIR and
# removes DIR. Immediate shutdown: the data is thrown away anyway.
set -uo pipefail

dir=${1:?usage: stop-pg-cluster.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -d "$dir" ] || exit 0
as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)
for pidfile in "$dir"/*/postmaster.pid "$dir"/*/*/postmaster.pid; do
  [ -f "$pidfile" ] || continue
  "${as_pg[@]}" "$bin/pg_ctl" -D "$(dirname "$pidfile")" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
done
rm -rf "$dir"
