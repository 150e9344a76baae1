#!/usr/bin/env bash
# A production-shaped stack on this machine, configured from the chart's rendered production
# values (the blue colour of values-production.yaml): environment, arguments and config file of
# the store-service container, the Vault Agent template of the database URL, with in-cluster
# names mapped to loopback (deploy/local/chart-env.mjs). On free loopback ports, in DIR:
#   - a local CA (openssl) signing the certificates of PostgreSQL and nginx;
#   - PostgreSQL: three Patroni members (scripts/start-patroni.sh) with TLS switched on through
#     Patroni's dynamic configuration; the service connects with sslmode=verify-full against the
#     local CA (store-platform-db-rw -> every member, target_session_attrs=read-write;
#     store-platform-db-ro -> target_session_attrs=standby);
#   - the production Cluster's bootstrap SQL (postInitApplicationSQL: pg_trgm) on the leader;
#   - database credentials created the way Vault's database engine would: the creation
#     statements of deploy/infra/vault/configure.sh, a fresh user with VALID UNTIL now + LOCAL_DB_TTL
#     (default 15 min), rendered into the Vault Agent template's file; db-agent.sh's agent
#     renews the lease and replaces the user at its maximum TTL, as Vault Agent would;
#   - Redis with a password;
#   - the migration (`store-service migrate` with the migration Job's environment), then two
#     service replicas;
#   - nginx with the dashboard image's server block (deploy/docker/nginx.conf) over TLS in front
#     of both replicas, serving frontend/dist.
#   - Vault: the Vault-API test server (server/tests/vault/fake-vault.mjs) behind a TLS front
#     (deploy/local/vault-policy-proxy.mjs) that enforces the Kubernetes auth role and the policy
#     files deploy/infra/vault/configure.sh sets up; the service logs in with a "projected
#     token" file, and the JWT key is read through that policy the way the agent would;
# Prints URL=, ADMIN_PASSWORD=, CA_FILE= when ready; deploy/local/down.sh DIR stops everything.
# Usage: deploy/local/up.sh DIR   (STORE_SERVICE_BIN, default build/release/store-service)
set -euo pipefail

dir="${1:?usage: up.sh DIR}"
mkdir -p "${dir}"
dir="$(cd "${dir}" && pwd)"
chmod 755 "${dir}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "${deploy}/.." && pwd)"
chart="${deploy}/helm/store-platform"
bin="${STORE_SERVICE_BIN:-${repo}/build/release/store-service}"
dist="${repo}/frontend/dist"
ttl="${LOCAL_DB_TTL:-900}"
[[ -x "${bin}" ]] || { echo "up: ${bin} missing (make build)" >&2; exit 1; }
[[ -f "${dist}/index.html" ]] || { echo "up: ${dist} missing (scripts/build-frontend.sh)" >&2; exit 1; }
PATH="$("${deploy}/tools/install-tools.sh" | tail -n 1):${PATH}"
state="${dir}/stack.env"
: >"${state}"
log() { echo "up: $*" >&2; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
remember() { echo "$1=$2" >>"${state}"; }
random() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }

# ---------------------------------------------------------------- CA and certificates
log "local CA"
mkdir -p "${dir}/ca"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=store-platform local CA" \
    -keyout "${dir}/ca/ca.key" -out "${dir}/ca/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "${dir}/ca/server.key" \
    -out "${dir}/ca/server.csr" 2>/dev/null
