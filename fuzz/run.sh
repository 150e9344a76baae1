#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, the first finding stops the run),
# runs the sanitizer build of the findings' unit regression tests, then every target for
# FUZZ_SECONDS (default 20) from its seed corpus with its dictionary. Prints one line per
# target with its executions and coverage, and "fuzz: N passed, M failed" (a target passes
# when it ran its time without a crash, a leak, a timeout or a sanitizer report).
#   FUZZ_SECONDS=300 bash fuzz/run.sh                  # `make fuzz`
#   FUZZ_TARGETS="jwt csv" FUZZ_RUNS=10000000 FUZZ_SECONDS=3600 nice -n 19 bash fuzz/run.sh
# A failing input is kept in build/fuzz-artifacts/; add it to fuzz/corpus/<target>/ with the fix.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
targets=${FUZZ_TARGETS:-"request_target store_json jwt csv websocket redis vault config"}
build=build/fuzz
artifacts=build/fuzz-artifacts
mkdir -p build "$artifacts"
if ! CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSTORE_BUILD_FUZZ=ON -DSTORE_BUILD_TESTS=OFF -DSTORE_BUILD_BENCH=OFF > "$build.configure.log" 2>&1; then
  cat "$build.configure.log"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
if ! cmake --build "$build" --target fuzz_unit_tests $(printf ' fuzz_%s' $targets) -j "${JOBS:-2}"; then
  echo "fuzz: 0 passed, 1 failed"; exit 1
fi
# Any report ends the process with an error: UBSan does not just print and carry on.
export ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1:allocator_may_return_null=0
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
passed=0; failed=0
if "$build/fuzz/fuzz_unit_tests" > build/fuzz_unit_tests.log 2>&1; then
  passed=$((passed + 1)); echo "PASS fuzz_unit_tests (regression tests of the findings, under ASan + UBSan)"
else
  failed=$((failed + 1)); echo "FAIL fuzz_unit_tests"; tail -n 40 build/fuzz_unit_tests.log
fi
for target in $targets; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work/"
  log=build/fuzz_$target.log
  runs=()
  [ -n "${FUZZ_RUNS:-}" ] && runs=(-runs="$FUZZ_RUNS")
  start=$SECONDS
  if "$build/fuzz/fuzz_$target" -max_total_time="$seconds" "${runs[@]}" -max_len=4096 -timeout=10 \
       -rss_limit_mb=2048 -dict="fuzz/dict/$target.dict" -artifact_prefix="$artifacts/$target-" \
       -print_final_stats=1 "$work" > "$log" 2>&1; then
    passed=$((passed + 1)); status=PASS
  else
    failed=$((failed + 1)); status=FAIL
  fi
  execs=$(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$')
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
  elapsed=$((SECONDS - start))
  echo "$status fuzz_$target: ${execs:-?} executions in ${elapsed} s ($(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))/s), ${coverage:-cov: ?}"
  [ "$status" = FAIL ] && tail -n 60 "$log"
  rm -rf "$work"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
