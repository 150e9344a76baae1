# syntax=docker/dockerfile:1
# store-service image: the C++20 binary on a minimal runtime.
#
# Build from the repository root (CI does exactly this):
#   docker build -f deploy/docker/service.Dockerfile --target runtime -t store-service:dev .
# Base images are build arguments, so GitHub Actions uses the public images unchanged while a
# machine without a registry passes locally made ones (deploy/images/build.sh: debootstrap).
#
# BINARY_FROM chooses where the binary comes from; everything after that is the same:
#   build    (default) compile it in the `build` stage from the sources in the context;
#   prebuilt copy build/release/store-service from the context (a binary built on a Debian 12
#            host, e.g. by `make build`; `make images` / `make test` use this to avoid compiling
#            the service a second time). The binary still passes through the same `stage` step:
#            stripped, its shared libraries collected with ldd inside the toolchain image.
#
# The runtime base (distroless cc: glibc, libstdc++, libgcc, no shell, no package manager)
# gets the Debian packages of the shared libraries the binary links beyond the C/C++ runtime,
# with their package metadata (so image scanners see them), plus the default config, CA
# certificates and time-zone data. It runs as UID 10001.

ARG BUILD_IMAGE=debian:bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot
ARG BINARY_FROM=build

# ---------------------------------------------------------------- toolchain
FROM ${BUILD_IMAGE} AS toolchain
ENV DEBIAN_FRONTEND=noninteractive
# The -dev packages the service links (keep in step with scripts/install-deps.sh BUILD_PKGS).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates tzdata \
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev \
      libpq-dev libsqlite3-dev libhiredis-dev libsodium-dev libssl-dev libcurl4-openssl-dev \
      libspdlog-dev libfmt-dev libcli11-dev libyaml-cpp-dev zlib1g-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src

# ---------------------------------------------------------------- build (BINARY_FROM=build)
FROM toolchain AS build
COPY CMakeLists.txt CMakePresets.json ./
COPY cmake/ cmake/
COPY config/ config/
COPY server/ server/
# The OpenAPI document is compiled into the binary.
COPY docs/openapi.json docs/openapi.json
# Tests, benchmarks and fuzzers are not part of the image.
RUN cmake --preset release -DSTORE_BUILD_TESTS=OFF -DSTORE_BUILD_BENCH=OFF -DSTORE_BUILD_FUZZ=OFF \
 && cmake --build --preset release --target store-service \
 && find build/release -mindepth 1 -maxdepth 1 ! -name store-service -exec rm -rf {} +

# ---------------------------------------------------------------- prebuilt (BINARY_FROM=prebuilt)
FROM toolchain AS prebuilt
COPY build/release/store-service build/release/store-service

# ---------------------------------------------------------------- stage
# Stage the runtime tree: the stripped binary, and the Debian packages of the libraries it links
# beyond the C/C++ runtime the base image has (glibc incl. libresolv, libstdc++, libgcc_s), each
# installed whole from the toolchain's dpkg database with its metadata the way distroless does
# it: /var/lib/dpkg/status.d/<package> (the status stanza: name, version, source) and
# <package>.md5sums (its files). Scanners (Trivy, Grype, Syft) read these, so every library's
# CVEs are visible; no shared object is copied without its package. Plus the CA bundle and
# zoneinfo. A library ldd cannot find, or one no package owns, fails here.
FROM ${BINARY_FROM} AS stage
RUN set -eu; root=/rootfs; bin=build/release/store-service; \
    mkdir -p "$root/usr/local/bin" "$root/var/lib/dpkg/status.d" "$root/etc/ssl/certs" "$root/usr/share" /data-empty; \
    strip --strip-unneeded -o "$root/usr/local/bin/store-service" "$bin"; \
    if ldd "$bin" | grep 'not found'; then echo "unresolved libraries" >&2; exit 1; fi; \
    owner() { dpkg-query -S "$1" 2>/dev/null | head -n 1 | cut -d: -f1; }; \
    ldd "$bin" | awk '/=> \// {print $3}' >/libraries; \
    while read -r lib; do \
      case "$(basename "$lib")" in \
        libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|libresolv.so.*|ld-linux*) continue ;; \
        libstdc++.so.*|libgcc_s.so.*) continue ;; \
      esac; \
      real="$(readlink -f "$lib")"; \
      pkg="$(owner "$lib")"; [ -n "$pkg" ] || pkg="$(owner "$real")"; \
      [ -n "$pkg" ] || pkg="$(owner "/usr$real")"; [ -n "$pkg" ] || pkg="$(owner "${real#/usr}")"; \
      [ -n "$pkg" ] || { echo "no Debian package owns $lib" >&2; exit 1; }; \
      echo "$pkg"; \
    done </libraries >/packages.all; \
    sort -u /packages.all >/packages; \
    while read -r pkg; do \
      dpkg-query -L "$pkg" | while read -r f; do \
        case "$f" in /usr/share/doc/*/copyright) ;; /usr/share/doc/*|/usr/share/man/*|/usr/share/lintian/*|/usr/share/bug/*) continue ;; esac; \
        if [ -f "$f" ] || [ -L "$f" ]; then \
          dest="$root$(echo "$f" | sed 's#^/lib/#/usr/lib/#; s#^/lib64/#/usr/lib64/#')"; \
          mkdir -p "$(dirname "$dest")"; cp -a "$f" "$dest"; \
        fi; \
      done; \
      name="${pkg%%:*}"; \
      dpkg-query -s "$pkg" >"$root/var/lib/dpkg/status.d/$name"; \
      info=/var/lib/dpkg/info; md5="$info/$pkg.md5sums"; [ -f "$md5" ] || md5="$info/$name:amd64.md5sums"; \
      [ -f "$md5" ] || md5="$info/$name.md5sums"; \
      if [ -f "$md5" ]; then cp "$md5" "$root/var/lib/dpkg/status.d/$name.md5sums"; fi; \
    done </packages; \
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"; \
    cp -r /usr/share/zoneinfo "$root/usr/share/zoneinfo"; \
    echo "packages: $(tr '\n' ' ' </packages)"; du -sh "$root"

# ---------------------------------------------------------------- runtime (the default target)
FROM ${RUNTIME_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="store-service" \
      org.opencontainers.image.description="Store Provisioning Platform API (C++20)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/store-platform/store-platform" \
      org.opencontainers.image.licenses="UNLICENSED"
COPY --from=stage /rootfs/ /
# The default configuration (the schema migrations are compiled into the binary).
COPY config/defaults.yaml /etc/store-service/config.yaml
# Writable data directory for the embedded SQLite mode (an emptyDir/volume in Kubernetes).
COPY --from=stage --chown=10001:10001 /data-empty/ /data/
ENV LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu \
    PORT=8080 \
    DATA_DIR=/data \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
# Numeric UID so Kubernetes can verify runAsNonRoot without a passwd entry.
USER 10001:10001
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/store-service"]
CMD ["serve", "--port", "8080", "--data-dir", "/data", "--config", "/etc/store-service/config.yaml"]
