#!/usr/bin/env bash
# Before/after of the repositories in process: runs two builds of bench/repository_bench
# alternately (ROUNDS times each, order swapped every round so that drift in the machine's load
# falls on both), each on SQLite and on a fresh database of one throw-away PostgreSQL, and
# prints the median CPU and wall time per operation of each with the after/before ratios.
# Usage: bash bench/compare-repositories.sh BEFORE_BIN AFTER_BIN
#   ROUNDS=3 MIN_TIME=1 FILTER=<regex of benchmark names>; every round's CPU times go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: compare-repositories.sh BEFORE_BIN AFTER_BIN}
after=${2:?usage: compare-repositories.sh BEFORE_BIN AFTER_BIN}
rounds=${ROUNDS:-3}
work=$(mktemp -d /tmp/store-repo-compare.XXXXXX)
chmod 755 "$work"
trap 'scripts/stop-postgres.sh "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
url=$(scripts/start-postgres.sh "$work/pg")
run=0
for round in $(seq 1 "$rounds"); do
  order="before after"
  [ $((round % 2)) -eq 0 ] && order="after before"
  for which in $order; do
    run=$((run + 1))
    bin=$before
    [ "$which" = after ] && bin=$after
    psql -q "$url" -c "CREATE DATABASE bench_$run" >/dev/null
    echo "compare: round $round $which" >&2
    STORE_BENCH_PG_URL=${url%/*}/bench_$run "$bin" --benchmark_min_time="${MIN_TIME:-1}" \
      --benchmark_filter="${FILTER:-.}" \
      --benchmark_format=json --benchmark_out="$work/$which-$round.json" >/dev/null
  done
done
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def load(which):
    runs = {}
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{work}/{which}-{r}.json"))["benchmarks"]:
            runs.setdefault(b["name"], []).append((b["cpu_time"], b["real_time"]))
    for name, values in runs.items():
        print(f"{which} {name}: CPU µs per round " + ", ".join(f"{c / 1000:.1f}" for c, _ in values), file=sys.stderr)
    return {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in runs.items()}
before, after = load("before"), load("after")
print(f"| operation | CPU µs before → after | after/before | wall µs before → after | after/before |")
print("|---|---|---|---|---|")
for name in before:
    (cb, wb), (ca, wa) = before[name], after[name]
    print(f"| {name} | {cb / 1000:,.1f} → {ca / 1000:,.1f} | {ca / cb:.2f} | {wb / 1000:,.1f} → {wa / 1000:,.1f} | {wa / wb:.2f} |")
PY
