#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 streaming-replication cluster for the failover tests in DIR:
# a primary and N streaming replicas (pg_basebackup -R) on free loopback ports. Commits wait
# for one standby (synchronous_standby_names = 'FIRST 1 (replica1, replica2, …)', set on the
# primary only, so that a promoted replica runs alone without blocking). Prints KEY=VALUE
# lines (never a password; everything is trust on loopback):
#   PRIMARY_PORT=…  REPLICA_PORTS=p1,p2  PRIMARY_URL=…  MULTI_URL=… (every host,
#   target_session_attrs=read-write)  REPLICA_URLS=…  DATA=DIR
# Durability trades: fsync off (a killed postmaster loses nothing; a power cut would).
# Usage: scripts/start-pg-cluster.sh DIR [REPLICAS=2]   Stop with: scripts/stop-pg-cluster.sh DIR
set -euo pipefail

dir=${1:?usage: start-pg-cluster.sh DIR [REPLICAS]}
replicas=${2:-2}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

as_pg=()
if [ "$(id -u)" -eq 0 ]; then
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
common="-c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c max_connections=200 -c wal_level=replica -c max_wal_senders=10 -c max_replication_slots=10 -c hot_standby=on -c wal_keep_size=256MB -c wal_receiver_status_interval=1s -c wal_retrieve_retry_interval=500ms"

# start_server NAME DATADIR: picks a free port (retrying when it is taken meanwhile); sets $port.
start_server() {
  local name=$1 data=$2
  for _ in 1 2 3 4 5; do
    port=$(free_port)
    if "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -l "$dir/$name.log" -w -t 60 start \
         -o "-p $port -c cluster_name=$name $common" >/dev/null 2>&1; then
      return 0
    fi
  done
  echo "start-pg-cluster: $name did not start; see $dir/$name.log" >&2
  tail -n 20 "$dir/$name.log" >&2 || true
  exit 1
}

psql_at() {  # PORT SQL
  "$bin/psql" -qAt -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 -c "$2"
}

"${as_pg[@]}" "$bin/initdb" -D "$dir/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
  --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
start_server primary "$dir/primary"
primary_port=$port
psql_at "$primary_port" "CREATE DATABASE store" >/dev/null

names=()
replica_ports=()
for i in $(seq 1 "$replicas"); do
  name=replica$i
  "${as_pg[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
    -D "$dir/$name" -R -X stream -c fast --no-sync >"$dir/$name-basebackup.log" 2>&1 ||
    { cat "$dir/$name-basebackup.log" >&2; exit 1; }
  start_server "$name" "$dir/$name"
  names+=("$name")
  replica_ports+=("$port")
done

if [ "$replicas" -gt 0 ]; then
  # Only on the primary (ALTER SYSTEM after the base backups): a promoted replica must not
  # wait for standbys that do not follow it.
  list=$(IFS=,; echo "${names[*]}")
  psql_at "$primary_port" "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 ($list)'" >/dev/null
  psql_at "$primary_port" "ALTER SYSTEM SET synchronous_commit = 'on'" >/dev/null
  psql_at "$primary_port" "SELECT pg_reload_conf()" >/dev/null
  # Ready when every replica streams and one of them is synchronous (bounded, ~30 s).
  ok=0
  for _ in $(seq 1 300); do
    state=$(psql_at "$primary_port" "SELECT count(*) FILTER (WHERE state = 'streaming'), count(*) FILTER (WHERE sync_state = 'sync') FROM pg_stat_replication")
    if [ "$state" = "$replicas|1" ]; then ok=1; break; fi
    sleep 0.1
  done
  if [ "$ok" -ne 1 ]; then
    echo "start-pg-cluster: replicas are not streaming (state $state); see $dir/*.log" >&2
    exit 1
  fi
fi

hosts="127.0.0.1:$primary_port"
replica_urls=()
for p in "${replica_ports[@]}"; do
  hosts+=",127.0.0.1:$p"
  replica_urls+=("postgresql://postgres@127.0.0.1:$p/store")
done
echo "DATA=$dir"
echo "PRIMARY_PORT=$primary_port"
echo "REPLICA_PORTS=$(IFS=,; echo "${replica_ports[*]}")"
echo "PRIMARY_URL=postgresql://postgres@127.0.0.1:$primary_port/store"
echo "MULTI_URL=postgresql://postgres@$hosts/store?target_session_attrs=read-write"
echo "REPLICA_URLS=$(IFS=,; echo "${replica_urls[*]}")"
