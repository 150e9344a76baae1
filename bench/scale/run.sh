#!/usr/bin/env bash
# `make bench-scale`: the database path at a retail chain's scale (issue 15), caches off.
# See docs/performance.md ("At chain scale") for the method and the recorded figures.
#
# For each database mode (a throw-away PostgreSQL 15, then embedded SQLite) it:
#   1. starts the service once on an empty database, so that its migrations create the schema,
#      and stops it;
#   2. fills the database with SQL (fill-postgres.sql / fill-sqlite.sql: stores, audit entries,
#      stock items with skewed names, cities, tags and actors), the tables' plain indexes dropped
#      during the fill and built again after it, and times the fill;
#   3. starts the service with its caches off (CACHE_MAX_STORES=0 CACHE_MAX_PAGES=0), logs in and
#      looks up the values the scenarios need (a store in the middle of each sort order, ...);
#   4. runs every scenario with hey: SCALE_CLIENTS concurrent clients for SCALE_SECONDS each
#      (a client finishes its request in flight at the end), and records p50, p99, req/s,
#      non-2xx answers and the service's RSS after the scenario.
# It prints a table per database and writes build/bench-scale/results.md (rows: results.jsonl).
# Everything it starts is stopped on exit, also on failure or Ctrl-C.
#
# Knobs (environment):
#   SCALE=1                 multiplies every size below (SCALE=0.1: a quick run at 1/10)
#   SCALE_STORES=1000000 SCALE_AUDIT=10000000 SCALE_ITEMS=2000000        PostgreSQL sizes
#   SCALE_SQLITE_STORES=100000 SCALE_SQLITE_AUDIT=1000000 SCALE_SQLITE_ITEMS=200000   SQLite sizes
#   SCALE_SECONDS=10        duration of each scenario
#   SCALE_CLIENTS=4         concurrent clients
#   SCALE_MODES="postgres sqlite"   database modes to run
#   SCALE_ONLY=regex        run only the scenarios whose name matches
#   SCALE_KEEP=1            keep the temporary directory (database, logs) for inspection
#   SCALE_PG_URL=url        use this filled PostgreSQL database instead of starting and filling
#                           one (to compare two binaries on the same data; the service migrates it)
#   SCALE_SQLITE_FILE=path  likewise: a copy of this filled SQLite database
#   STORE_SERVICE_BIN       the binary (default build/release/store-service)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

BIN=${STORE_SERVICE_BIN:-$ROOT/build/release/store-service}
SCALE=${SCALE:-1}
size() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s); print (v < 1000 ? 1000 : v) }'; }
PG_STORES=${SCALE_STORES:-$(size 1000000)}
PG_AUDIT=${SCALE_AUDIT:-$(size 10000000)}
PG_ITEMS=${SCALE_ITEMS:-$(size 2000000)}
SQLITE_STORES=${SCALE_SQLITE_STORES:-$(size 100000)}
SQLITE_AUDIT=${SCALE_SQLITE_AUDIT:-$(size 1000000)}
SQLITE_ITEMS=${SCALE_SQLITE_ITEMS:-$(size 200000)}
SECONDS_EACH=${SCALE_SECONDS:-10}
CLIENTS=${SCALE_CLIENTS:-4}
MODES=${SCALE_MODES:-postgres sqlite}
ONLY=${SCALE_ONLY:-}
# Fixed: a database filled by an earlier run (SCALE_PG_URL) keeps the admin it bootstrapped.
ADMIN_PASSWORD=bench-scale-admin-password
OUT=$ROOT/build/bench-scale
RESULTS=$OUT/results.jsonl

for tool in hey curl python3 psql sqlite3; do
  command -v "$tool" >/dev/null || { echo "bench-scale: $tool is missing (run: make deps)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench-scale: $BIN is missing (run: make build)" >&2; exit 1; }

mkdir -p "$OUT"
: >"$RESULTS"
WORK=$(mktemp -d /tmp/store-bench-scale.XXXXXX)
chmod 755 "$WORK"  # PostgreSQL runs as "postgres" when we are root
# A private copy, so a rebuild during the run cannot swap the binary between modes.
cp "$BIN" "$WORK/store-service"
BIN_SHA=$(sha256sum "$WORK/store-service" | head -c 12)
BIN=$WORK/store-service

SVC_PID=""
PG_DIR=""
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_service
  stop_postgres
  if [ "${SCALE_KEEP:-0}" = "1" ] || [ "$rc" -ne 0 ]; then
    echo "bench-scale: logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

