# Shell functions bench/run.sh and bench/scale/run.sh share (sourced; they set SVC_PID, PG_DIR,
# WORK).

# Stops the service (SIGTERM, then SIGKILL after 15 s) and forgets its pid.
stop_service() {
  if [ -n "$SVC_PID" ] && kill -0 "$SVC_PID" 2>/dev/null; then
    kill -TERM "$SVC_PID" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SVC_PID" 2>/dev/null || true
    wait "$SVC_PID" 2>/dev/null || true
  fi
  SVC_PID=""
}

# Stops the throw-away PostgreSQL in PG_DIR (its server log kept in WORK first), if any.
stop_postgres() {
  if [ -n "$PG_DIR" ]; then
    # Keep the server log for inspection before stop-postgres.sh removes the directory.
    cp "$PG_DIR/server.log" "$WORK/postgres-server.log" 2>/dev/null || true
    bash scripts/stop-postgres.sh "$PG_DIR" || true
  fi
  PG_DIR=""
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
