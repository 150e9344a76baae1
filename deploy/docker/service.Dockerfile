# syntax=docker/dockerfile:1
# store-service image: the C++20 binary on a minimal runtime.
#
# Build from the repository root:
#   docker build -f deploy/docker/service.Dockerfile -t store-service:dev .
# Base images are build arguments, so GitHub Actions uses the public images unchanged while a
# machine without a registry can pass locally made ones (debootstrap + podman import).
# The runtime base has no package manager: the build stage copies in exactly the shared
# libraries the binary links (found with ldd) plus CA certificates and time-zone data.
# With RUNTIME_IMAGE=debian:bookworm-slim it works the same (the libraries are just copied).

ARG BUILD_IMAGE=debian:bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot

# ---------------------------------------------------------------- build
FROM ${BUILD_IMAGE} AS build
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
COPY CMakeLists.txt CMakePresets.json ./
COPY cmake/ cmake/
COPY config/ config/
COPY server/ server/
# The OpenAPI document is compiled into the binary.
COPY docs/openapi.json docs/openapi.json
# Tests, benchmarks and fuzzers are not part of the image.
RUN cmake --preset release -DSTORE_BUILD_TESTS=OFF -DSTORE_BUILD_BENCH=OFF -DSTORE_BUILD_FUZZ=OFF \
 && cmake --build --preset release --target store-service \
 && strip --strip-unneeded build/release/store-service
# Stage the runtime tree: the binary, the libraries it links (except the C/C++ runtime that the
# base image already has), the default config (migrations are compiled in), CA bundle and zoneinfo.
RUN set -eu; root=/rootfs; mkdir -p "$root/usr/local/bin" "$root/usr/lib" "$root/etc/store-service" \
      "$root/usr/share/store-service" "$root/etc/ssl/certs" "$root/usr/share"; \
    cp build/release/store-service "$root/usr/local/bin/"; \
    ldd build/release/store-service | awk '/=> \// {print $3}' | while read -r lib; do \
      case "$(basename "$lib")" in \
        libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|ld-linux*|libstdc++.so.*|libgcc_s.so.*) ;; \
        *) cp -L "$lib" "$root/usr/lib/" ;; \
      esac; \
    done; \
    cp config/defaults.yaml "$root/etc/store-service/config.yaml"; \
    cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"; \
    cp -r /usr/share/zoneinfo "$root/usr/share/zoneinfo"; \
    mkdir -p /data-empty; ls -la "$root/usr/lib"

# ---------------------------------------------------------------- runtime
FROM ${RUNTIME_IMAGE}
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
COPY --from=build /rootfs/ /
# Writable data directory for the embedded SQLite mode (an emptyDir/volume in Kubernetes).
COPY --from=build --chown=10001:10001 /data-empty/ /data/
ENV LD_LIBRARY_PATH=/usr/lib \
    PORT=8080 \
    DATA_DIR=/data \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
# Numeric UID so Kubernetes can verify runAsNonRoot without a passwd entry.
USER 10001:10001
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["/usr/local/bin/store-service"]
CMD ["serve", "--port", "8080", "--data-dir", "/data", "--config", "/etc/store-service/config.yaml"]
