#!/usr/bin/env bash
# Shared settings of deploy/images/build.sh and test.sh (sourced, not run).
# Images live in their own buildah storage (vfs driver, which needs no kernel overlay support),
# so nothing here touches other containers on the machine. Override with IMAGES_STORAGE.
# shellcheck disable=SC2034 # the variables are used by the scripts that source this file

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
images_dir="${repo}/build/images"          # cache: debootstrap tarball, sizes, logs
storage_root="${IMAGES_STORAGE:-/var/lib/containers/store-platform}"
storage_run="${IMAGES_STORAGE_RUN:-/run/containers/store-platform}"

# Local stand-ins for the public base images the Dockerfiles name by default.
debian_image=localhost/debian:bookworm                      # debian:bookworm (debootstrap minbase)
distroless_image=localhost/distroless-cc:debian12-nonroot   # gcr.io/distroless/cc-debian12:nonroot
nginx_image=localhost/nginx-unprivileged:bookworm           # nginxinc/nginx-unprivileged:1.27-alpine
node_image=localhost/node:bookworm                          # node:20-bookworm-slim (only for FULL=1)

# The images built here.
service_image="${SERVICE_IMAGE:-localhost/store-service:dev}"
frontend_image="${FRONTEND_IMAGE:-localhost/store-frontend:dev}"

export BUILDAH_ISOLATION=chroot
export CI="${CI:-true}"
bah() { buildah --root "${storage_root}" --runroot "${storage_run}" --storage-driver vfs "$@"; }
have_image() { bah inspect --type image "$1" >/dev/null 2>&1; }
