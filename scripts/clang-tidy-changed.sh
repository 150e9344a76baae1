#!/usr/bin/env bash
# clang-tidy (.clang-tidy) on the C++ sources this branch changes compared with a base
# (default: main), using the compile commands of the release build.
# Usage: bash scripts/clang-tidy-changed.sh [base]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-main}
build=${BUILD_DIR:-build/release}
if [[ ! -f $build/compile_commands.json ]]; then
  echo "clang-tidy-changed: $build/compile_commands.json is missing; configure first:" >&2
  echo "  cmake --preset release -DSTORE_BUILD_FUZZ=OFF" >&2
  exit 2
fi
# Committed changes since the merge base, plus uncommitted ones; deleted files dropped.
mapfile -t files < <( { git diff --name-only --diff-filter=d "$(git merge-base "$base" HEAD)"; \
  git diff --name-only --diff-filter=d HEAD; } | sort -u | grep -E '^server/src/.*\.cpp$' \
  | grep -v 'server/src/domain/reference_data.cpp' || true)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "clang-tidy-changed: no C++ source changed against $base"
  echo "tidy: 0 passed, 0 failed"
  exit 0
fi
echo "clang-tidy-changed: ${#files[@]} files against $base"
# The build uses GCC; clang-tidy is clang. It cannot read GCC's precompiled headers (store_ws,
# store_http), so it gets the compile commands without them (the headers are included anyway).
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
python3 - "$build/compile_commands.json" "$db/compile_commands.json" <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for c in commands:
    c["command"] = re.sub(r" -Winvalid-pch| -include \S*cmake_pch\.hxx", "", c["command"])
json.dump(commands, open(sys.argv[2], "w"))
PY
# One process per file: clang-tidy's error count runs on across the files of one process.
status=0
failed=0
for file in "${files[@]}"; do
  rc=0
  out=$(clang-tidy -p "$db" --quiet --extra-arg=-Wno-unknown-warning-option \
    --extra-arg=-Wno-unused-command-line-argument "$file" 2>&1) || rc=$?
  grep -v "warnings generated" <<<"$out" || true
  [ $rc -eq 0 ] || { echo "clang-tidy-changed: $file failed"; status=1; failed=$((failed + 1)); }
done
[ $status -eq 0 ] && echo "clang-tidy-changed: ${#files[@]} files clean"
echo "tidy: $((${#files[@]} - failed)) passed, $failed failed"
exit $status
