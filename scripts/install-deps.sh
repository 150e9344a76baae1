#!/usr/bin/env bash
# Installs every Debian package the build and the tests need, only when something is missing.
# Called by `make run` / `make test`; safe to run again (it is a no-op once all is present).
set -euo pipefail

# Build toolchain and the libraries the service links.
BUILD_PKGS=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format clang-tidy
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpq-dev libsqlite3-dev libhiredis-dev libsodium-dev libssl-dev libcurl4-openssl-dev
  libspdlog-dev libfmt-dev libcli11-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
# Servers and tools the tests and benchmarks start themselves on loopback.
TEST_PKGS=(
  postgresql-15 postgresql-client-15 pgbouncer patroni etcd-server redis-server nginx-light wrk hey curl
  chromium nodejs npm sqlite3
  buildah debootstrap
)
[ "${SKIP_BROWSER:-0}" = "1" ] && TEST_PKGS=("${TEST_PKGS[@]/chromium}")

missing=()
for p in "${BUILD_PKGS[@]}" "${TEST_PKGS[@]}"; do
  [ -z "$p" ] && continue
  # npm/nodejs may come from outside Debian on a developer machine: accept any working binary.
  if [ "$p" = nodejs ] && command -v node >/dev/null; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts packaged servers on install; the tests start their own on loopback ports.
for svc in redis-server nginx postgresql pgbouncer patroni etcd; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
    $SUDO systemctl stop "$svc" || true
  fi
done
