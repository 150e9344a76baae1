// System tests against the production-shaped local stack (deploy/local/up.sh), always through
// nginx over TLS: the dashboard's whole journey in Chromium (frontend/e2e/journey.mjs); the smoke
// test; a live update in the browser (a store created elsewhere, its page); provisioning writing the store's credentials to Vault through
// configure.sh's policy (and that policy refusing what it does not grant); the production
// Cluster's bootstrap SQL making the extensions a narrower role could not; Redis and Vault each
// stopped and started again; the database credentials rotated under writes (a new user from the
// agent, the old one revoked, no request failed); the agent renewing the lease and replacing the
// user at its maximum TTL (a short TTL); the Patroni leader lost under writes with no
// acknowledged write lost;
// a replica killed mid-provisioning (the other completes the run). Run by
// deploy/local/system.test.sh, which brings the stack up and down and passes STACK_ENV (the
// stack's DIR/stack.env) and NODE_EXTRA_CA_CERTS (its CA).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { before, test } from 'node:test';

import { parseAllDocuments } from 'yaml';

import { Client, REPO_ROOT, uniqueCode, validStore, waitFor, waitForRun } from '../../server/tests/api/harness.mjs';
import { missingAcknowledgedWrites, startWriteLoad, successesAfter, until } from '../../server/tests/failover/load.mjs';

