#!/usr/bin/env bash
# HTTP benchmarks of store-service against an nginx baseline measured in the same run.
# Called by `make bench`; see docs/performance.md for the method and the recorded figures.
#
# For each database mode (embedded SQLite, then a throw-away PostgreSQL) it:
#   1. starts the service on 127.0.0.1 with rate limiting and the access log off; records RSS;
#   2. logs in and seeds BENCH_STORES stores (bench/seed.mjs), saving the service's exact
#      response bodies; records RSS;
#   3. starts nginx on 127.0.0.1 (own prefix, own config, access log off) serving those bytes
#      from files with the same headers;
#   4. runs wrk (same threads, connections, duration, Lua scripts) against the service and then
#      nginx for GET /api/stores/{id}, GET /api/stores?pageSize=100 and POST /api/stores, and hey
#      at a fixed request rate for the single-store read and the 100-store page;
#   5. (modes in BENCH_NOCACHE) restarts the service with its in-process cache off and repeats
#      the reads, so the database's own cost shows;
#   6. records CPU time (utime+stime from /proc) of the service, nginx and all PostgreSQL
#      processes around every run, and RSS after the load.
# It prints a table and writes it to build/bench/results.md (raw rows: results.jsonl).
# Everything it starts is stopped on exit, also on failure or Ctrl-C.
#
# Knobs (environment):
#   BENCH_SECONDS=12        duration of each wrk run
#   BENCH_HEY_SECONDS=10    duration of each hey run
#   BENCH_THREADS=2 BENCH_CONNECTIONS=50    wrk settings (the same for the service and nginx)
#   BENCH_HEY_CONCURRENCY=20 BENCH_HEY_QPS=100   hey workers and rate per worker (2,000 req/s)
#   BENCH_STORES=10000      stores to seed
#   BENCH_MODES="sqlite postgres"   database modes to run
#   BENCH_NOCACHE="postgres"        modes that also run the reads with the cache off ("" = none)
#   BENCH_KEEP=1            keep the temporary directory (logs, saved bodies) for inspection
#   STORE_SERVICE_BIN       the binary (default build/release/store-service)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${STORE_SERVICE_BIN:-$ROOT/build/release/store-service}
RUN_SECONDS=${BENCH_SECONDS:-12}
HEY_SECONDS=${BENCH_HEY_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-50}
HEY_CONCURRENCY=${BENCH_HEY_CONCURRENCY:-20}
HEY_QPS=${BENCH_HEY_QPS:-100}
STORES=${BENCH_STORES:-10000}
MODES=${BENCH_MODES:-sqlite postgres}
NOCACHE_MODES=${BENCH_NOCACHE-postgres}
ADMIN_PASSWORD=bench-admin-password-$$
CLK_TCK=$(getconf CLK_TCK)
OUT=$ROOT/build/bench
RESULTS=$OUT/results.jsonl

for tool in wrk hey nginx node curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (run: make deps)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench: $BIN is missing (run: make build)" >&2; exit 1; }
NGINX=$(command -v nginx)

mkdir -p "$OUT"
: >"$RESULTS"
WORK=$(mktemp -d /tmp/store-bench.XXXXXX)
# nginx workers run as "nobody" when we are root, and PostgreSQL as "postgres": let them in.
chmod 755 "$WORK"
# Run a private copy, so a rebuild during the run cannot swap the binary between modes.
cp "$BIN" "$WORK/store-service"
BIN_SHA=$(sha256sum "$WORK/store-service" | head -c 12)
BIN=$WORK/store-service

SVC_PID=""
NGINX_PID=""
PG_DIR=""
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

stop_nginx() {
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID" 2>/dev/null || true   # graceful; the master stops its workers
    for _ in $(seq 1 100); do kill -0 "$NGINX_PID" 2>/dev/null || break; sleep 0.1; done
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  NGINX_PID=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_service
  stop_nginx
  stop_postgres
  if [ "${BENCH_KEEP:-0}" = "1" ] || [ "$rc" -ne 0 ]; then
    echo "bench: logs and saved bodies kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}


# CPU ticks (utime+stime, plus reaped children's cutime+cstime) of PID and its live children.
tree_ticks() {
  local root=$1
  [ -n "$root" ] || { echo 0; return; }
  # Processes may end while we read: cat then fails for them, which is fine.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$root" '
    { pid = $1; s = $0; sub(/^.*\) /, "", s); split(s, f, " ")
      # after the command name: f[2] ppid, f[12] utime, f[13] stime, f[14] cutime, f[15] cstime
      if (pid == root) total += f[12] + f[13] + f[14] + f[15]
      else if (f[2] == root) total += f[12] + f[13] }
    END { print total + 0 }'
}

