# syntax=docker/dockerfile:1
# Dashboard image: the Vite build of frontend/ served by unprivileged nginx on port 8080.
#
# Build from the repository root (CI does exactly this):
#   docker build -f deploy/docker/frontend.Dockerfile --target runtime -t store-frontend:dev .
# At start the nginx entrypoint renders /etc/nginx/templates/default.conf.template into
# /etc/nginx/conf.d with API_UPSTREAM (host:port of store-service), so /api and the
# WebSocket /api/events are proxied to it. Base images are build arguments.
#
# DIST_FROM chooses where the built dashboard comes from:
#   build    (default) `npm ci && npm run build` in the Node stage;
#   prebuilt copy frontend/dist from the context (built by scripts/build-frontend.sh; what
#            `make images` / `make test` use, so the dashboard is not built twice).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.27-alpine
ARG DIST_FROM=build

# ---------------------------------------------------------------- build (DIST_FROM=build)
FROM ${NODE_IMAGE} AS build
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
# The build generates the API client from the API's document (frontend/scripts/gen-api.mjs).
COPY docs/openapi.json /src/docs/openapi.json
RUN rm -rf dist && npm run build

# ---------------------------------------------------------------- prebuilt (DIST_FROM=prebuilt)
FROM scratch AS prebuilt
COPY frontend/dist/ /src/frontend/dist/

FROM ${DIST_FROM} AS dist
# (an instruction, so that buildah commits this stage instead of leaving its container behind)
LABEL org.opencontainers.image.title="store-frontend-dist"

# ---------------------------------------------------------------- runtime (the default target)
FROM ${NGINX_IMAGE} AS runtime
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="store-frontend" \
      org.opencontainers.image.description="Store Provisioning Platform dashboard (React) on nginx" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.source="https://github.com/store-platform/store-platform" \
      org.opencontainers.image.licenses="UNLICENSED"
ENV API_UPSTREAM=store-service:8080 \
    NGINX_ENVSUBST_FILTER=^API_
COPY deploy/docker/nginx.conf /etc/nginx/templates/default.conf.template
COPY deploy/docker/nginx-security-headers.conf /etc/nginx/snippets/security-headers.conf
COPY --from=dist /src/frontend/dist /usr/share/nginx/html
# The image's unprivileged nginx user; Kubernetes may run it as any non-root UID.
USER 101
EXPOSE 8080