const stack = Object.fromEntries(readFileSync(process.env.STACK_ENV, 'utf8').trim().split('\n')
  .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
let admin;

before(async () => {
  const anonymous = new Client(stack.URL);
  admin = anonymous.as((await anonymous.login('admin', stack.ADMIN_PASSWORD)).accessToken);
});

// Debian's Chromium through playwright-core (the dashboard's own e2e dependency, from
// frontend/node_modules). TLS is checked by pinning the stack's server key (SPKI), not skipped.
async function launchChromium() {
  const { chromium } = createRequire(path.join(REPO_ROOT, 'frontend/package.json'))('playwright-core');
  const spki = execFileSync('bash', ['-c', `openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
    '_', path.join(path.dirname(process.env.STACK_ENV), 'ca/server.crt')], { encoding: 'utf8' }).trim();
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', `--ignore-certificate-errors-spki-list=${spki}`],
  });
}

// The dashboard's whole journey (frontend/e2e/journey.mjs, what make test's e2e suite runs
// against one service per database) through nginx over TLS on this stack: pools, stock by CSV,
// the wizard, provisioning live across the replicas, the bundle, a credential from Vault, bulk
// decommission as a rollout, templates, a plan, a rollout with a canary, the calendar, a
// rotation; no failed request, no console error, axe on its pages. First, on the fresh stack:
// its forecast and dashboard expect only the journey's own openings.
test('the dashboard journey in Chromium through nginx over TLS, every step', { timeout: 600_000 }, async (t) => {
  const { runJourney } = await import(path.join(REPO_ROOT, 'frontend/e2e/journey.mjs'));
  const { axeCheck } = await import(path.join(REPO_ROOT, 'frontend/e2e/axe.mjs'));
  const shots = mkdtempSync(path.join(tmpdir(), 'stack-journey-'));
  // A failed step leaves its screen in build/screenshots/ (kept, unlike the journey's own shots).
  const failures = path.join(REPO_ROOT, 'build/screenshots');
  mkdirSync(failures, { recursive: true });
  let current;
  let step = 0;
  const browser = await launchChromium();
  try {
    await runJourney({
      browser,
      base: stack.URL,
      password: stack.ADMIN_PASSWORD,
      db: 'postgres',
      test: (name, fn) => t.test(name, async () => {
        step += 1;
        try {
          await fn();
        } catch (error) {
          await current?.screenshot({ path: path.join(failures, `stack-journey-failed-${step}.png`), fullPage: true }).catch(() => undefined);
          throw error;
        }
      }),
      expect: (condition, message) => assert.ok(condition, message),
      shots,
      setCurrentPage: (page) => { current = page; },
      axe: axeCheck,
    });
  } finally {
    await browser.close();
    rmSync(shots, { recursive: true, force: true });
  }
});

test('deploy/smoke.sh passes through nginx over TLS (verified against the local CA)', () => {
  const smoke = spawnSync('bash', [path.join(REPO_ROOT, 'deploy/smoke.sh'), stack.URL], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CURL_CA_BUNDLE: process.env.NODE_EXTRA_CA_CERTS, SMOKE_USER: 'admin', SMOKE_PASSWORD: stack.ADMIN_PASSWORD },
  });
  assert.equal(smoke.status, 0, smoke.stdout + smoke.stderr);
});

test('the dashboard in Chromium through nginx over TLS: log in, a store created elsewhere appears live in the filtered list, its page opens', { timeout: 120_000 }, async () => {
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${stack.URL}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(stack.ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const code = uniqueCode('WEB');
    await page.goto(`${stack.URL}/stores?q=${code.toLowerCase()}`);
    await page.getByText('No store matches these filters').waitFor();
    // Created through nginx by another client: the live event (WebSocket through nginx, Redis
    // between the replicas) refreshes the open list without a reload.
    const created = await admin.post('/api/stores', validStore(code));
    assert.equal(created.status, 201, created.text);
    await page.getByRole('link', { name: code }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(new RegExp(created.body.id));
    await page.getByRole('heading', { name: new RegExp(code) }).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('provisioning writes the credentials to Vault through configure.sh\'s policy; the policy refuses other paths', async () => {
  const pool = await admin.post('/api/network/pools', { cidr: '10.60.0.0/16', purpose: 'pos', segmentPrefix: 24 });
  assert.equal(pool.status, 201, pool.text);
  const created = await admin.post('/api/stores', validStore(uniqueCode('SYS'), { hardwarePlan: {}, networkPlan: [{ purpose: 'pos' }] }));
  assert.equal(created.status, 201, created.text);
  const started = await admin.post(`/api/stores/${created.body.id}/provision`, undefined, { headers: { 'if-match': `"${created.body.version}"` } });
  assert.equal(started.status, 202, started.text);
  const run = await waitForRun(admin, started.headers.get('location'), { timeoutMs: 60_000 });
  assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
  const state = await (await fetch(`http://127.0.0.1:${stack.VAULT_CONTROL_PORT}/state`)).json();
  assert.ok(state.kv[`stores/${created.body.id}/credentials`]?.data?.device_admin_password, 'the credentials are in Vault KV');
  const credentials = await admin.get(`/api/stores/${created.body.id}/credentials`);
  assert.equal(credentials.status, 200, credentials.text);
  // The same login the pods use: granted paths answer, the old default layout is refused.
  const vault = `https://localhost:${stack.VAULT_PORT}/v1`;
  const login = await (await fetch(`${vault}/auth/kubernetes/login`, { method: 'POST', body: JSON.stringify({ role: 'store-service', jwt: stack.VAULT_K8S_JWT }) })).json();
  const get = async (p) => (await fetch(`${vault}/${p}`, { headers: { 'x-vault-token': login.auth.client_token } })).status;
  assert.equal(await get(`store-platform/data/stores/${created.body.id}/credentials`), 200);
  assert.equal(await get('secret/data/store-service'), 403);
  assert.equal(await get('store-platform/data/other'), 403);
});

const dependency = async (name) => (await admin.get('/api/system/health')).body.dependencies.find((d) => d.name === name);
const readiness = async () => (await new Client(stack.URL).get('/health/ready'));
// Readiness through nginx lands on either replica: wait until both say the same.
async function bothReplicas(probe, what) {
  for (const port of [stack.REPLICA_1_PORT, stack.REPLICA_2_PORT]) {
    await waitFor(async () => probe(new Client(`http://127.0.0.1:${port}`)), { attempts: 600, intervalMs: 100, what: `${what} (replica on ${port})` });
  }
}

test('Redis stopped: the API keeps answering through nginx (degraded, still ready); started again: ready', { timeout: 120_000 }, async () => {
  const redisPid = Number(readFileSync(path.join(stack.REDIS_DIR, 'redis.pid'), 'utf8'));
  process.kill(redisPid, 'SIGTERM');
  await waitFor(async () => { try { process.kill(redisPid, 0); return false; } catch { return true; } }, { what: 'Redis to exit' });
  await bothReplicas(async (c) => {
    await c.as(admin.token).get(`/api/stores?q=${uniqueCode()}`);
    return (await c.get('/health/ready')).body.degraded?.some((d) => d.name === 'redis');
  }, 'the redis breaker to open');
  const list = await admin.get(`/api/stores?q=${uniqueCode()}`);
  assert.equal(list.status, 200, 'served from PostgreSQL without Redis');
  const ready = await readiness();
  assert.equal(ready.status, 200, 'still in rotation');
  execFileSync(path.join(stack.REDIS_DIR, 'start.sh'));
  await bothReplicas(async (c) => {
    await c.as(admin.token).get(`/api/stores?q=${uniqueCode()}`);
    return (await c.get('/health/ready')).body.status === 'ready';
  }, 'ready again after Redis is back');
});

test('Vault stopped: provisioning waits in issue_credentials, the pods stay ready; Vault back: the run completes', { timeout: 180_000 }, async () => {
  await admin.post('/api/network/pools', { cidr: '10.62.0.0/16', purpose: 'pos', segmentPrefix: 24 });
  const control = (mode) => fetch(`http://127.0.0.1:${stack.VAULT_CONTROL_PORT}/mode`, { method: 'POST', body: JSON.stringify({ mode }) });
  assert.equal((await control('down')).status, 200);
  let location;
  try {
    const created = await admin.post('/api/stores', validStore(uniqueCode('VLT'), { hardwarePlan: {}, networkPlan: [{ purpose: 'pos' }] }));
    assert.equal(created.status, 201, created.text);
    const started = await admin.post(`/api/stores/${created.body.id}/provision`, undefined, { headers: { 'if-match': `"${created.body.version}"` } });
    assert.equal(started.status, 202, started.text);
    location = started.headers.get('location');
    await waitFor(async () => {
      const run = (await admin.get(location)).body;
      return run.steps?.find((s) => s.name === 'issue_credentials')?.attempts > 1;
    }, { attempts: 600, intervalMs: 100, what: 'issue_credentials to be retried while Vault is down' });
    assert.equal((await readiness()).status, 200, 'Vault is not required: still in rotation');
    assert.notEqual((await dependency('vault'))?.state, undefined);
  } finally {
    await control('normal');
  }
  const run = await waitForRun(admin, location, { timeoutMs: 120_000, intervalMs: 200 });
  assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
});

// The alert rules, the Grafana dashboard and the HPA use these names: an alert on a series the
// service never exports cannot fire. Checked on both replicas once a run has finished (on one of
// them) and both have read from the standbys and called Redis and Vault.
test('every service metric deploy/ references is exported by both replicas of the production-shaped stack', async () => {
  const referenced = readFileSync(path.join(REPO_ROOT, 'deploy/metrics-referenced.txt'), 'utf8').split('\n')
    .map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  for (const port of [stack.REPLICA_1_PORT, stack.REPLICA_2_PORT]) {
    const client = new Client(`http://127.0.0.1:${port}`);
    await client.as(admin.token).get('/api/stores?pageSize=1');
    const exported = new Set((await client.get('/metrics')).text.split('\n')
      .filter((line) => line && !line.startsWith('#')).map((line) => line.split(/[{ ]/)[0]));
    assert.deepEqual(referenced.filter((name) => !exported.has(name)), [], `not exported by the replica on ${port}`);
  }
});

// The stand-in for Vault's database engine and agent (issue, render, revoke).
const stackDir = path.dirname(process.env.STACK_ENV);
const dbAgent = (...args) =>
  execFileSync('bash', [path.join(REPO_ROOT, 'deploy/local/db-agent.sh'), args[0], stackDir, ...args.slice(1)], { encoding: 'utf8' }).trim();
const stackValue = (name) => readFileSync(process.env.STACK_ENV, 'utf8').trim().split('\n')
  .filter((l) => l.startsWith(`${name}=`)).pop()?.slice(name.length + 1);
// As the operator, on every member (the replicas' reads go to the standbys).
const onEachMember = (sql) => stack.PG_PORTS.split(',').map((port) => execFileSync('psql', [
  `host=localhost port=${port} dbname=store user=postgres sslmode=verify-full sslrootcert=${path.join(stackDir, 'ca/ca.crt')}`,
  '-qAtc', sql], { encoding: 'utf8' }).trim()).join('\n').split('\n').filter(Boolean);
const serviceSessions = () => onEachMember("SELECT usename FROM pg_stat_activity WHERE usename LIKE 'v-store-%'");

// CloudNativePG runs the Cluster's postInitApplicationSQL as the superuser when it creates the
// cluster (up.sh does the same on the leader). In a scratch database: the migration's CREATE
// EXTENSION, run by a role without CREATE on the database, is refused before that SQL ran and
// passes after it — a narrower application role cannot break migration 0005.
test('the production Cluster\'s bootstrap SQL creates the migrations\' extensions: a role without CREATE on the database then runs 0005\'s CREATE EXTENSION', () => {
  const cluster = parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'deploy/infra/postgresql/production.yaml'), 'utf8'))
    .map((d) => d.toJS()).find((o) => o?.kind === 'Cluster');
  const bootstrap = cluster.spec.bootstrap?.initdb?.postInitApplicationSQL ?? [];
  const [createExtension] = readFileSync(path.join(REPO_ROOT, 'server/migrations/postgres/0005_scale.sql'), 'utf8').match(/^CREATE EXTENSION[^;]*;/m);
  const database = `bootstrap_check_${process.pid}`;
  const role = `narrow_${process.pid}`;
  const onLeader = (db, sql) => spawnSync('psql', [
    `host=${stack.PG_PORTS.split(',').map(() => 'localhost').join(',')} port=${stack.PG_PORTS} dbname=${db} user=postgres ` +
    `sslmode=verify-full sslrootcert=${path.join(stackDir, 'ca/ca.crt')} target_session_attrs=read-write`,
    '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' });
  const run = (db, sql) => { const r = onLeader(db, sql); assert.equal(r.status, 0, `${sql}: ${r.stderr}`); };
  run('store', `CREATE DATABASE ${database}`);
  try {
    run('store', `CREATE ROLE ${role} NOLOGIN`);
    const before = onLeader(database, `SET ROLE ${role}; ${createExtension}`);
    assert.notEqual(before.status, 0, 'the check needs a role that may not create the extension');
    assert.match(before.stderr, /permission denied to create extension/);
    assert.ok(bootstrap.length > 0, 'the Cluster has bootstrap SQL');
    for (const sql of bootstrap) run(database, sql);
    run(database, `SET ROLE ${role}; ${createExtension}`);
  } finally {
    onLeader('store', `DROP DATABASE IF EXISTS ${database}`);
    onLeader('store', `DROP ROLE IF EXISTS ${role}`);
  }
});

