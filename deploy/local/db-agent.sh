#!/usr/bin/env bash
# The local stack's stand-in for Vault's database secrets engine and the Vault Agent, with the
# statements and the template the real ones use (deploy/infra/vault/configure.sh, the chart):
#   issue DIR            a new PostgreSQL user with configure.sh's creation_statements, valid for
#                        LOCAL_DB_TTL seconds (default 900); recorded as DB_USER/DB_PASSWORD in
#                        DIR/stack.env (the last line wins) and printed
#   render DIR SPEC OUT  the database-url template of SPEC (deploy/local/chart-env.mjs output)
#                        with the recorded credentials, written the agent's way: a temporary
#                        file in OUT's directory renamed over OUT
#   revoke DIR USER      configure.sh's revocation_statements for USER (the lease ends)
# Used by up.sh, k8s/driver.sh and the credential rotation system test.
set -euo pipefail

command="${1:?usage: db-agent.sh issue|render|revoke DIR ...}"
dir="${2:?usage: db-agent.sh ${command} DIR ...}"
deploy="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="${dir}/stack.env"
value() { sed -n "s/^$1=//p" "${state}" | tail -n 1; }
random() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
# statements creation|revocation: the role's statements as configure.sh writes them
statements() {
    bash "${deploy}/infra/vault/configure.sh" --dry-run |
        sed -n 's/^+ vault write database\/roles\/store-service .*creation_statements=\(.*\) revocation_statements=\(.*\)$/\1\n\2/p' |
        if [[ "$1" == creation ]]; then head -n 1; else tail -n 1; fi
}
# As the operator (Vault's admin connection): the leader, whichever member it is.
admin_sql() {
    local pg_ports hosts
    pg_ports="$(value PG_PORTS)"
    hosts="$(tr ',' '\n' <<<"${pg_ports}" | sed 's/.*/localhost/' | paste -sd,)"
    psql "host=${hosts} port=${pg_ports} dbname=store user=postgres sslmode=verify-full sslrootcert=${dir}/ca/ca.crt target_session_attrs=read-write" \
        -v ON_ERROR_STOP=1 -qAtc "$1"
}

case "${command}" in
issue)
    sql="$(statements creation)"
    [[ -n "${sql}" ]] || { echo "db-agent: no creation_statements in configure.sh --dry-run" >&2; exit 1; }
    user="v-store-$(random | head -c 8 | tr '[:upper:]' '[:lower:]')"
    password="$(random)"
    expiration="$(date -u -d "+${LOCAL_DB_TTL:-900} seconds" '+%Y-%m-%d %H:%M:%S+00')"
    sql="${sql//\{\{name\}\}/${user}}"
    sql="${sql//\{\{password\}\}/${password}}"
    sql="${sql//\{\{expiration\}\}/${expiration}}"
    admin_sql "${sql}" >/dev/null
    echo "DB_USER=${user}" >>"${state}"
    echo "DB_PASSWORD=${password}" >>"${state}"
    echo "${user}"
    ;;
render)
    spec="${3:?usage: db-agent.sh render DIR SPEC OUT}"
    out="${4:?usage: db-agent.sh render DIR SPEC OUT}"
    template="$(sed -n 's/^template database-url //p' "${spec}")"
    [[ -n "${template}" ]] || { echo "db-agent: no database-url template in ${spec}" >&2; exit 1; }
    node -e '
      const [t, u, p] = process.argv.slice(1);
      const text = t.replace(/\\n/g, "\n").replace(/\{\{-? *with secret [^}]*-?\}\}/g, "").replace(/\{\{-? *end *-?\}\}/g, "")
        .replace(/\{\{ *\.Data\.username *\}\}/g, u).replace(/\{\{ *\.Data\.password *\}\}/g, encodeURIComponent(p));
      process.stdout.write(text.trim());' "${template}" "$(value DB_USER)" "$(value DB_PASSWORD)" >"${out}.tmp"
    mv -f "${out}.tmp" "${out}"
    ;;
revoke)
    user="${3:?usage: db-agent.sh revoke DIR USER}"
    sql="$(statements revocation)"
    [[ -n "${sql}" ]] || { echo "db-agent: no revocation_statements in configure.sh --dry-run" >&2; exit 1; }
    admin_sql "${sql//\{\{name\}\}/${user}}" >/dev/null
    ;;
*)
    echo "usage: db-agent.sh issue|render|revoke DIR ..." >&2
    exit 2
    ;;
esac
