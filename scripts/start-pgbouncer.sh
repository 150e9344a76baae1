#!/usr/bin/env bash
# Starts PgBouncer in transaction pooling mode in DIR on a free loopback port in front of the
# PostgreSQL at TARGET_PORT (trust auth, any database), with POOL server connections per
# database. Prints one line: the port. Stop with: kill "$(cat DIR/pgbouncer.pid)"; rm -rf DIR
# Usage: scripts/start-pgbouncer.sh DIR TARGET_PORT [POOL=2]
set -euo pipefail

dir=${1:?usage: start-pgbouncer.sh DIR TARGET_PORT [POOL]}
target=${2:?usage: start-pgbouncer.sh DIR TARGET_PORT [POOL]}
pool=${3:-2}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then  # pgbouncer refuses to run as root
  chown postgres: "$dir"
  as_pg=(runuser -u postgres --)
  parent=$(dirname "$dir")
  while [ "$parent" != "/" ]; do
    if ! runuser -u postgres -- test -x "$parent"; then chmod o+x "$parent"; fi
    parent=$(dirname "$parent")
  done
fi
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
for _ in 1 2 3 4 5; do
  port=$(free_port)
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$target
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/users.txt
pool_mode = transaction
default_pool_size = $pool
max_client_conn = 200
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  echo '"postgres" ""' >"$dir/users.txt"
  chown -R "$(stat -c %U "$dir")" "$dir"
  if "${as_pg[@]}" /usr/sbin/pgbouncer -d -q "$dir/pgbouncer.ini"; then
    for _ in $(seq 1 100); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "$port"
        exit 0
      fi
      sleep 0.05
    done
  fi
done
echo "start-pgbouncer: did not start; see $dir/pgbouncer.log" >&2
exit 1