record() { echo "$1" >>"$RESULTS"; }
now_ms() { date +%s%3N; }

# start_service LABEL [VAR=value ...]: starts the service, waits for "listening", sets SVC_PORT.
start_service() {
  local label=$1
  shift
  local log=$WORK/service-$label.log
  env RATE_LIMIT_RPS=0 ACCESS_LOG=false LOG_LEVEL=info \
    BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" ACCESS_TOKEN_TTL_SECONDS=86400 \
    "${DB_ENV[@]}" "$@" "$BIN" serve --port 0 --bind 127.0.0.1 --data-dir "$WORK/data-$MODE" >"$log" 2>&1 &
  SVC_PID=$!
  SVC_PORT=""
  for _ in $(seq 1 600); do
    SVC_PORT=$(grep -m1 '"msg":"listening"' "$log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
    [ -n "$SVC_PORT" ] && break
    kill -0 "$SVC_PID" 2>/dev/null || { echo "bench-scale: the service exited at start:" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$SVC_PORT" ] || { echo "bench-scale: the service did not listen within 60 s" >&2; tail -n 20 "$log" >&2; exit 1; }
  SVC_LOG=$log
}

login() {
  local answer
  answer=$(curl -sS --max-time 30 "http://127.0.0.1:$SVC_PORT/api/auth/login" \
    -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\",\"rememberMe\":false}")
  TOKEN=$(grep -o '"accessToken":"[^"]*"' <<<"$answer" | cut -d'"' -f4)
  [ -n "$TOKEN" ] || { echo "bench-scale: login failed: $answer" >&2; exit 1; }
}

# sql QUERY: one value (first column of the first row) from the database of this mode.
sql() {
  case $MODE in
    postgres) psql -XAtq -v ON_ERROR_STOP=1 "$PG_URL" -c "$1" ;;
    sqlite) sqlite3 -batch "$SQLITE_DB" "$1" ;;
  esac
}

# The tables' indexes that are not constraints: dropped before the SQLite fill, built after it.
sqlite_fill() {
  local tables="'stores','audit_log','stock_items'" indexes
  indexes=$(sqlite3 -batch "$SQLITE_DB" \
    "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables)")
  sqlite3 -batch "$SQLITE_DB" \
    "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($tables)" |
    sqlite3 -batch "$SQLITE_DB"
  sqlite3 -batch -cmd ".parameter set :stores $STORES" -cmd ".parameter set :audit $AUDIT" \
    -cmd ".parameter set :items $ITEMS" "$SQLITE_DB" <bench/scale/fill-sqlite.sql
  echo "fill: indexes"
  { echo "PRAGMA cache_size = -262144;"; echo "$indexes"; echo "ANALYZE;"; } | sqlite3 -batch "$SQLITE_DB"
}

