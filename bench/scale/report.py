"""Prints bench/scale/run.sh's results (results.jsonl) as markdown: one table per database."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
meta = next((r for r in rows if r["kind"] == "meta"), {})
end = next((r for r in rows if r["kind"] == "meta_end"), {})
print(f"# make bench-scale, {meta.get('date')}, commit {meta.get('commit')}, "
      f"binary {meta.get('binary_sha256')}")
print()
print(f"{meta.get('cpus')} CPUs, load average before {meta.get('load_before')}, after "
      f"{end.get('load_after')}; {meta.get('clients')} clients, {meta.get('seconds')} s per "
      f"scenario, caches off, SCALE={meta.get('scale')}.")
for mode in dict.fromkeys(r["mode"] for r in rows if "mode" in r):
    fill = next((r for r in rows if r["kind"] == "fill" and r["mode"] == mode), None)
    print()
    if fill:
        filled = (f"filled in {fill['seconds']} s" if fill["seconds"] is not None
                  else "a database filled before")
        print(f"## {mode}: {fill['stores']:,} stores, {fill['audit']:,} audit entries, "
              f"{fill['items']:,} stock items ({filled}, load {fill['load']})")
    else:
        print(f"## {mode}")
    print()
    print("| scenario | p50 ms | p99 ms | req/s | requests | errors | RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if r["kind"] != "scenario" or r["mode"] != mode:
            continue
        flag = "" if r["p99_us"] < 50000 else " ✗"
        print(f"| {r['scenario']}{flag} | {r['p50_us'] / 1000:.1f} | {r['p99_us'] / 1000:.1f} | "
              f"{r['rps']:.1f} | {r['requests']} | {r['err_status'] + r['err_other']} | "
              f"{r['rss_kb'] // 1024} |")
    mem = {r["phase"]: r["rss_kb"] // 1024 for r in rows if r["kind"] == "mem" and r["mode"] == mode}
    if mem:
        print()
        print("RSS: " + ", ".join(f"{k} {v} MiB" for k, v in mem.items()))
print()
print("✗: p99 at or above the 50 ms target.")
