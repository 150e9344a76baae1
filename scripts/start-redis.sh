#!/usr/bin/env bash
# Starts a throw-away redis-server (Debian's) for the tests in DIR (created if missing) on a
# free loopback port — or on PORT, to restart one that was killed — without persistence, and
# prints exactly one line: redis://127.0.0.1:PORT/0
# The server's pid is in DIR/redis.pid (tests SIGKILL it to simulate an outage).
# Usage: scripts/start-redis.sh DIR [PORT]        Stop with: scripts/stop-redis.sh DIR
set -euo pipefail

dir=${1:?usage: start-redis.sh DIR [PORT]}
wanted_port=${2:-}
bin=${REDIS_SERVER:-redis-server}
cli=${REDIS_CLI:-redis-cli}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

ready() {
  [ "$("$cli" -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]
}

# The port is free when we look but may be taken before the server binds it: try a few.
for _ in 1 2 3 4 5; do
  port=${wanted_port:-$(free_port)}
  rm -f "$dir/redis.pid"
  "$bin" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" \
    --protected-mode no >/dev/null
  # Bounded wait (~10 s) for PING; the daemon writes its pid file once it runs.
  for _ in $(seq 1 100); do
    if ready "$port"; then
      echo "redis://127.0.0.1:$port/0"
      exit 0
    fi
    if [ -f "$dir/redis.pid" ] && ! kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
      break # it died (port taken): try another port
    fi
    sleep 0.1
  done
  if [ -f "$dir/redis.pid" ]; then
    kill -9 "$(cat "$dir/redis.pid")" 2>/dev/null || true
  fi
  [ -n "$wanted_port" ] && break # a fixed port: no other to try
done
echo "start-redis: the server did not start; see $dir/redis.log" >&2
tail -n 20 "$dir/redis.log" >&2 2>/dev/null || true
exit 1
