#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for FUZZ_SECONDS (default 20).
# Prints "fuzz: N passed, M failed" (a target passes when it ran its time without a crash).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
build=build/fuzz
if ! CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DSTORE_BUILD_FUZZ=ON -DSTORE_BUILD_TESTS=OFF -DSTORE_BUILD_BENCH=OFF > "$build.configure.log" 2>&1; then
  cat "$build.configure.log"; echo "fuzz: 0 passed, 1 failed"; exit 1
fi
if ! cmake --build "$build" --target fuzz_request_target fuzz_store_json -j 2; then
  echo "fuzz: 0 passed, 1 failed"; exit 1
fi
passed=0; failed=0
for target in request_target store_json; do
  work=$(mktemp -d)
  cp fuzz/corpus/$target/* "$work/"
  if "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -max_len=4096 -timeout=5 \
       -rss_limit_mb=1024 -print_final_stats=1 "$work" > "build/fuzz_$target.log" 2>&1; then
    passed=$((passed + 1)); echo "PASS fuzz_$target ($(grep -m1 -oE 'stat::number_of_executed_units: *[0-9]+' "build/fuzz_$target.log"))"
  else
    failed=$((failed + 1)); echo "FAIL fuzz_$target"; tail -n 40 "build/fuzz_$target.log"
  fi
  rm -rf "$work"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
