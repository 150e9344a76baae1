#!/usr/bin/env bash
# The local stack's stand-in for Vault's database secrets engine and the Vault Agent, with the
# statements and the template the real ones use (deploy/infra/vault/configure.sh, the chart):
#   issue DIR            a new PostgreSQL user with configure.sh's creation_statements, valid for
#                        the TTL (below); recorded as DB_USER/DB_PASSWORD/DB_ISSUED_AT in
#                        DIR/stack.env (the last line wins) and printed
#   render DIR SPEC OUT  the database-url template of SPEC (deploy/local/chart-env.mjs output)
#                        with the recorded credentials, written the agent's way: a temporary
#                        file in OUT's directory renamed over OUT
#   revoke DIR USER      configure.sh's revocation_statements for USER (the lease ends)
#   renew DIR USER       Vault's default renew statement: USER's VALID UNTIL moves to now + TTL
#   agent DIR SPEC OUT   what Vault Agent does with the lease, until stopped (TERM): at 2/3 of
#                        the current lease (DB_LEASE_START..DB_LEASE_END, written by issue and
#                        renew) it renews the lease; when a renewal would pass the maximum TTL
#                        it issues a new user, renders OUT from SPEC, and revokes the old user
#                        when its lease ends (its VALID UNTIL). The TTL of the next lease is
#                        DB_TTL in DIR/stack.env (the last line wins; else LOCAL_DB_TTL, else
#                        900), the maximum DB_MAX_TTL (else 3 x TTL); re-read at every step.
#                        USR1 makes the agent take its step at once (a test shortens the TTL, or
#                        restores it). A step that fails (a failover under way) is retried a
#                        second later.
# Used by up.sh (the agent, in the background), k8s/driver.sh and the system tests.
set -euo pipefail

command="${1:?usage: db-agent.sh issue|render|revoke|renew|agent DIR ...}"
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

ttl() { local t; t="$(value DB_TTL)"; echo "${t:-${LOCAL_DB_TTL:-900}}"; }
max_ttl() { local m; m="$(value DB_MAX_TTL)"; echo "${m:-$(($(ttl) * 3))}"; }
log() { echo "db-agent: $(date -u '+%H:%M:%S') $*" >&2; }

case "${command}" in
issue)
    sql="$(statements creation)"
    [[ -n "${sql}" ]] || { echo "db-agent: no creation_statements in configure.sh --dry-run" >&2; exit 1; }
    user="v-store-$(random | head -c 8 | tr '[:upper:]' '[:lower:]')"
    password="$(random)"
    now="$(date +%s)"
    expires=$((now + $(ttl)))
    expiration="$(date -u -d "@${expires}" '+%Y-%m-%d %H:%M:%S+00')"
    sql="${sql//\{\{name\}\}/${user}}"
    sql="${sql//\{\{password\}\}/${password}}"
    sql="${sql//\{\{expiration\}\}/${expiration}}"
    admin_sql "${sql}" >/dev/null
    # One append, so that a reader never sees the new user with the old lease.
    printf 'DB_USER=%s\nDB_PASSWORD=%s\nDB_ISSUED_AT=%s\nDB_LEASE_START=%s\nDB_LEASE_END=%s\n' \
        "${user}" "${password}" "${now}" "${now}" "${expires}" >>"${state}"
    echo "${user}"
    ;;
renew)
    user="${3:?usage: db-agent.sh renew DIR USER}"
    now="$(date +%s)"
    expires=$((now + $(ttl)))
    # The database plugin's default renew_statements (configure.sh sets none of its own).
    admin_sql "ALTER ROLE \"${user}\" VALID UNTIL '$(date -u -d "@${expires}" '+%Y-%m-%d %H:%M:%S+00')';" >/dev/null
    # The lease of the current user only (a user replaced meanwhile keeps its own end).
    if [[ "$(value DB_USER)" == "${user}" ]]; then
        printf 'DB_LEASE_START=%s\nDB_LEASE_END=%s\n' "${now}" "${expires}" >>"${state}"
    fi
    ;;
agent)
    spec="${3:?usage: db-agent.sh agent DIR SPEC OUT}"
    out="${4:?usage: db-agent.sh agent DIR SPEC OUT}"
    self="${BASH_SOURCE[0]}"
    set +e
    trap 'kill $(jobs -p) 2>/dev/null; exit 0' TERM INT
    # USR1 only sets a flag: a signal that arrives while a step runs (bash defers the trap until
    # the foreground child ends) is not lost, the next round takes the step.
    forced=0
    trap 'forced=1' USR1
    while :; do
        # When the current lease is due: at 2/3 of its own duration (DB_LEASE_START..END, written
        # by issue and renew), not of the configured TTL — a lease issued with a short TTL is
        # renewed in time even after the TTL was made long again.
        user="$(value DB_USER)"
        start="$(value DB_LEASE_START)"
        end="$(value DB_LEASE_END)"
        now="$(date +%s)"
        due=$((start + (end - start) * 2 / 3))
        if ((forced == 0 && now < due)); then
            # In the background so that USR1 interrupts the wait; at most a minute, so that a
            # lease issued by someone else (the rotation test) is looked at again.
            nap=$((due - now))
            ((nap > 60)) && nap=60
            sleep "${nap}" &
            wait $! || kill $! 2>/dev/null
            continue
        fi
        if ((forced)); then log "woken (TTL $(ttl) s, maximum $(max_ttl) s)"; fi
        forced=0
        if ((now - $(value DB_ISSUED_AT) + $(ttl) > $(max_ttl))); then
            # No renewal past the maximum: a new user, rendered; the old lease ends on its own.
            if ! new="$(bash "${self}" issue "${dir}")" || ! bash "${self}" render "${dir}" "${spec}" "${out}"; then
                log "issuing a new user failed; again in 1 s"
                sleep 1
                continue
            fi
            log "issued ${new}, rendered ${out}; ${user} is revoked when its lease ends"
            (
                trap 'kill $! 2>/dev/null; exit 0' TERM
                if ((end > now)); then
                    sleep $((end - now)) &
                    wait $!
                fi
                until bash "${self}" revoke "${dir}" "${user}"; do sleep 1; done
                log "revoked ${user} (its lease ended)"
            ) &
        elif bash "${self}" renew "${dir}" "${user}"; then
            log "renewed ${user} for $(ttl) s"
        else
            log "renewing ${user} failed; again in 1 s"
            sleep 1
        fi
    done
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
    echo "usage: db-agent.sh issue|render|revoke|renew|agent DIR ..." >&2
    exit 2
    ;;
esac