# cursor SORT_EXPR TIME: the cursor of the row in the middle of the order by SORT_EXPR, id:
# hex of "<byte length of the value>:<value><id>", as domain::EncodeCursor writes it.
cursor_at_middle() {
  local expr=$1 is_time=$2 select value id row
  select=$expr
  if [ "$is_time" = 1 ] && [ "$MODE" = postgres ]; then
    select="to_char($expr AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
  fi
  row=$(sql "SELECT $select || '|' || id FROM stores ORDER BY $expr, id LIMIT 1 OFFSET $((STORES / 2))")
  value=${row%|*}
  id=${row##*|}
  printf '%s:%s%s' "$(printf '%s' "$value" | wc -c)" "$value" "$id" | od -An -tx1 | tr -d ' \n'
}

# scenario NAME PATH: hey with CLIENTS clients for SECONDS_EACH against PATH; records a row.
scenario() {
  local name=$1 path=$2 log line status
  if [ -n "$ONLY" ] && ! [[ $name =~ $ONLY ]]; then return 0; fi
  log=$WORK/hey-$MODE-$name.log
  # One request first: a scenario whose answer is not 200 is a broken scenario, not a figure.
  status=$(curl -s -o "$WORK/first-$MODE-$name.json" -w '%{http_code}' --max-time 120 \
    -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$SVC_PORT$path")
  if [ "$status" != 200 ]; then
    echo "bench-scale: $name: GET $path answered $status:" >&2
    head -c 600 "$WORK/first-$MODE-$name.json" >&2
    exit 1
  fi
  printf 'bench-scale: %-8s %-28s ' "$MODE" "$name"
  timeout $((SECONDS_EACH + 300)) hey -z "${SECONDS_EACH}s" -c "$CLIENTS" -t 60 \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$SVC_PORT$path" >"$log" 2>&1 || true
  kill -0 "$SVC_PID" 2>/dev/null || { echo "bench-scale: the service died in $name:" >&2; tail -n 30 "$SVC_LOG" >&2; exit 1; }
  line=$(awk -f bench/hey-summary.awk "$log") || { echo "bench-scale: hey failed:" >&2; cat "$log" >&2; exit 1; }
  line="$line,\"rss_kb\":$(rss_kb "$SVC_PID"),\"kind\":\"scenario\",\"mode\":\"$MODE\",\"scenario\":\"$name\",\"path\":\"$path\"}"
  record "$line"
  python3 -c 'import json,sys; r = json.loads(sys.argv[1]); print("p50 %8.1f ms  p99 %8.1f ms  %8.1f req/s  RSS %4d MiB%s" % (r["p50_us"] / 1000, r["p99_us"] / 1000, r["rps"], r["rss_kb"] // 1024, "  errors %d" % (r["err_status"] + r["err_other"]) if r["err_status"] + r["err_other"] else ""))' "$line"
}

run_scenarios() {
  local deep_page=$((STORES / 200)) id code_prefix day from to serial
  [ "$deep_page" -ge 1 ] || deep_page=1
  id=$(sql "SELECT id FROM stores ORDER BY id LIMIT 1 OFFSET $((STORES / 3))")
  # A code without its last digit: up to 10 stores.
  code_prefix=$(sql "SELECT substr(code, 1, 9) FROM stores ORDER BY id LIMIT 1 OFFSET $((STORES / 5))")
  # Stores
  scenario stores.first_page "/api/stores?pageSize=100"
  scenario stores.deep_page "/api/stores?pageSize=100&page=$deep_page"
  scenario stores.status "/api/stores?pageSize=100&status=failed"
  scenario stores.type_sort_name "/api/stores?pageSize=100&type=flagship&sort=name"
  scenario stores.region_sort_updated "/api/stores?pageSize=100&region=Bavaria&sort=-updatedAt"
  scenario stores.country_status_city "/api/stores?pageSize=100&country=DE&status=active&sort=city"
  scenario stores.tag_common "/api/stores?pageSize=100&tag=mall"
  scenario stores.tag_rare "/api/stores?pageSize=100&tag=island"
  scenario stores.q_common "/api/stores?pageSize=100&q=market"
  scenario stores.q_rare "/api/stores?pageSize=100&q=zeppelin%20tromso"
  scenario stores.q_code "/api/stores?pageSize=100&q=$code_prefix"
  scenario stores.q_tag_sort_name "/api/stores?pageSize=100&q=lisbon&tag=pharmacy&sort=name"
  local sort expr is_time
  for sort in code name city status type createdAt updatedAt openingDate; do
    case $sort in
      createdAt) expr=created_at is_time=1 ;;
      updatedAt) expr=updated_at is_time=1 ;;
      openingDate) expr="coalesce(opening_date, '')" is_time=0 ;;
      *) expr=$sort is_time=0 ;;
    esac
    if [ -z "$ONLY" ] || [[ stores.cursor_$sort =~ $ONLY ]]; then
      scenario "stores.cursor_$sort" "/api/stores?pageSize=100&sort=$sort&cursor=$(cursor_at_middle "$expr" "$is_time")"
    fi
  done
  scenario stores.one "/api/stores/$id"
  # Audit
  # A 6-hour window in the middle of the feed.
  case $MODE in
    postgres) day=$(sql "SELECT to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM audit_log WHERE seq = $((AUDIT / 2))") ;;
    sqlite) day=$(sql "SELECT substr(time, 1, 10) FROM audit_log WHERE seq = $((AUDIT / 2))") ;;
  esac
  from=${day}T00:00:00Z
  to=${day}T06:00:00Z
  scenario audit.first_page "/api/audit?pageSize=50"
  scenario audit.deep_page "/api/audit?pageSize=50&page=2000"
  scenario audit.actor "/api/audit?pageSize=50&actor=ops-quinn"
  scenario audit.action_rare "/api/audit?pageSize=50&action=store.deleted"
  scenario audit.store "/api/audit?pageSize=50&storeId=$id"
  scenario audit.time_range "/api/audit?pageSize=50&from=$from&to=$to"
  scenario audit.actor_action_range "/api/audit?pageSize=50&actor=ops-kim&action=store.updated&from=$from&to=$to"
  scenario audit.store_timeline "/api/stores/$id/audit?pageSize=50"
  # Inventory
  serial=$(sql "SELECT serial FROM stock_items ORDER BY id LIMIT 1 OFFSET $((ITEMS / 2))")
  scenario items.status_kind "/api/hardware/items?pageSize=100&status=in_stock&kind=router"
  scenario items.status_deep "/api/hardware/items?pageSize=100&status=installed&page=200"
  scenario items.serial_search "/api/hardware/items?pageSize=100&q=${serial:3:6}"
  scenario items.store "/api/hardware/items?pageSize=100&storeId=$id"
  scenario inventory.pools "/api/network/pools"
}