pg_pid() {
  if [ -n "$PG_DIR" ]; then head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null || true; fi
}

json_escape() { sed 's/\\/\\\\/g; s/"/\\"/g' <<<"$1"; }

record() { echo "$1" >>"$RESULTS"; }

# start_service LABEL [VAR=value ...]: starts the service, waits for "listening", sets SVC_PORT.
start_service() {
  local label=$1
  shift
  local log=$WORK/service-$label.log
  env RATE_LIMIT_RPS=0 ACCESS_LOG=false LOG_LEVEL=info \
    BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" ACCESS_TOKEN_TTL_SECONDS=86400 \
    "$@" "$BIN" serve --port 0 --bind 127.0.0.1 --data-dir "$WORK/data-$MODE" >"$log" 2>&1 &
  SVC_PID=$!
  SVC_PORT=""
  for _ in $(seq 1 300); do
    SVC_PORT=$(grep -m1 '"msg":"listening"' "$log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
    [ -n "$SVC_PORT" ] && break
    kill -0 "$SVC_PID" 2>/dev/null || { echo "bench: the service exited at start:" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$SVC_PORT" ] || { echo "bench: the service did not listen within 30 s" >&2; tail -n 20 "$log" >&2; exit 1; }
  SVC_LOG=$log
}

login() {
  local answer
  answer=$(curl -sS --max-time 10 "http://127.0.0.1:$SVC_PORT/api/auth/login" \
    -H 'content-type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\",\"rememberMe\":false}")
  TOKEN=$(grep -o '"accessToken":"[^"]*"' <<<"$answer" | cut -d'"' -f4)
  [ -n "$TOKEN" ] || { echo "bench: login failed: $answer" >&2; exit 1; }
  export BENCH_TOKEN=$TOKEN
}

check_alive() {
  if ! kill -0 "$SVC_PID" 2>/dev/null; then
    echo "bench: the service died during $1; last log lines:" >&2
    tail -n 30 "$SVC_LOG" >&2
    exit 1
  fi
}

start_nginx() {
  local prefix=$WORK/nginx-$MODE www=$WORK/seed-$MODE/www
  mkdir -p "$prefix/tmp"
  NGINX_PORT=$(free_port)
  # The same headers the service sends, so both answers have (nearly) the same size.
  cat >"$prefix/nginx.conf" <<EOF
worker_processes ${BENCH_NGINX_WORKERS:-2};
daemon off;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  sendfile on;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $prefix/tmp/body;
  proxy_temp_path $prefix/tmp/proxy;
  fastcgi_temp_path $prefix/tmp/fastcgi;
  uwsgi_temp_path $prefix/tmp/uwsgi;
  scgi_temp_path $prefix/tmp/scgi;
  types { }
  default_type application/json;
  map \$args \$page_file {
    default /list/0.json;
    include $WORK/seed-$MODE/nginx-pages.map;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $www;
    add_header Cache-Control no-cache always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Referrer-Policy no-referrer always;
    add_header Cross-Origin-Opener-Policy same-origin always;
    add_header Content-Security-Policy "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'" always;
    add_header X-Request-Id 0123456789abcdef always;
    # GET: the saved page for these query arguments. POST: the static module answers 405,
    # which error_page turns into a GET of the saved 201 body.
    location = /api/stores {
      error_page 405 =201 /post.json;
      try_files \$page_file =404;
    }
    location /api/stores/ { }
    location = /post.json { }
  }
}
EOF
  "$NGINX" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" >"$prefix/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 100); do
    curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$NGINX_PORT/list/0.json" && return 0
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: nginx did not start:" >&2
  cat "$prefix/error.log" "$prefix/stdout.log" >&2 || true
  exit 1
}

# Checks that nginx answers with exactly the bytes the service gave.
check_nginx_bytes() {
  local id url a b
  id=$(head -n 1 "$WORK/seed-$MODE/ids.txt")
  url=$(sed -n 2p "$WORK/seed-$MODE/pages.txt")
  for path in "/api/stores/$id" "$url"; do
    a=$(curl -s --max-time 10 -H "authorization: Bearer $TOKEN" "http://127.0.0.1:$SVC_PORT$path" | md5sum)
    b=$(curl -s --max-time 10 "http://127.0.0.1:$NGINX_PORT$path" | md5sum)
    [ "$a" = "$b" ] || { echo "bench: nginx and the service answer $path differently" >&2; exit 1; }
  done
  a=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST -H 'content-type: application/json' \
    -d '{}' "http://127.0.0.1:$NGINX_PORT/api/stores")
  [ "$a" = 201 ] || { echo "bench: nginx answers POST /api/stores with $a, not 201" >&2; exit 1; }
}

