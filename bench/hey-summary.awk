# Summarises hey's text output as the start of a JSON object (no closing brace), e.g.
# {"requests":120,"rps":11.9,"p50_us":...,"err_status":0,"err_other":0
# Fails (exit 1) when the output has no summary. A scenario whose requests outlast the run
# (hey -z) loses the requests in flight at its end: hey counts them as errors. Used by bench/run.sh and bench/scale/run.sh.
/Requests\/sec:/ { rps = $2 }
/^ *10% in/ { p10 = $3 } /^ *50% in/ { p50 = $3 } /^ *90% in/ { p90 = $3 } /^ *99% in/ { p99 = $3 }
/Slowest:/ { max = $2 }
/^Status code distribution:/ { sc = 1; next }
/^Error distribution:/ { sc = 0; ed = 1; next }
sc && /\[[0-9]+\]/ { code = $1; gsub(/[\[\]]/, "", code); n += $2; if (code !~ /^2/) bad += $2 }
ed && /\[[0-9]+\]/ { e = $1; gsub(/[\[\]]/, "", e); errs += e }
END {
  if (rps == "") exit 1
  # hey leaves out the percentiles it has too few samples for: the slowest bounds them then.
  if (p50 == "") p50 = max
  if (p90 == "") p90 = max
  if (p99 == "") p99 = max
  printf "{\"requests\":%d,\"rps\":%.1f,\"p50_us\":%d,\"p90_us\":%d,\"p99_us\":%d,\"max_us\":%d,\"err_status\":%d,\"err_other\":%d",
    n, rps, p50 * 1e6, p90 * 1e6, p99 * 1e6, max * 1e6, bad, errs
}
