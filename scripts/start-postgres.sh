#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 for the tests in DIR (created if missing) on a free loopback
# port and prints exactly one line: postgresql://postgres@127.0.0.1:PORT/store
# The settings trade durability for speed (fsync off): never point this at real data.
# Usage: scripts/start-postgres.sh DIR        Stop with: scripts/stop-postgres.sh DIR
set -euo pipefail

dir=${1:?usage: start-postgres.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

# initdb refuses to run as root: run the server as the postgres user then.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
  # The postgres user must be able to reach DIR: a parent made by mktemp -d is 0700.
  parent=$(dirname "$dir")
  while [ "$parent" != "/" ]; do
    if ! runuser -u postgres -- test -x "$parent"; then
      chmod o+x "$parent"
    fi
    parent=$(dirname "$parent")
  done
fi

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The port is free when we look but may be taken before the server binds it: try a few.
started=0
for _ in 1 2 3 4 5; do
  port=$(free_port)
  if "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
       -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  echo "start-postgres: the server did not start; see $dir/server.log" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
fi

# pg_ctl -w waits already; pg_isready confirms TCP answers (bounded, ~10 s).
ready=0
for _ in $(seq 1 100); do
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ "$ready" -ne 1 ]; then
  echo "start-postgres: the server on port $port is not ready; see $dir/server.log" >&2
  exit 1
fi

"$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE store" >/dev/null
echo "postgresql://postgres@127.0.0.1:$port/store"