openssl x509 -req -in "${dir}/ca/server.csr" -CA "${dir}/ca/ca.crt" -CAkey "${dir}/ca/ca.key" \
    -CAcreateserial -days 2 -out "${dir}/ca/server.crt" \
    -extfile <(printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n') 2>/dev/null
chmod 644 "${dir}/ca/ca.crt"

# ---------------------------------------------------------------- PostgreSQL (Patroni) with TLS
log "Patroni: 3 members"
patroni_out="$("${repo}/scripts/start-patroni.sh" "${dir}/patroni")"
pg_ports="$(sed -n 's/^PG_PORTS=//p' <<<"${patroni_out}")"
rest_ports="$(sed -n 's/^REST_PORTS=//p' <<<"${patroni_out}")"
remember PATRONI_DIR "${dir}/patroni"
remember PG_PORTS "${pg_ports}"
remember REST_PORTS "${rest_ports}"
install -d -o postgres -m 700 "${dir}/patroni/tls"
install -o postgres -m 600 "${dir}/ca/server.crt" "${dir}/ca/server.key" "${dir}/patroni/tls/"
curl -fsS -X PATCH "http://127.0.0.1:${rest_ports%%,*}/config" -H 'Content-Type: application/json' \
    -d "{\"postgresql\": {\"parameters\": {\"ssl\": \"on\", \"ssl_cert_file\": \"${dir}/patroni/tls/server.crt\", \"ssl_key_file\": \"${dir}/patroni/tls/server.key\"}}}" >/dev/null
tls_url() { echo "host=localhost port=$1 dbname=store user=postgres sslmode=verify-full sslrootcert=${dir}/ca/ca.crt"; }
IFS=, read -r -a ports <<<"${pg_ports}"
for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
        [[ "$(psql "$(tls_url "${port}")" -qAtc 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()' 2>/dev/null)" == t ]] && break
        sleep 0.2
    done
    [[ "$(psql "$(tls_url "${port}")" -qAtc 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')" == t ]] ||
        { log "member on ${port} does not speak TLS"; exit 1; }
done
# Passwords checked: scripts/start-patroni.sh trusts every loopback connection; here only the
# superuser postgres (the operator, replication) keeps that, every other role authenticates
# (scram-sha-256) so that the service's credentials really are checked.
IFS=, read -r -a rests <<<"${rest_ports}"
for member in "${dir}"/patroni/pg*.yml; do
    sed -i 's#^    - host all all 127.0.0.1/32 trust$#    - host all postgres 127.0.0.1/32 trust\n    - host all all 127.0.0.1/32 scram-sha-256#' "${member}"
done
for rest in "${rests[@]}"; do curl -fsS -X POST "http://127.0.0.1:${rest}/reload" >/dev/null; done
# checks_passwords PORT: a role with a wrong password is turned away
checks_passwords() {
    local out
    out="$(PGPASSWORD=wrong psql "host=localhost port=$1 dbname=store user=nobody sslmode=verify-full sslrootcert=${dir}/ca/ca.crt" \
        -qAtc 'SELECT 1' 2>&1 || true)"
    [[ "${out}" == *"password authentication failed"* ]]
}
for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do checks_passwords "${port}" && break; sleep 0.2; done
    checks_passwords "${port}" || { log "member on ${port} does not check passwords"; exit 1; }
done
hosts="$(printf 'localhost:%s,' "${ports[@]}")"
hosts="${hosts%,}"
# What the production Cluster runs as the superuser when it is created
# (spec.bootstrap.initdb.postInitApplicationSQL of deploy/infra/postgresql/production.yaml: the
# extensions the migrations need), on the leader.
log "bootstrap SQL of the production Cluster (postInitApplicationSQL)"
leader_url="host=$(printf 'localhost%.0s,' "${ports[@]}" | sed 's/,$//') port=${pg_ports} dbname=store user=postgres"
leader_url+=" sslmode=verify-full sslrootcert=${dir}/ca/ca.crt target_session_attrs=read-write"
(cd "${deploy}" && node -e '
  const { parseAllDocuments } = require("yaml");
  const cluster = parseAllDocuments(require("fs").readFileSync(process.argv[1], "utf8")).map((d) => d.toJS()).find((o) => o?.kind === "Cluster");
  for (const sql of cluster.spec.bootstrap?.initdb?.postInitApplicationSQL ?? []) console.log(sql);' \
    "${deploy}/infra/postgresql/production.yaml") | while IFS= read -r sql; do
    psql "${leader_url}" -v ON_ERROR_STOP=1 -qAtc "${sql}" >/dev/null
done
# ---------------------------------------------------------------- credentials like Vault's database engine
log "database credentials (TTL ${ttl} s) from configure.sh's creation statements"
remember DB_TTL "${ttl}"
bash "${deploy}/local/db-agent.sh" issue "${dir}" >/dev/null

# ---------------------------------------------------------------- Redis with a password
log "Redis"
redis_port="$(free_port)"
redis_password="$(random)"
mkdir -p "${dir}/redis"
# start.sh: the system tests stop Redis and start it again with the same settings.
cat >"${dir}/redis/start.sh" <<REDIS
#!/usr/bin/env bash
exec redis-server --bind 127.0.0.1 --port "${redis_port}" --requirepass "${redis_password}" --save "" \\
    --appendonly no --dir "${dir}/redis" --daemonize yes --pidfile "${dir}/redis/redis.pid" \\
    --logfile "${dir}/redis/redis.log" </dev/null >/dev/null 2>&1
REDIS
chmod +x "${dir}/redis/start.sh"
"${dir}/redis/start.sh"
remember REDIS_PORT "${redis_port}"
remember REDIS_PASSWORD "${redis_password}"
remember REDIS_DIR "${dir}/redis"

# ---------------------------------------------------------------- Vault: test server + policy front
log "Vault: the test server behind a TLS front enforcing configure.sh's role and policies"
mkdir -p "${dir}/vault" "${dir}/secrets"
k8s_jwt="$(random)$(random)"
printf '%s' "${k8s_jwt}" >"${dir}/secrets/k8s-token"   # the kubelet's projected ServiceAccount token
node "${repo}/server/tests/vault/fake-vault.mjs" --kv-mount store-platform --k8s "store-service:${k8s_jwt}" \
    --ttl 3600 --max-ttl 86400 >"${dir}/vault/fake.out" 2>"${dir}/vault/fake.log" </dev/null &
echo $! >"${dir}/vault/fake.pid"
for _ in $(seq 1 100); do [[ -s "${dir}/vault/fake.out" ]] && break; sleep 0.1; done
fake_port="$(head -n 1 "${dir}/vault/fake.out" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).vaultPort))')"
node "${deploy}/local/vault-policy-proxy.mjs" "${deploy}/infra/vault" "${fake_port}" "${dir}/ca/server.crt" \
    "${dir}/ca/server.key" >"${dir}/vault/proxy.out" 2>"${dir}/vault/proxy.log" </dev/null &
echo $! >"${dir}/vault/proxy.pid"
for _ in $(seq 1 100); do [[ -s "${dir}/vault/proxy.out" ]] && break; sleep 0.1; done
vault_port="$(head -n 1 "${dir}/vault/proxy.out" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).port))')"
remember VAULT_PORT "${vault_port}"
remember VAULT_FAKE_PORT "${fake_port}"
remember VAULT_CONTROL_PORT "$(head -n 1 "${dir}/vault/fake.out" | node -e 'process.stdin.on("data", d => console.log(JSON.parse(d).controlPort))')"
remember VAULT_K8S_JWT "${k8s_jwt}"
# configure.sh's KV step (as the operator, root token on the server itself): the JWT key.
curl -fsS -X POST "http://127.0.0.1:${fake_port}/v1/store-platform/data/service" -H 'X-Vault-Token: root' \
    -d "{\"data\": {\"jwt_key\": \"$(head -c 48 /dev/urandom | base64 -w0)\"}}" >/dev/null

# ---------------------------------------------------------------- the service, from the rendered chart
log "rendering the production chart (blue colour)"
helm template store-platform-blue "${chart}" --namespace store-platform -f "${chart}/values-production.yaml" \
    --set blueGreen.role=colour --set blueGreen.colour=blue >"${dir}/render.yaml" 2> >(grep -v 'symbolic link' >&2)
admin_password="$(random)"
mkdir -p "${dir}/etc"
# The Vault Agent's part for the JWT key: log in with the pod's role through the policy front and
# read the path of the chart's template.
vault_api() { curl -fsS --cacert "${dir}/ca/ca.crt" "$@"; }
agent_token="$(vault_api -X POST "https://localhost:${vault_port}/v1/auth/kubernetes/login" \
    -d "{\"role\": \"$(sed -n 's/.*vault.hashicorp.com\/role: "\(.*\)"/\1/p' "${dir}/render.yaml" | head -n 1)\", \"jwt\": \"${k8s_jwt}\"}" |
    node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => console.log(JSON.parse(s).auth.client_token))')"
jwt_path="$(grep -o 'secret \\"[^\\]*\\" -}}{{ .Data.data.jwt_key' "${dir}/render.yaml" | head -n 1 | sed 's/secret \\"\([^\\]*\)\\".*/\1/')"
vault_api -H "X-Vault-Token: ${agent_token}" "https://localhost:${vault_port}/v1/${jwt_path}" |
    node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => process.stdout.write(JSON.parse(s).data.data.jwt_key))' \
    >"${dir}/secrets/jwt-key"
