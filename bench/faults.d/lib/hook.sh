# shellcheck shell=bash
# Sourced by the hooks of bench/faults.d: a work directory under /tmp (TMPDIR points there, so
# the service's data directories land in it too), a trap that ends every process the run
# started (pids recorded in $HOOK_WORK/pids, Redis and PostgreSQL by their stop scripts) and
# removes the directory, a throw-away PostgreSQL, and node runs bounded in time.
HOOK_WORK=$(mktemp -d /tmp/faults-hook.XXXXXX)
export TMPDIR=$HOOK_WORK
HOOK_NODE_PID=

hook_cleanup() {
  if [ -n "$HOOK_NODE_PID" ]; then kill "$HOOK_NODE_PID" 2>/dev/null && wait "$HOOK_NODE_PID" 2>/dev/null; fi
  if [ -f "$HOOK_WORK/pids" ]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null; done <"$HOOK_WORK/pids"
  fi
  for dir in "$HOOK_WORK"/redis-*; do
    [ -d "$dir" ] && scripts/stop-redis.sh "$dir"
  done
  [ -d "$HOOK_WORK/pg" ] && scripts/stop-postgres.sh "$HOOK_WORK/pg" >/dev/null 2>&1
  rm -rf "$HOOK_WORK"
}
trap hook_cleanup EXIT
trap 'exit 130' INT TERM

hook_start_postgres() {
  API_TEST_PG_URL=$(scripts/start-postgres.sh "$HOOK_WORK/pg" | tail -n 1) || {
    echo "could not start PostgreSQL" >&2
    exit 1
  }
  export API_TEST_PG_URL
}

# Runs a node script with a deadline (FAULTS_HOOK_TIMEOUT_S, default 180 s): SIGTERM, which the
# script answers by killing what it started, then SIGKILL 10 s later.
hook_node() {
  timeout -k 10 "${FAULTS_HOOK_TIMEOUT_S:-180}" node "$@" &
  HOOK_NODE_PID=$!
  wait "$HOOK_NODE_PID"
  local rc=$?
  HOOK_NODE_PID=
  return "$rc"
}