# Starts the service on the empty database (it migrates it), stops it, fills the database.
migrate_and_fill() {
  local t0
  start_service "$MODE-migrate"
  stop_service
  t0=$(now_ms)
  case $MODE in
    postgres)
      psql -Xq -v ON_ERROR_STOP=1 -v stores="$STORES" -v audit="$AUDIT" -v items="$ITEMS" \
        -f bench/scale/fill-postgres.sql "$PG_URL" | grep '^fill:' || true
      ;;
    sqlite) sqlite_fill ;;
  esac
  FILL_SECONDS=$(( ($(now_ms) - t0) / 1000 ))
  [ "$(sql 'SELECT count(*) FROM stores')" = "$STORES" ] || { echo "bench-scale: the fill did not make $STORES stores" >&2; exit 1; }
  echo "bench-scale: filled in $FILL_SECONDS s"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
record "{\"kind\":\"meta\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"commit\":\"$(git rev-parse --short HEAD 2>/dev/null || echo none)\",\"binary_sha256\":\"$BIN_SHA\",\"cpus\":$(nproc),\"load_before\":\"$LOAD_BEFORE\",\"seconds\":$SECONDS_EACH,\"clients\":$CLIENTS,\"scale\":\"$SCALE\"}"

for MODE in $MODES; do
  DB_ENV=()
  case $MODE in
    postgres)
      STORES=$PG_STORES AUDIT=$PG_AUDIT ITEMS=$PG_ITEMS
      if [ -n "${SCALE_PG_URL:-}" ]; then
        PG_URL=$SCALE_PG_URL
      else
        PG_DIR=$WORK/pg
        PG_URL=$(bash scripts/start-postgres.sh "$PG_DIR")
      fi
      DB_ENV=(DATABASE_URL="$PG_URL")
      REUSE=${SCALE_PG_URL:-}
      ;;
    sqlite)
      STORES=$SQLITE_STORES AUDIT=$SQLITE_AUDIT ITEMS=$SQLITE_ITEMS
      SQLITE_DB=$WORK/data-sqlite/store.db
      REUSE=${SCALE_SQLITE_FILE:-}
      if [ -n "$REUSE" ]; then
        mkdir -p "$WORK/data-sqlite"
        cp "$REUSE" "$SQLITE_DB"
      fi
      ;;
    *) echo "bench-scale: unknown mode $MODE (postgres or sqlite)" >&2; exit 1 ;;
  esac
  if [ -n "$REUSE" ]; then
    STORES=$(sql 'SELECT count(*) FROM stores')
    AUDIT=$(sql 'SELECT max(seq) FROM audit_log')
    ITEMS=$(sql 'SELECT count(*) FROM stock_items')
  fi
  echo "bench-scale: === $MODE: $STORES stores, $AUDIT audit entries, $ITEMS stock items"

  if [ -z "$REUSE" ]; then
    migrate_and_fill
  else
    FILL_SECONDS=null  # filled before
  fi
  record "{\"kind\":\"fill\",\"mode\":\"$MODE\",\"stores\":$STORES,\"audit\":$AUDIT,\"items\":$ITEMS,\"seconds\":$FILL_SECONDS,\"load\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"

  start_service "$MODE" CACHE_MAX_STORES=0 CACHE_MAX_PAGES=0
  login
  record "{\"kind\":\"mem\",\"mode\":\"$MODE\",\"phase\":\"start\",\"rss_kb\":$(rss_kb "$SVC_PID")}"
  run_scenarios
  sleep 5
  record "{\"kind\":\"mem\",\"mode\":\"$MODE\",\"phase\":\"idle_after\",\"rss_kb\":$(rss_kb "$SVC_PID")}"
  stop_service
  stop_postgres
done

record "{\"kind\":\"meta_end\",\"load_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
python3 bench/scale/report.py "$RESULTS" | tee "$OUT/results.md"
