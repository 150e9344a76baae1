#!/usr/bin/env bash
# Before/after over HTTP: runs bench/run.sh with two binaries alternately (ORDER, default
# "before after after before", so that drift in the machine's load falls on both), keeps each
# run's rows, and prints per request the median req/s and CPU per request (service +
# PostgreSQL) of each binary with the after/before ratios and every run's req/s.
# Usage: bash bench/compare-http.sh BEFORE_BIN AFTER_BIN
#   ORDER="before after after before" OUT=build/bench/compare; bench/run.sh's knobs apply
#   (BENCH_MODES, BENCH_NOCACHE, BENCH_SECONDS, BENCH_HEY_SECONDS, …).
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: compare-http.sh BEFORE_BIN AFTER_BIN}
after=${2:?usage: compare-http.sh BEFORE_BIN AFTER_BIN}
out=${OUT:-build/bench/compare}
rm -rf "$out"
mkdir -p "$out"
n=0
for which in ${ORDER:-before after after before}; do
  n=$((n + 1))
  bin=$before
  [ "$which" = after ] && bin=$after
  echo "compare-http: run $n $which, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  STORE_SERVICE_BIN=$bin bash bench/run.sh > "$out/run$n-$which.out" 2>&1
  cp build/bench/results.jsonl "$out/run$n-$which.jsonl"
done
python3 - "$out" <<'PY'
import glob, json, os, statistics, sys
out = sys.argv[1]
names = {"get_store": "GET /api/stores/{id}", "list_page": "GET /api/stores?pageSize=100",
         "create_store": "POST /api/stores"}
runs = {"before": [], "after": []}
for path in sorted(glob.glob(f"{out}/run*-*.jsonl"), key=lambda p: int(os.path.basename(p)[3:].split("-")[0])):
    rows = {}
    for line in open(path):
        r = json.loads(line)
        if r.get("target") == "service" and r.get("kind") in ("wrk", "hey"):
            cpu = (r["svc_cpu_s"] + r.get("pg_cpu_s", 0)) * 1000 / max(r["requests"], 1)
            rows[(r["mode"], r["scenario"], r["variant"], r["kind"])] = (r["rps"], cpu)
    runs["after" if path.endswith("-after.jsonl") else "before"].append(rows)
print("| db | request | cache | tool | req/s before → after | after/before | CPU ms/req before → after | after/before | per run before; after |")
print("|---|---|---|---|---|---|---|---|---|")
for key in runs["before"][0]:
    b = [r[key] for r in runs["before"] if key in r]
    a = [r[key] for r in runs["after"] if key in r]
    if not a:
        continue
    rb, ra = statistics.median(x[0] for x in b), statistics.median(x[0] for x in a)
    cb, ca = statistics.median(x[1] for x in b), statistics.median(x[1] for x in a)
    mode, scenario, variant, tool = key
    print(f"| {mode} | {names.get(scenario, scenario)} | {'on' if variant == 'cache' else 'off'} | {tool} "
          f"| {rb:,.0f} → {ra:,.0f} | {ra / rb:.2f} | {cb:.3f} → {ca:.3f} | {ca / cb:.2f} "
          f"| {', '.join(f'{x[0]:,.0f}' for x in b)}; {', '.join(f'{x[0]:,.0f}' for x in a)} |")
PY