[[ -s "${dir}/secrets/jwt-key" ]] || { log "the agent could not read the JWT key (${jwt_path}) through the policy"; exit 1; }
# map_json PORT DATA_DIR: how in-cluster names and paths become local ones.
map_json() {
    cat <<JSON
{"hosts": {"store-platform-db-rw.store-data.svc:5432": "${hosts}", "store-platform-db-ro.store-data.svc:5432": "${hosts}",
           "vault.vault.svc:8200": "localhost:${vault_port}"},
 "query": {"store-platform-db-rw.store-data.svc:5432": "target_session_attrs=read-write",
           "store-platform-db-ro.store-data.svc:5432": "target_session_attrs=standby"},
 "paths": {"/etc/store-service/postgresql-ca": "${dir}/ca", "/vault/secrets": "${dir}/secrets",
           "/etc/store-service/config.yaml": "${dir}/etc/config.yaml", "/data": "$2",
           "/etc/store-service/vault-ca": "${dir}/ca"},
 "config": "${dir}/etc/config.yaml", "port": $1,
 "secrets": {"REDIS_URL": "redis://:${redis_password}@127.0.0.1:${redis_port}/0", "BOOTSTRAP_ADMIN_PASSWORD": "${admin_password}"},
 "extra": {"VAULT_K8S_TOKEN_PATH": "${dir}/secrets/k8s-token"}}
JSON
}
# run_from SPEC_FILE LOG ARGS...: the binary with exactly the chart's environment and arguments
# (exec: in a background subshell the recorded pid is the service's own).
run_from() {
    local spec="$1" logfile="$2" envs=() args=() line
    shift 2
    while IFS= read -r line; do
        case "${line}" in
            env\ *) envs+=("${line#env }") ;;
            arg\ *) args+=("${line#arg }") ;;
        esac
    done <"${spec}"
    [[ $# -gt 0 ]] && args=("$@")
    if [[ -n "${EXEC:-}" ]]; then
        exec env -i PATH="${PATH}" "${envs[@]}" "${bin}" "${args[@]}" >>"${logfile}" 2>&1 </dev/null
    fi
    env -i PATH="${PATH}" "${envs[@]}" "${bin}" "${args[@]}" >>"${logfile}" 2>&1 </dev/null
}

log "migration (the migration Job's environment)"
mkdir -p "${dir}/migrate"
map_json 0 "${dir}/migrate" >"${dir}/migrate/map.json"
node "${deploy}/local/chart-env.mjs" "${dir}/render.yaml" store-migrate "${dir}/migrate/map.json" >"${dir}/migrate/spec"
# The Vault Agent's part: the chart's database-url template with the issued credentials.
bash "${deploy}/local/db-agent.sh" render "${dir}" "${dir}/migrate/spec" "${dir}/secrets/database-url"
run_from "${dir}/migrate/spec" "${dir}/migrate/log" migrate || { tail -n 20 "${dir}/migrate/log" >&2; exit 1; }
# From now on the agent renews the lease before its TTL and issues a new user at its maximum.
bash "${deploy}/local/db-agent.sh" agent "${dir}" "${dir}/migrate/spec" "${dir}/secrets/database-url" \
    >/dev/null 2>"${dir}/db-agent.log" </dev/null &
echo $! >"${dir}/db-agent.pid"

upstreams=()
for replica in 1 2; do
    port="$(free_port)"
    rdir="${dir}/replica-${replica}"
    mkdir -p "${rdir}/data"
    map_json "${port}" "${rdir}/data" >"${rdir}/map.json"
    node "${deploy}/local/chart-env.mjs" "${dir}/render.yaml" store-service "${rdir}/map.json" >"${rdir}/spec"
    dropped="$(sed -n 's/^dropped //p' "${rdir}/spec" | tr '\n' ' ')"
    log "replica ${replica} on ${port} ($(grep -c '^env ' "${rdir}/spec") variables from the chart${dropped:+; dropped: ${dropped}})"
    EXEC=1 run_from "${rdir}/spec" "${rdir}/log" &
    echo $! >"${rdir}/pid"
    remember "REPLICA_${replica}_PORT" "${port}"
    remember "REPLICA_${replica}_PID" "$(cat "${rdir}/pid")"
    upstreams+=("127.0.0.1:${port}")
done
for replica in 1 2; do
    port="$(sed -n "s/^REPLICA_${replica}_PORT=//p" "${state}")"
    for _ in $(seq 1 150); do
        curl -fsS -o /dev/null "http://127.0.0.1:${port}/health/ready" 2>/dev/null && break
        kill -0 "$(cat "${dir}/replica-${replica}/pid")" 2>/dev/null || { tail -n 20 "${dir}/replica-${replica}/log" >&2; exit 1; }
        sleep 0.2
    done
done

# ---------------------------------------------------------------- nginx over TLS, the dashboard image's config
log "nginx"
nginx_port="$(free_port)"
mkdir -p "${dir}/nginx/snippets" "${dir}/nginx/tmp"
cp "${deploy}/docker/nginx-security-headers.conf" "${dir}/nginx/snippets/security-headers.conf"
upstream_list="$(IFS=';'; echo "${upstreams[*]}")"
upstream_list="${upstream_list//;/; server }"
sed -e "s#\${API_UPSTREAM}#${upstream_list}#" \
    -e "s#listen 8080;#listen 127.0.0.1:${nginx_port} ssl;\n    ssl_certificate ${dir}/ca/server.crt;\n    ssl_certificate_key ${dir}/ca/server.key;#" \
    -e "s#root /usr/share/nginx/html;#root ${dist};#" \
    -e "s#/etc/nginx/snippets/#${dir}/nginx/snippets/#g" \
    "${deploy}/docker/nginx.conf" >"${dir}/nginx/server.conf"
cat >"${dir}/nginx/nginx.conf" <<CONF
user root;
worker_processes 1;
pid ${dir}/nginx/nginx.pid;
error_log ${dir}/nginx/error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # which replica answered: the blue-green system test follows traffic from colour to colour
    log_format upstream '\$status \$upstream_addr \$request_uri';
    access_log ${dir}/nginx/access.log upstream;
    client_body_temp_path ${dir}/nginx/tmp/body;
    proxy_temp_path ${dir}/nginx/tmp/proxy;
    fastcgi_temp_path ${dir}/nginx/tmp/fastcgi;
    uwsgi_temp_path ${dir}/nginx/tmp/uwsgi;
    scgi_temp_path ${dir}/nginx/tmp/scgi;
    include ${dir}/nginx/server.conf;
}
CONF
nginx -c "${dir}/nginx/nginx.conf" -p "${dir}/nginx" </dev/null >/dev/null 2>&1
remember NGINX_PID_FILE "${dir}/nginx/nginx.pid"
url="https://localhost:${nginx_port}"
for _ in $(seq 1 50); do
    curl -fsS --cacert "${dir}/ca/ca.crt" -o /dev/null "${url}/api/openapi.json" 2>/dev/null && break
    sleep 0.2
done
# Through nginx's /api proxy to a replica, over TLS verified against the local CA.
curl -fsS --cacert "${dir}/ca/ca.crt" -o /dev/null "${url}/api/openapi.json" || { log "nginx does not proxy to the API"; exit 1; }
remember URL "${url}"
remember ADMIN_PASSWORD "${admin_password}"
echo "URL=${url}"
echo "ADMIN_PASSWORD=${admin_password}"
echo "CA_FILE=${dir}/ca/ca.crt"
