#!/usr/bin/env bash
# Stops what scripts/start-patroni.sh started in DIR (Patroni members, their PostgreSQL, etcd)
# by the process ids it recorded, and removes DIR.
set -uo pipefail
dir=${1:?usage: stop-patroni.sh DIR}
[ -d "$dir" ] || exit 0
for pidfile in "$dir"/pg*/patroni.pid; do
  [ -f "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
done
for pidfile in "$dir"/pg*/data/postmaster.pid; do
  [ -f "$pidfile" ] && kill -9 "$(head -n 1 "$pidfile")" 2>/dev/null
done
[ -f "$dir/etcd.pid" ] && kill -9 "$(cat "$dir/etcd.pid")" 2>/dev/null
sleep 0.5
rm -rf "$dir"