test('database credentials rotated under writes through nginx: a new user rendered by the agent, the old one revoked, 0 failed requests', { timeout: 180_000 }, async () => {
  const oldUser = stackValue('DB_USER');
  assert.ok(serviceSessions().includes(oldUser), `the service's sessions log in as ${oldUser}`);
  const load = startWriteLoad(admin, { workers: 4 });
  let newUser;
  let leftover;
  try {
    await until(() => load.stats.ok >= 40, 30_000, 'writes before the rotation');
    // Vault's database engine issues a new user; the agent renders it into the file (a rename).
    newUser = dbAgent('issue');
    dbAgent('render', path.join(stackDir, 'replica-1/spec'), path.join(stackDir, 'secrets/database-url'));
    await bothReplicas(async (c) => /^store_db_credential_reloads_total [1-9]/m.test((await c.get('/metrics')).text),
      'the replica to take the new credentials');
    // The old user's sessions end as their current use does; then its lease is revoked.
    await waitFor(() => !serviceSessions().includes(oldUser), { attempts: 120, intervalMs: 250, what: `the sessions of ${oldUser} to be drained` })
      .catch(() => null); // asserted below
    leftover = onEachMember(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = '${oldUser}'`)
      .reduce((sum, n) => sum + Number(n), 0);
    dbAgent('revoke', oldUser);
    const revokedAt = performance.now();
    await until(() => successesAfter(load.stats, revokedAt) >= 40, 60_000, 'writes after the old user was revoked');
  } finally {
    await load.stop(); // also when a step above failed: the load must not outlive the test
  }
  assert.equal(load.stats.errors, 0, `failed requests: ${JSON.stringify(load.stats.statuses)}`);
  assert.equal(leftover, 0, `sessions of ${oldUser} were still open when its lease was revoked`);
  assert.deepEqual([...new Set(serviceSessions())], [newUser]);
});

// The stack's db-agent (up.sh starts it) does what Vault Agent does with the lease: renews it
// at 2/3 of its TTL and, when a renewal would pass the maximum TTL, issues a new user, renders
// it, and revokes the old one when its lease ends. With a TTL of 9 s (maximum 18 s) for ~3 TTLs:
// no request fails, the file always holds credentials that log in, and the users the agent
// replaced are gone. Without the agent the rendered user cannot log in once its TTL has passed.
// It leaves the stack as it found it: the stack's TTL again, and the current user's lease
// renewed to it (a lease left at 9 s would expire under the later checks: no new connection,
// e.g. after the Patroni failover, could log in).
test('the db-agent renews the database lease before its TTL and replaces the user at its maximum: 0 failed requests, the rendered credentials always log in', { timeout: 180_000 }, async () => {
  const agentPid = Number(readFileSync(path.join(stackDir, 'db-agent.pid'), 'utf8'));
  const setTtl = (ttl, max, { wake = true } = {}) => {
    execFileSync('bash', ['-c', 'printf "DB_TTL=%s\\nDB_MAX_TTL=%s\\n" "$2" "$3" >>"$1"', '_', process.env.STACK_ENV, String(ttl), String(max)]);
    if (wake) process.kill(agentPid, 'SIGUSR1');
  };
  const logsIn = () => spawnSync('psql', [readFileSync(path.join(stackDir, 'secrets/database-url'), 'utf8').trim(), '-qAtc', 'SELECT current_user'],
    { encoding: 'utf8' });
  const validUntil = (user) => onEachMember(`SELECT extract(epoch FROM rolvaliduntil)::bigint FROM pg_roles WHERE rolname = '${user}'`)[0];
  const firstUser = stackValue('DB_USER');
  const ttl = { value: stackValue('DB_TTL'), max: stackValue('DB_MAX_TTL') ?? String(3 * Number(stackValue('DB_TTL'))) };
  const load = startWriteLoad(admin, { workers: 4 });
  const seen = new Set([firstUser]);
  let renewed = false;
  let restored = false;
  try {
    await until(() => load.stats.ok >= 20, 30_000, 'writes before the short TTL');
    setTtl(9, 18);
    const started = Date.now();
    while (Date.now() - started < 30_000) {
      const [user, issuedAt] = [stackValue('DB_USER'), Number(stackValue('DB_ISSUED_AT'))];
      if (seen.has(user) && user !== firstUser) {
        // Renewed: its VALID UNTIL moved past the one it was issued with (issued + 9 s).
        renewed ||= Number(validUntil(user)) > issuedAt + 9;
      }
      seen.add(user);
      const login = logsIn();
      assert.equal(login.status, 0, `the rendered credentials of ${user} do not log in: ${login.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The stack's own TTL again, set the moment the agent has issued a user (it is still
    // rendering it: the step is not over) and without USR1. The agent used to compute its next
    // wake-up from the configured TTL after each step: 2/3 of 900 s, while the lease it had
    // just issued ended after 9 s — no new connection could log in after that (seen as 503s
    // and failed logins after the Patroni failover). The lease itself must say when it is due.
    const issuedBefore = stackValue('DB_USER');
    await waitFor(() => stackValue('DB_USER') !== issuedBefore, { attempts: 3000, intervalMs: 10, what: 'the agent to issue the next user' });
    setTtl(ttl.value, ttl.max, { wake: false });
    restored = true;
  } finally {
    if (!restored) setTtl(ttl.value, ttl.max); // also when a step above failed
    await load.stop();
  }
  // The agent renews the current lease (issued with 9 s) to the stack's TTL before it ends.
  seen.add(stackValue('DB_USER'));
  await waitFor(() => Number(validUntil(stackValue('DB_USER'))) > Date.now() / 1000 + Number(ttl.value) / 2,
    { attempts: 60, intervalMs: 500, what: `the current user's lease to be renewed to ${ttl.value} s` });
  assert.equal(load.stats.errors, 0, `failed requests: ${JSON.stringify(load.stats.statuses)}`);
  assert.ok(seen.size >= 3, `the agent issued new users at the maximum TTL: ${[...seen].join(', ')}`);
  assert.ok(renewed, 'a lease was renewed before its TTL');
  const current = stackValue('DB_USER');
  const replaced = [...seen].filter((user) => user !== current && user !== firstUser);
  await waitFor(() => replaced.every((user) => validUntil(user) === undefined), { attempts: 60, intervalMs: 500, what: 'the replaced users to be revoked' });
  await bothReplicas(async (c) => (await c.as(admin.token).get('/api/stores?pageSize=1')).status === 200, 'the replicas to answer on the current user');
});

async function members() {
  for (const port of stack.REST_PORTS.split(',')) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/cluster`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return (await response.json()).members;
    } catch {
      // that member is gone: ask the next one
    }
  }
  return [];
}

test('the Patroni leader is lost under writes through nginx: a standby takes over, 0 acknowledged writes lost', { timeout: 180_000 }, async () => {
  const load = startWriteLoad(admin, { workers: 4 });
  let leader;
  let stats;
  try {
    await until(() => load.stats.ok >= 40, 30_000, 'writes before the kill');
    leader = (await members()).find((m) => m.role === 'leader');
    assert.ok(leader, 'a leader');
    const dir = path.join(stack.PATRONI_DIR, leader.name);
    const killedAt = performance.now();
    process.kill(Number(readFileSync(path.join(dir, 'patroni.pid'), 'utf8')), 'SIGKILL');
    process.kill(Number(readFileSync(path.join(dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');
    await until(() => successesAfter(load.stats, killedAt) >= 20, 90_000, 'writes after the failover');
  } finally {
    stats = await load.stop(); // also when a step above failed: the load must not outlive the test
  }
  const after = await members();
  assert.notEqual(after.find((m) => m.role === 'leader')?.name, leader.name, 'another member leads');
  const missing = await missingAcknowledgedWrites(admin, stats);
  assert.deepEqual(missing, [], `${missing.length} of ${stats.acked.size} acknowledged writes lost`);
});

test('a replica killed mid-provisioning: the other takes the run over and completes it', { timeout: 240_000 }, async () => {
  const control = (mode) => fetch(`http://127.0.0.1:${stack.VAULT_CONTROL_PORT}/mode`, { method: 'POST', body: JSON.stringify({ mode }) });
  const pid = (n) => Number(readFileSync(path.join(path.dirname(process.env.STACK_ENV), `replica-${n}`, 'pid'), 'utf8'));
  // Replica 2 frozen, Vault down: the run starts on replica 1 and waits in issue_credentials.
  await admin.post('/api/network/pools', { cidr: '10.63.0.0/16', purpose: 'pos', segmentPrefix: 24 });
  const one = new Client(`http://127.0.0.1:${stack.REPLICA_1_PORT}`, admin.token);
  process.kill(pid(2), 'SIGSTOP');
  let location;
  try {
    assert.equal((await control('down')).status, 200);
    const created = await one.post('/api/stores', validStore(uniqueCode('KIL'), { hardwarePlan: {}, networkPlan: [{ purpose: 'pos' }] }));
    assert.equal(created.status, 201, created.text);
    const started = await one.post(`/api/stores/${created.body.id}/provision`, undefined, { headers: { 'if-match': `"${created.body.version}"` } });
    assert.equal(started.status, 202, started.text);
    location = started.headers.get('location');
    await waitFor(async () => (await one.get(location)).body.steps?.find((s) => s.name === 'issue_credentials')?.attempts > 1,
      { attempts: 600, intervalMs: 100, what: 'replica 1 to be working on the run' });
    process.kill(pid(1), 'SIGKILL');
  } finally {
    process.kill(pid(2), 'SIGCONT');
    await control('normal');
  }
  // Through nginx (replica 1 is gone): replica 2 takes the run over once its lease expires.
  const run = await waitForRun(admin, location, { timeoutMs: 180_000, intervalMs: 250 });
  assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
});
