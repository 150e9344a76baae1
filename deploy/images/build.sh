#!/usr/bin/env bash
# Builds the two images with buildah (`make images`): localhost/store-service:dev and
# localhost/store-frontend:dev. Non-interactive and idempotent; needs root (buildah with
# --isolation chroot and the vfs storage driver, no daemon, no registry).
#
# No registry is reachable here, so the public base images the Dockerfiles name by default are
# replaced by local stand-ins, made once and then reused from the image storage:
#   debian:bookworm                 debootstrap --variant=minbase bookworm (the tarball is
#                                   cached in build/images/, so storage can be wiped cheaply)
#   gcr.io/distroless/cc-debian12   the files of libc6, libgcc-s1, libstdc++6, gcc-12-base,
#                                   base-files, tzdata from that rootfs + passwd/group with
#                                   nonroot (65532): no shell, no package manager
#   nginxinc/nginx-unprivileged     Debian's nginx-light with the same entrypoint contract
#                                   (deploy/images/bases/)
#
# Environment:
#   FULL=1      compile the service inside the image (BINARY_FROM=build, 6-10 min on 2 cores),
#               as CI does; default: BINARY_FROM=prebuilt with build/release/store-service and
#               DIST_FROM=prebuilt with frontend/dist (run `make build frontend` first).
#               The dashboard's Node stage needs NODE_IMAGE (Node >= 20.19); with FULL=1 set it
#               to a local image that has one, otherwise the prebuilt dist is used.
#   DEBOOTSTRAP_MIRROR   Debian mirror (default: the first one apt uses).
#   IMAGES_STORAGE       buildah storage root (default /var/lib/containers/store-platform).
#   FORCE=1     rebuild even when an image's inputs (digest label) are unchanged.
# Prints the image sizes at the end and writes them to build/images/sizes.txt.
set -euo pipefail
# shellcheck source=deploy/images/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
started=$(date +%s)
log() { echo "images: $* ($(( $(date +%s) - started )) s)"; }

[[ "$(id -u)" == 0 ]] || { echo "images: buildah with chroot isolation needs root" >&2; exit 1; }
missing=()
command -v buildah >/dev/null || missing+=(buildah)
command -v debootstrap >/dev/null || missing+=(debootstrap)
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
mkdir -p "${images_dir}"
# Working containers of the base steps: removed (and unmounted) on any exit.
containers=()
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    local ctr
    for ctr in ${containers[@]+"${containers[@]}"}; do
        bah umount "${ctr}" >/dev/null 2>&1 || true
        bah rm "${ctr}" >/dev/null 2>&1 || true
    done
}
trap cleanup EXIT
# new_container VAR IMAGE: a working container from IMAGE, its name in VAR.
new_container() {
    local name
    name="$(bah from --pull=never "$2")"
    containers+=("${name}")
    printf -v "$1" '%s' "${name}"
}

apt_mirror() {
    local uri
    uri="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | awk '{print $1; exit}')"
    [[ -z "${uri}" ]] && uri="$(awk '$1 == "deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)"
    echo "${uri:-http://deb.debian.org/debian}"
}

