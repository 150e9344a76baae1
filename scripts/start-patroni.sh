#!/usr/bin/env bash
# Starts a throw-away Patroni cluster in DIR on free loopback ports: one etcd (Debian
# etcd-server) and three Patroni members (Debian patroni) running PostgreSQL 15 with
# synchronous_mode on. Ready when there is a leader and two streaming replicas, one of them
# synchronous. Prints KEY=VALUE lines: DATA, ETCD_PORT, PG_PORTS (pg1,pg2,pg3), REST_PORTS,
# MULTI_URL (every member, target_session_attrs=read-write).
# Usage: scripts/start-patroni.sh DIR     Stop with: scripts/stop-patroni.sh DIR
set -euo pipefail

dir=${1:?usage: start-patroni.sh DIR}
bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
ttl=${PATRONI_TTL:-10}
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

etcd_client=$(free_port)
etcd_peer=$(free_port)
"${as_pg[@]}" bash -c "nohup etcd --name e1 --data-dir '$dir/etcd' \
  --listen-client-urls http://127.0.0.1:$etcd_client --advertise-client-urls http://127.0.0.1:$etcd_client \
  --listen-peer-urls http://127.0.0.1:$etcd_peer --initial-advertise-peer-urls http://127.0.0.1:$etcd_peer \
  --initial-cluster e1=http://127.0.0.1:$etcd_peer >'$dir/etcd.log' 2>&1 & echo \$! >'$dir/etcd.pid'"
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$etcd_client/health" >/dev/null 2>&1 && break
  sleep 0.1
done

pg_ports=()
rest_ports=()
for i in 1 2 3; do
  pg=$(free_port)
  rest=$(free_port)
  pg_ports+=("$pg")
  rest_ports+=("$rest")
  mkdir -p "$dir/pg$i"
  cat >"$dir/pg$i.yml" <<YAML
scope: store
name: pg$i
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
etcd3:
  hosts: 127.0.0.1:$etcd_client
bootstrap:
  dcs:
    ttl: $ttl
    loop_wait: 1
    retry_timeout: 3
    synchronous_mode: true
    postgresql:
      use_pg_rewind: false
      parameters:
        fsync: 'off'
        full_page_writes: 'off'
        wal_level: replica
        hot_standby: 'on'
        max_connections: 200
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $dir/pg$i/data
  bin_dir: $bin
  pgpass: $dir/pg$i/pgpass
  basebackup:
    - checkpoint: fast
  authentication:
    superuser:
      username: postgres
    replication:
      username: postgres
  parameters:
    unix_socket_directories: '$dir'
  pg_hba:
    - local all all trust
    - host replication postgres 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
YAML
  chown -R "$(stat -c %U "$dir")" "$dir/pg$i" "$dir/pg$i.yml"
  "${as_pg[@]}" bash -c "nohup patroni '$dir/pg$i.yml' >'$dir/pg$i.log' 2>&1 & echo \$! >'$dir/pg$i/patroni.pid'"
  if [ "$i" -eq 1 ]; then
    # Let the first member bootstrap (initdb) before the others join as replicas.
    for _ in $(seq 1 300); do
      curl -fs "http://127.0.0.1:$rest/primary" >/dev/null 2>&1 && break
      sleep 0.1
    done
    "$bin/psql" -qAt -h 127.0.0.1 -p "$pg" -U postgres -d postgres -c "CREATE DATABASE store" >/dev/null
  fi
done

# Ready: a leader, two streaming replicas, one synchronous (bounded, ~90 s).
ok=0
for _ in $(seq 1 900); do
  state=$(curl -fs "http://127.0.0.1:${rest_ports[0]}/cluster" 2>/dev/null |
    python3 -c 'import json,sys; m=json.load(sys.stdin)["members"]; print(sum(x["role"]=="leader" for x in m), sum(x["state"] in ("streaming","running") and x["role"]!="leader" for x in m), sum(x["role"]=="sync_standby" for x in m))' 2>/dev/null || true)
  if [ "$state" = "1 2 1" ]; then ok=1; break; fi
  sleep 0.1
done
if [ "$ok" -ne 1 ]; then
  echo "start-patroni: cluster not ready (leader/replicas/sync: $state); see $dir/*.log" >&2
  exit 1
fi
hosts=$(printf '127.0.0.1:%s,' "${pg_ports[@]}")
echo "DATA=$dir"
echo "ETCD_PORT=$etcd_client"
echo "PG_PORTS=$(IFS=,; echo "${pg_ports[*]}")"
echo "REST_PORTS=$(IFS=,; echo "${rest_ports[*]}")"
echo "MULTI_URL=postgresql://postgres@${hosts%,}/store?target_session_attrs=read-write"