# snapshot / measured: CPU ticks of the service, nginx and PostgreSQL around a run.
snapshot() { T0_SVC=$(tree_ticks "$SVC_PID"); T0_NGX=$(tree_ticks "$NGINX_PID"); T0_PG=$(tree_ticks "$(pg_pid)"); }
cpu_fields() {
  local svc ngx pg
  svc=$(( $(tree_ticks "$SVC_PID") - T0_SVC ))
  ngx=$(( $(tree_ticks "$NGINX_PID") - T0_NGX ))
  pg=$(( $(tree_ticks "$(pg_pid)") - T0_PG ))
  awk -v s="$svc" -v n="$ngx" -v p="$pg" -v hz="$CLK_TCK" \
    'BEGIN { printf "\"svc_cpu_s\":%.2f,\"nginx_cpu_s\":%.2f,\"pg_cpu_s\":%.2f", s/hz, n/hz, p/hz }'
}

# run_wrk SCENARIO TARGET VARIANT
run_wrk() {
  local scenario=$1 target=$2 variant=$3 port script path log line
  case $target in service) port=$SVC_PORT ;; nginx) port=$NGINX_PORT ;; esac
  case $scenario in
    get_store) script=get_store.lua; path=/ ;;
    list_page) script=list_stores.lua; path=/ ;;
    create_store) script=create_store.lua; path=/api/stores ;;
  esac
  log=$WORK/wrk-$MODE-$variant-$scenario-$target.log
  printf 'bench: %-8s %-7s wrk %-12s %-7s ' "$MODE" "$variant" "$scenario" "$target"
  snapshot
  BENCH_SALT=$(printf '%s' "$MODE$variant" | md5sum | tr 'a-f' 'A-F' | head -c 3) \
    timeout $((RUN_SECONDS + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${RUN_SECONDS}s" --timeout 5s \
    --latency -s "$ROOT/bench/$script" "http://127.0.0.1:$port$path" >"$log" 2>&1 || true
  line=$(grep -m1 '^BENCH ' "$log" | cut -d' ' -f2- || true)
  [ "$target" = service ] && check_alive "wrk $scenario"
  # wrk carries on with plain GET / when a Lua script fails to load: treat that as a failure.
  if [ -z "$line" ] || grep -q '\.lua:' "$log"; then
    echo "bench: wrk failed:" >&2
    cat "$log" >&2
    exit 1
  fi
  line="${line%\}},$(cpu_fields),\"kind\":\"wrk\",\"mode\":\"$MODE\",\"variant\":\"$variant\",\"scenario\":\"$scenario\",\"target\":\"$target\"}"
  record "$line"
  grep -o '"rps":[0-9.]*\|"p99_us":[0-9]*\|"err_status":[0-9]*' <<<"$line" | tr '\n' ' '
  echo
}

# run_hey SCENARIO TARGET VARIANT: a fixed request rate, latency percentiles.
run_hey() {
  local scenario=$1 target=$2 variant=$3 port path log line
  case $target in service) port=$SVC_PORT ;; nginx) port=$NGINX_PORT ;; esac
  case $scenario in
    get_store) path=/api/stores/$(head -n 1 "$WORK/seed-$MODE/ids.txt") ;;
    list_page) path="/api/stores?pageSize=100&page=1" ;;
  esac
  log=$WORK/hey-$MODE-$variant-$scenario-$target.log
  printf 'bench: %-8s %-7s hey %-12s %-7s ' "$MODE" "$variant" "$scenario" "$target"
  snapshot
  timeout $((HEY_SECONDS + 60)) hey -z "${HEY_SECONDS}s" -c "$HEY_CONCURRENCY" -q "$HEY_QPS" -t 10 \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$path" >"$log" 2>&1 || true
  [ "$target" = service ] && check_alive "hey $scenario"
  line=$(awk -f "$ROOT/bench/hey-summary.awk" "$log") || { echo "bench: hey failed:" >&2; cat "$log" >&2; exit 1; }
  line="$line,$(cpu_fields),\"kind\":\"hey\",\"mode\":\"$MODE\",\"variant\":\"$variant\",\"scenario\":\"$scenario\",\"target\":\"$target\",\"offered_rps\":$((HEY_CONCURRENCY * HEY_QPS))}"
  record "$line"
  grep -o '"rps":[0-9.]*\|"p99_us":[0-9]*\|"err_status":[0-9]*' <<<"$line" | tr '\n' ' '
  echo
}

