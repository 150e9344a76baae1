// Database credentials rotate without a restart (issue 12 item 6; docs/operations.md
// "Database credential rotation"). PostgreSQL only: SQLite has no credentials.
//
// A PostgreSQL of its own (started here, so its pg_hba.conf can check passwords: the shared test
// server trusts every loopback login), the service started with DATABASE_URL_FILE laid out the
// way a Kubernetes secret volume is (database-url -> ..data/database-url, ..data -> a dated
// directory), and requests — writes and uncached reads — running all the time while:
//   1. the login role's password changes (ALTER ROLE … PASSWORD, as for a Vault static role)
//      and the volume's ..data link is swapped to a directory with the new URL;
//   2. a new login role is made the way Vault's database engine does (configure.sh's creation
//      statements) and the file is replaced by a rename, as Vault Agent writes it; the old role
//      then expires (VALID UNTIL in the past), is revoked and dropped (the revocation
//      statements), and whatever session it still has is terminated.
// Then: no request failed, the old credentials have no session left to terminate, and every
// session of the service authenticated as the new role.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { DATABASES, REPO_ROOT, adminClient, startService, uniqueCode, validStore, waitFor } from './harness.mjs';

const LOAD_WORKERS = 4;

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return result.stdout.trim();
}

describe('database credentials rotate without a restart (postgres)', { skip: !DATABASES.includes('postgres') }, () => {
  let parent;
  let pgDir;
  let superUrl; // postgres@…/store: trusted, for the test's own statements
  let port;
  let secrets; // the mounted volume
  let service;
  let admin;

  const sql = (statement) =>
    run('psql', [superUrl, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', statement]);
  const urlOf = (user, password) =>
    `postgresql://${user}:${password}@127.0.0.1:${port}/store?application_name=rotation-under-test`;
  // Sessions of the service (its pool and its LISTEN connection), by login role.
  const sessions = () =>
    sql(
      "SELECT usename || ' ' || extract(epoch FROM backend_start)::text FROM pg_stat_activity " +
        "WHERE datname = 'store' AND pid <> pg_backend_pid() AND usename <> 'postgres' ORDER BY 1",
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [user, started] = line.split(' ');
        return { user, started: Number(started) };
      });
  // The role Vault's database engine creates (deploy/infra/vault/configure.sh).
  const createRole = (name, password) =>
    sql(
      "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'store_owner') THEN " +
        'CREATE ROLE store_owner NOLOGIN; END IF; END$$; ' +
        'GRANT ALL ON DATABASE store TO store_owner; GRANT ALL ON SCHEMA public TO store_owner; ' +
        `CREATE ROLE "${name}" WITH LOGIN PASSWORD '${password}' VALID UNTIL 'infinity' IN ROLE store_owner; ` +
        `ALTER ROLE "${name}" SET role = 'store_owner';`,
    );

  // Kubernetes' atomic writer: a new dated directory, then ..data swapped by a rename.
  let generation = 0;
  const projectVolume = (url) => {
    generation += 1;
    const dated = `..2026_12_06_${generation}`;
    mkdirSync(path.join(secrets, dated));
    writeFileSync(path.join(secrets, dated, 'database-url'), `${url}\n`, { mode: 0o400 });
    symlinkSync(dated, path.join(secrets, '..data_tmp'));
    renameSync(path.join(secrets, '..data_tmp'), path.join(secrets, '..data'));
  };

  before(async () => {
    parent = mkdtempSync(path.join(os.tmpdir(), 'api-rotation-'));
    chmodSync(parent, 0o755); // the server runs as the postgres user and must reach it
    pgDir = path.join(parent, 'pg');
    superUrl = run(path.join(REPO_ROOT, 'scripts/start-postgres.sh'), [pgDir]).split('\n').pop();
    port = new URL(superUrl).port;
    // Passwords are checked for every role but the superuser (start-postgres.sh trusts all).
    const hba = run('psql', [superUrl, '-qAt', '-c', 'SHOW hba_file']);
    writeFileSync(
      hba,
      'local all postgres trust\nhost all postgres 127.0.0.1/32 trust\n' +
        'host all all 127.0.0.1/32 scram-sha-256\n',
    );
    sql('SELECT pg_reload_conf()');
    createRole('v-store-1', 'first-password');
    assert.throws(() => run('psql', [urlOf('v-store-1', 'wrong'), '-c', 'SELECT 1']), /password authentication failed/);

    secrets = path.join(parent, 'secrets');
    mkdirSync(secrets);
    projectVolume(urlOf('v-store-1', 'first-password'));
    symlinkSync('..data/database-url', path.join(secrets, 'database-url'));
    service = await startService({
      env: { DATABASE_URL_FILE: path.join(secrets, 'database-url'), DATABASE_POOL_SIZE: '4' },
    });
    admin = await adminClient(service);
  });

  after(async () => {
    await service?.stop();
    if (pgDir) {
      spawnSync(path.join(REPO_ROOT, 'scripts/stop-postgres.sh'), [pgDir], { timeout: 60_000 });
    }
    if (parent) {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('password changed, then a new role with the old one expired and revoked: 0 failed requests, sessions on the new credentials', async () => {
    // The load: writes (always the database) and list reads no cache holds (a fresh filter).
    let stop = false;
    let done = 0;
    const failures = [];
    const worker = async () => {
      while (!stop) {
        const write = done % 2 === 0;
        const response = write
          ? await admin.post('/api/stores', validStore(uniqueCode('ROT')))
          : await admin.get(`/api/stores?q=${uniqueCode('Q')}`);
        done += 1;
        if (response.status !== (write ? 201 : 200)) {
          failures.push(`${response.status} ${response.text}`);
        }
      }
    };
    const load = Array.from({ length: LOAD_WORKERS }, worker);
    const requestsAfter = async (count, what) => {
      const target = done + count;
      await waitFor(() => done >= target || stop, { attempts: 4000, what });
    };
    const reloads = async () => {
      const metrics = await admin.get('/metrics');
      const match = /^store_db_credential_reloads_total (\d+)/m.exec(metrics.text);
      return match ? Number(match[1]) : 0;
    };

    try {
      await requestsAfter(100, 'requests before the rotation');
      assert.deepEqual([...new Set(sessions().map((s) => s.user))], ['v-store-1']);

      // 1. Static role: the password changes, then the volume is updated.
      const rotatedAt = Number(sql('SELECT extract(epoch FROM now())'));
      sql(`ALTER ROLE "v-store-1" PASSWORD 'second-password'`);
      projectVolume(urlOf('v-store-1', 'second-password'));
      await requestsAfter(100, 'requests after the password change');
      // Every session opened before the change ends once its current use does.
      await waitFor(() => sessions().every((s) => s.started > rotatedAt), {
        attempts: 40,
        intervalMs: 250,
        what: 'the sessions opened with the old password to be drained',
      }).catch(() => null); // asserted below, after the load has had its say
      const afterPasswordChange = sessions();

      // 2. Dynamic role (Vault's database engine): a new role, the file replaced by a rename.
      createRole('v-store-2', 'third-password');
      const rendered = path.join(secrets, '.database-url.tmp');
      writeFileSync(rendered, urlOf('v-store-2', 'third-password'), { mode: 0o400 });
      renameSync(rendered, path.join(secrets, 'database-url'));
      sql(`ALTER ROLE "v-store-1" VALID UNTIL '2000-01-01'`);
      await requestsAfter(100, 'requests after the new role');
      await waitFor(() => sessions().every((s) => s.user === 'v-store-2'), {
        attempts: 40,
        intervalMs: 250,
        what: 'the sessions of the old role to be drained',
      }).catch(() => null);
      // The lease ends: Vault's revocation statements, and any session left is cut off.
      const leftover = Number(
        sql(
          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = 'v-store-1'",
        ),
      );
      sql('REVOKE store_owner FROM "v-store-1"; DROP ROLE IF EXISTS "v-store-1"');
      await requestsAfter(200, 'requests after the old role was dropped');
      stop = true;
      await Promise.all(load);

      assert.equal(failures.length, 0, `${failures.length} of ${done} requests failed, e.g. ${failures.slice(0, 3)}`);
      assert.equal(leftover, 0, 'sessions of the expired role were still open when it was revoked');
      assert.ok(
        afterPasswordChange.every((s) => s.started > rotatedAt),
        `sessions older than the password change: ${JSON.stringify(afterPasswordChange)} (changed at ${rotatedAt})`,
      );
      const final = sessions();
      assert.ok(final.length > 0);
      assert.deepEqual([...new Set(final.map((s) => s.user))], ['v-store-2'], JSON.stringify(final));
      assert.equal(await reloads(), 2);
      const logged = service.logs.filter((entry) => entry.msg?.startsWith('database credentials reloaded'));
      assert.deepEqual(
        logged.map((entry) => entry.user),
        ['v-store-1', 'v-store-2'],
      );
      assert.ok(!JSON.stringify(service.logs).includes('third-password'), 'a password reached the log');
    } finally {
      stop = true;
      await Promise.all(load);
    }
  });
});