# ---------------------------------------------------------------- debian:bookworm
debian_base() {
    local tarball="${images_dir}/debian-bookworm-minbase.tar"
    if [[ ! -s "${tarball}" ]]; then
        local dir="${images_dir}/rootfs.tmp" mirror="${DEBOOTSTRAP_MIRROR:-$(apt_mirror)}"
        log "debootstrap --variant=minbase bookworm from ${mirror}"
        rm -rf "${dir}"
        debootstrap --variant=minbase bookworm "${dir}" "${mirror}" >"${images_dir}/debootstrap.log" 2>&1 ||
            { tail -n 20 "${images_dir}/debootstrap.log" >&2; return 1; }
        rm -rf "${dir:?}"/var/cache/apt/archives/*.deb "${dir}"/var/cache/apt/*.bin "${dir}"/var/lib/apt/lists/* "${dir}"/var/log/* \
            "${dir:?}"/dev/* "${dir:?}"/proc/* "${dir}"/sys/* "${dir}"/run/* "${dir}"/tmp/*
        tar --numeric-owner -C "${dir}" -cf "${tarball}.tmp" . && mv "${tarball}.tmp" "${tarball}"
        rm -rf "${dir}"
    fi
    log "importing ${tarball} as ${debian_image}"
    local ctr mnt
    new_container ctr scratch
    mnt="$(bah mount "${ctr}")"
    tar --numeric-owner -C "${mnt}" -xf "${tarball}"
    bah umount "${ctr}" >/dev/null
    bah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --cmd /bin/bash --os linux --arch amd64 \
        --label org.opencontainers.image.description="debootstrap --variant=minbase bookworm (local stand-in for debian:bookworm)" \
        "${ctr}"
    bah commit --quiet --rm "${ctr}" "${debian_image}" >/dev/null
}

# ---------------------------------------------------------------- distroless cc
distroless_base() {
    log "making ${distroless_image} from ${debian_image}"
    local src dst smnt dmnt
    new_container src "${debian_image}"
    new_container dst scratch
    smnt="$(bah mount "${src}")"
    dmnt="$(bah mount "${dst}")"
    # merged /usr: the top-level links first, so the package paths land under /usr.
    mkdir -p "${dmnt}/usr/bin" "${dmnt}/usr/lib" "${dmnt}/usr/lib64" "${dmnt}/usr/sbin"
    cp -a "${smnt}"/bin "${smnt}"/lib "${smnt}"/lib64 "${smnt}"/sbin "${dmnt}/"
    local packages=(libc6 libgcc-s1 libstdc++6 gcc-12-base base-files tzdata) pkg
    chroot "${smnt}" dpkg-query -L "${packages[@]}" |
        grep -v '^/\.$' | sed 's#^/##' | sort -u >"${images_dir}/distroless.files"
    tar -C "${smnt}" --no-recursion -cf - -T "${images_dir}/distroless.files" |
        tar -C "${dmnt}" --keep-directory-symlink -xf -
    # Package metadata the way distroless ships it, so scanners see the base's packages too.
    mkdir -p "${dmnt}/var/lib/dpkg/status.d"
    for pkg in "${packages[@]}"; do
        chroot "${smnt}" dpkg-query -s "${pkg}" >"${dmnt}/var/lib/dpkg/status.d/${pkg}"
        local md5
        for md5 in "${smnt}/var/lib/dpkg/info/${pkg}.md5sums" "${smnt}/var/lib/dpkg/info/${pkg}:amd64.md5sums"; do
            [[ -f "${md5}" ]] && cp "${md5}" "${dmnt}/var/lib/dpkg/status.d/${pkg}.md5sums"
        done
    done
    # Like distroless: root, nobody and nonroot (65532); no login shells.
    mkdir -p "${dmnt}/etc" "${dmnt}/home/nonroot" "${dmnt}/root" "${dmnt}/tmp"
    chmod 1777 "${dmnt}/tmp"
    chown 65532:65532 "${dmnt}/home/nonroot"
    printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin' \
        'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' >"${dmnt}/etc/passwd"
    printf '%s\n' 'root:x:0:' 'nobody:x:65534:' 'tty:x:5:' 'staff:x:50:' 'nonroot:x:65532:' >"${dmnt}/etc/group"
    # The promise: no shell and no package manager in the runtime base.
    if [[ -e "${dmnt}/bin/sh" || -e "${dmnt}/usr/bin/dpkg" ]]; then
        echo "images: distroless stand-in has a shell or dpkg" >&2
        return 1
    fi
    bah umount "${dst}" >/dev/null
    bah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt --user 65532:65532 --workingdir /home/nonroot \
        --os linux --arch amd64 \
        --label org.opencontainers.image.description="glibc, libstdc++, libgcc, tzdata from Debian 12 (local stand-in for gcr.io/distroless/cc-debian12:nonroot)" \
        --label store-platform.base-revision=2 \
        "${dst}"
    bah commit --quiet --rm "${dst}" "${distroless_image}" >/dev/null
}

# ---------------------------------------------------------------- nginx-unprivileged
nginx_base() {
    log "building ${nginx_image}"
    bah build --quiet --layers --pull=never --isolation chroot \
        --build-arg BASE_IMAGE="${debian_image}" \
        -f "${repo}/deploy/images/bases/nginx-unprivileged.Containerfile" -t "${nginx_image}" \
        "${repo}/deploy/images/bases" >"${images_dir}/nginx-base.log" 2>&1 ||
        { tail -n 30 "${images_dir}/nginx-base.log" >&2; return 1; }
}

have_image "${debian_image}" || debian_base
# Revision 2 of the stand-in carries the packages' metadata (status.d); rebuild older ones.
[[ "$(bah inspect --type image --format '{{index .OCIv1.Config.Labels "store-platform.base-revision"}}' \
    "${distroless_image}" 2>/dev/null)" == 2 ]] || distroless_base
have_image "${nginx_image}" || nginx_base

# ---------------------------------------------------------------- the two images
version="$(git -C "${repo}" describe --tags --always --dirty 2>/dev/null || echo dev)"
revision="$(git -C "${repo}" rev-parse HEAD 2>/dev/null || echo unknown)"
created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
common=(--layers --pull=never --isolation chroot
    --build-arg VERSION="${version}" --build-arg REVISION="${revision}" --build-arg CREATED="${created}")

if [[ "${FULL:-0}" == 1 ]]; then
    binary_from=build
else
    binary_from=prebuilt
    [[ -x "${repo}/build/release/store-service" ]] ||
        { echo "images: build/release/store-service missing: run 'make build' (or FULL=1)" >&2; exit 1; }
fi
dist_from=prebuilt
node_args=()
if [[ "${FULL:-0}" == 1 && -n "${NODE_IMAGE:-}" ]]; then
    dist_from=build
    node_args=(--build-arg NODE_IMAGE="${NODE_IMAGE}")
fi
if [[ ${dist_from} == prebuilt && ! -f "${repo}/frontend/dist/index.html" ]]; then
    echo "images: frontend/dist missing: run 'make frontend' (scripts/build-frontend.sh)" >&2
    exit 1
fi

# build IMAGE LOG ARGS...: one buildah build from the repository root.
build() {
    local image="$1" logfile="${images_dir}/$2"
    shift 2
    if ! bah build "${common[@]}" "$@" -t "${image}" "${repo}" >"${logfile}" 2>&1; then
        tail -n 40 "${logfile}" >&2
        echo "images: building ${image} failed (log: ${logfile})" >&2
        return 1
    fi
}
# With vfs, buildah copies a whole root filesystem for every stage it instantiates, even when
# each step is cached (~1 GB for the toolchain). So an image whose inputs are unchanged is not
# rebuilt at all: build/images/<image>.inputs records the inputs' digest and the image id.
image_id() { bah inspect --type image --format '{{.FromImageID}}' "$1" 2>/dev/null; }
digest() { sha256sum | cut -c1-32; }
inputs_file() { echo "${images_dir}/$(basename "$1" | tr ':' '_').inputs"; }
up_to_date() { # IMAGE DIGEST
    local id
    id="$(image_id "$1")" && [[ "${FORCE:-0}" != 1 && -n "${id}" ]] &&
        [[ "$(cat "$(inputs_file "$1")" 2>/dev/null)" == "$2 ${id}" ]]
}
record_inputs() { echo "$2 $(image_id "$1")" >"$(inputs_file "$1")"; } # IMAGE DIGEST
files_digest() { # FILE_OR_DIR...: contents and relative paths
    (cd "${repo}" && find "$@" -type f -print0 | sort -z | xargs -0 sha256sum) | digest
}

service_dockerfile="${repo}/deploy/docker/service.Dockerfile"
service_ignore="${repo}/deploy/docker/service.Dockerfile.dockerignore"
# The toolchain (the -dev packages) is tagged so that pruning keeps it.
toolchain_digest="$( { sed -n '1,/ AS build$/p' "${service_dockerfile}"; image_id "${debian_image}"; } | digest)"
if up_to_date localhost/store-service-toolchain:dev "${toolchain_digest}"; then
    log "localhost/store-service-toolchain:dev is up to date"
else
    log "building localhost/store-service-toolchain:dev (the -dev packages)"
    build localhost/store-service-toolchain:dev service-toolchain.log \
        -f "${service_dockerfile}" --ignorefile "${service_ignore}" \
        --build-arg BUILD_IMAGE="${debian_image}" --target toolchain
    record_inputs localhost/store-service-toolchain:dev "${toolchain_digest}"
fi

service_digest="$( { files_digest deploy/docker/service.Dockerfile deploy/docker/service.Dockerfile.dockerignore \
    build/release/store-service config/defaults.yaml; image_id localhost/store-service-toolchain:dev
    image_id "${distroless_image}"; echo "${version} ${revision}"; } | digest)"
if [[ ${binary_from} == prebuilt ]] && up_to_date "${service_image}" "${service_digest}"; then
    log "${service_image} is up to date (same binary, config, Dockerfile and bases)"
else
    log "building ${service_image} (BINARY_FROM=${binary_from})"
    build "${service_image}" service.log \
        -f "${service_dockerfile}" --ignorefile "${service_ignore}" \
        --build-arg BUILD_IMAGE="${debian_image}" --build-arg RUNTIME_IMAGE="${distroless_image}" \
        --build-arg BINARY_FROM="${binary_from}" --target runtime
    record_inputs "${service_image}" "${service_digest}"
fi

frontend_digest="$( { files_digest deploy/docker/frontend.Dockerfile deploy/docker/frontend.Dockerfile.dockerignore \
    deploy/docker/nginx.conf deploy/docker/nginx-security-headers.conf frontend/dist
    image_id "${nginx_image}"; echo "${version} ${revision}"; } | digest)"
if [[ ${dist_from} == prebuilt ]] && up_to_date "${frontend_image}" "${frontend_digest}"; then
    log "${frontend_image} is up to date (same dist, nginx files, Dockerfile and base)"
else
    log "building ${frontend_image} (DIST_FROM=${dist_from})"
    build "${frontend_image}" frontend.log \
        -f "${repo}/deploy/docker/frontend.Dockerfile" \
        --ignorefile "${repo}/deploy/docker/frontend.Dockerfile.dockerignore" \
        --build-arg NGINX_IMAGE="${nginx_image}" ${node_args[@]+"${node_args[@]}"} \
        --build-arg DIST_FROM="${dist_from}" --target runtime
    record_inputs "${frontend_image}" "${frontend_digest}"
fi

# With vfs every cached layer is a full copy of its rootfs: drop the untagged ones left by
# earlier builds (the bases and the toolchain stay tagged, so a rebuild stays fast).
bah rmi --prune >/dev/null 2>&1 || true

{
    echo "# image sizes measured by deploy/images/build.sh on $(date -u +%Y-%m-%d) (uncompressed, all layers)"
    for image in "${service_image}" "${frontend_image}" "${distroless_image}" "${nginx_image}"; do
        printf '%s %s\n' "${image}" "$(bah images --format '{{.Size}}' "${image}" | head -n 1)"
    done
} >"${images_dir}/sizes.txt"
sed 's/^/images: /' "${images_dir}/sizes.txt"
log "done"
