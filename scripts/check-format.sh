#!/usr/bin/env bash
# Fails when a C++ file under server/, fuzz/ or bench/ differs from .clang-format's layout.
# Usage: bash scripts/check-format.sh [files…]   (no arguments: every tracked C++ file)
# Generated data (server/src/domain/reference_data.cpp) is left as generated.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -gt 0 ]]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'server/*.cpp' 'server/*.hpp' 'fuzz/*.cpp' 'fuzz/*.hpp' \
    'bench/*.cpp' 'bench/*.hpp' | grep -v 'server/src/domain/reference_data.cpp')
fi
[[ ${#files[@]} -gt 0 ]] || exit 0
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files match .clang-format"