record_rss() {  # PHASE
  local kb
  kb=$(rss_kb "$SVC_PID")
  record "{\"kind\":\"mem\",\"mode\":\"$MODE\",\"phase\":\"$1\",\"rss_kb\":$kb}"
  echo "bench: $MODE RSS $1: $((kb / 1024)) MiB"
}

log_problems() {  # count warn/error lines in the service log
  local n
  n=$(grep -c '"level":"\(warn\|warning\|error\|critical\)"' "$SVC_LOG" || true)
  if [ "${n:-0}" -gt 0 ]; then
    record "{\"kind\":\"log\",\"mode\":\"$MODE\",\"log\":\"$(basename "$SVC_LOG")\",\"problems\":$n,\"sample\":\"$(json_escape "$(grep -m3 '"level":"\(warn\|warning\|error\|critical\)"' "$SVC_LOG" | head -c 600)")\"}"
    echo "bench: $n warning/error lines in $(basename "$SVC_LOG")"
  fi
}

record "{\"kind\":\"meta\",\"date\":\"$(date -u +%Y-%m-%dT%H:%MZ)\",\"commit\":\"$(git rev-parse --short HEAD 2>/dev/null || echo none)\",\"binary_sha256\":\"$BIN_SHA\",\"cpus\":$(nproc),\"cpu_model\":\"$(json_escape "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')")\",\"load_before\":\"$(cut -d' ' -f1-3 /proc/loadavg)\",\"seconds\":$RUN_SECONDS,\"hey_seconds\":$HEY_SECONDS,\"threads\":$THREADS,\"connections\":$CONNECTIONS,\"hey_concurrency\":$HEY_CONCURRENCY,\"hey_qps\":$HEY_QPS,\"stores\":$STORES,\"wrk\":\"$(json_escape "$(wrk -v 2>&1 | head -n 1)")\",\"nginx\":\"$(json_escape "$("$NGINX" -v 2>&1)")\"}"

for MODE in $MODES; do
  db_env=()
  case $MODE in
    sqlite) ;;
    postgres)
      PG_DIR=$WORK/pg
      url=$(bash scripts/start-postgres.sh "$PG_DIR")
      db_env=(DATABASE_URL="$url")
      ;;
    *) echo "bench: unknown mode $MODE (sqlite or postgres)" >&2; exit 1 ;;
  esac
  echo "bench: === $MODE"

  start_service "$MODE" "${db_env[@]}"
  sleep 1
  record_rss idle_after_start
  login

  mkdir -p "$WORK/seed-$MODE"
  export BENCH_IDS=$WORK/seed-$MODE/ids.txt BENCH_PAGES=$WORK/seed-$MODE/pages.txt
  snapshot
  seed=$(timeout 900 node bench/seed.mjs "http://127.0.0.1:$SVC_PORT" "$TOKEN" "$WORK/seed-$MODE" "$STORES")
  check_alive seeding
  record "${seed%\}},$(cpu_fields),\"kind\":\"seed\",\"mode\":\"$MODE\"}"
  echo "bench: seeded: $seed"
  record_rss after_seed

  start_nginx
  check_nginx_bytes

  for scenario in get_store list_page; do
    run_wrk "$scenario" service cache
    run_wrk "$scenario" nginx cache
  done
  for scenario in get_store list_page; do
    run_hey "$scenario" service cache
    run_hey "$scenario" nginx cache
  done
  record_rss after_reads
  log_problems

  if [[ " $NOCACHE_MODES " == *" $MODE "* ]]; then
    stop_service
    start_service "$MODE-nocache" "${db_env[@]}" CACHE_MAX_STORES=0 CACHE_MAX_PAGES=0
    login
    for scenario in get_store list_page; do run_wrk "$scenario" service nocache; done
    for scenario in get_store list_page; do run_hey "$scenario" service nocache; done
    log_problems
    stop_service
    start_service "$MODE-writes" "${db_env[@]}"
    login
  fi

  run_wrk create_store service cache
  run_wrk create_store nginx cache
  record_rss after_writes
  log_problems

  stop_service
  stop_nginx
  stop_postgres
done

record "{\"kind\":\"meta_end\",\"load_after\":\"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
node bench/report.mjs "$RESULTS" | tee "$OUT/results.md"
echo "bench: written to build/bench/results.md and build/bench/results.jsonl"
