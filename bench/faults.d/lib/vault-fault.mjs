// Vault outage under a steady provisioning load through the real binary (run by
// bench/faults.d/vault.sh), against the Vault-API test server server/tests/vault/fake-vault.mjs
// (HashiCorp Vault cannot run here; see docs/vault.md), token auth.
//
// Load: --provisioners clients, each creating a store (POST) and starting its provisioning
// (POST …/provision, 202): the run's issue_credentials step writes the store's credentials to
// Vault KV v2. --readers clients read a store, a list page, the run of a provisioned store and
// the credentials of a store already provisioned (GET …/credentials: Vault, or the in-memory
// copy while Vault is away). Mid-run the fake goes `--mode` (default down: listener closed,
// connections refused) for --down ms, then back to normal. Afterwards every accepted run is
// awaited. Checks:
//   errors                HTTP errors among the load's requests (must be 0)
//   runsFailed            runs that ended failed (must be 0: issue_credentials waits and retries)
//   lostAcknowledgedWrites  a created store that is missing, or a provision that reports
//                         success (store active) while its credentials are not in the fake's KV
//                         or GET …/credentials serves other ones (must be 0)
//   provisionsNotCompleted  accepted provisions (202) that did not end active with their
//                         credentials in the fake's KV: runs that gave up (must be 0)
//   the "vault" breaker opens, closes after Vault is back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

import { REPO_ROOT, adminClient, startService, uniqueCode, validStore, withTimeout } from '../../../server/tests/api/harness.mjs';
import { args, problem, loadClient, longestGap, own, poll, report, watchBreaker } from './common.mjs';

const o = args({
  db: 'postgres',
  work: '',
  mode: 'down',
  label: '', // scenario name; default vault-MODE
  provisioners: 2,
  readers: 2,
  pace: 150, // pause of each provisioner between two provisions (ms)
  stock: 400, // routers in stock = most provisions
  warm: 4000,
  down: 5000,
  after: 4000,
  finishTimeout: 90000, // bound for every accepted run to finish after the load (ms)
  maxAttempts: 0, // PROVISIONING_MAX_ATTEMPTS; 0 = the service's default
});

// ----- the fake Vault -----------------------------------------------------------------------------
const fake = spawn(process.execPath, [path.join(REPO_ROOT, 'server/tests/vault/fake-vault.mjs'), '--port', '0', '--control-port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
own(o.work, fake);
const ports = await withTimeout(new Promise((resolve, reject) => {
  readline.createInterface({ input: fake.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  fake.once('exit', (code) => reject(new Error(`fake Vault exited with ${code}`)));
}), 10_000, 'fake Vault did not start');
const control = async (method, url, body) => {
  const response = await fetch(`http://127.0.0.1:${ports.controlPort}${url}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  assert.ok(response.status < 300, `fake Vault control ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
};

// ----- the service, a pool and stock ---------------------------------------------------------------
const env = { VAULT_ADDR: `http://127.0.0.1:${ports.vaultPort}`, VAULT_TOKEN: 'root' };
if (o.maxAttempts > 0) env.PROVISIONING_MAX_ATTEMPTS = String(o.maxAttempts);
const service = await startService({ db: o.db, env });
own(o.work, service.child);
const admin = await adminClient(service);
const pool = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 26 });
assert.equal(pool.status, 201, pool.text);
const model = await admin.post('/api/hardware/models', { kind: 'router', vendor: 'Acme', model: 'router-1' });
assert.equal(model.status, 201, model.text);
for (let i = 0; i < o.stock; ++i) {
  const item = await admin.post('/api/hardware/items', { serial: `RTR-${uniqueCode('S')}`, modelId: model.body.id });
  assert.equal(item.status, 201, item.text);
}

// ----- the load ------------------------------------------------------------------------------------
const { stats, call } = loadClient(service.base, admin.token);
const breaker = watchBreaker(admin, 'vault');
const stores = []; // acknowledged creates: {id, version, name}
const runs = []; // accepted provisions: {storeId, location, acceptedAt}
const provisioned = []; // store ids whose run was seen succeeded during the load
const finished = new Set();
let reserved = 0;
let running = true;
let credentialReads = 0;

async function provisioner(index) {
  while (running && reserved < o.stock) {
    reserved += 1;
    const body = validStore(uniqueCode(`V${index}`), { hardwarePlan: { router: 1 }, networkPlan: [{ purpose: 'pos' }] });
    const created = await call('POST', '/api/stores', { json: body });
    if (created?.status !== 201) { await sleep(50); continue; }
    stores.push({ id: created.body.id, version: created.body.version, name: created.body.name });
    const started = await call('POST', `/api/stores/${created.body.id}/provision`, {
      headers: { 'if-match': `"${created.body.version}"` },
    });
    if (started?.status === 202) {
      runs.push({ storeId: created.body.id, location: started.headers.get('location'), acceptedAt: started.end });
    }
    await sleep(o.pace);
  }
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

async function reader() {
  let next = 0;
  while (running) {
    if (stores.length) await call('GET', `/api/stores/${pick(stores).id}`);
    await call('GET', '/api/stores?pageSize=20&sort=-updatedAt');
    // The runs in order, round robin over the unfinished ones: a provisioning client's polling.
    const open = runs.filter((r) => !finished.has(r.location));
    if (open.length) {
      const run = open[next++ % open.length];
      const response = await call('GET', run.location);
      if (response?.status === 200 && ['succeeded', 'failed'].includes(response.body.status)) {
        finished.add(run.location);
        if (response.body.status === 'succeeded') provisioned.push(run.storeId);
      }
    }
    if (provisioned.length) {
      credentialReads += 1;
      await call('GET', `/api/stores/${pick(provisioned)}/credentials`);
    }
  }
}

const started = Date.now();
const load = [
  ...Array.from({ length: o.provisioners }, (_, i) => provisioner(i)),
  ...Array.from({ length: o.readers }, () => reader()),
];
await sleep(o.warm);
const closedBefore = breaker.state === 'closed';
const faultAt = Date.now();

await control('POST', '/mode', { mode: o.mode });
await sleep(o.down);
await control('POST', '/mode', { mode: 'normal' });
const backAt = Date.now();
const runsAcceptedWhileDown = runs.filter((r) => r.acceptedAt >= faultAt && r.acceptedAt < backAt).length;
await sleep(o.after);
running = false;
await Promise.all(load);
const loadStoppedAt = Date.now();


// ----- every accepted run to its end (bounded), outside the load's counts ------------------------
const final = new Map(); // location -> run
await poll(async () => {
  for (const run of runs) {
    if (final.has(run.location)) continue;
    const response = await admin.get(run.location);
    if (response.status === 200 && ['succeeded', 'failed'].includes(response.body.status)) {
      final.set(run.location, response.body);
    }
  }
  return final.size === runs.length;
}, o.finishTimeout, 200);
// The breaker closes on successful calls; the load may have stopped before its probes: a few reads.
const closedAt = await poll(async () => {
  if (provisioned.length) await admin.get(`/api/stores/${pick(provisioned)}/credentials`);
  return breaker.firstAt('closed', backAt);
}, 30_000, 100);
await breaker.stop();

const finishedAt = (run) => Date.parse(run.finishedAt);
const issue = (run) => run.steps.find((s) => s.name === 'issue_credentials');
const finals = [...final.values()];
const succeeded = finals.filter((r) => r.status === 'succeeded');
const failed = finals.filter((r) => r.status === 'failed');
const waited = finals.filter((r) => (issue(r)?.attempts ?? 0) > 1);
const lastWaitingFinish = waited.length ? Math.max(...waited.map(finishedAt)) : null;

// ----- acknowledged writes -----------------------------------------------------------------------
const kv = (await control('GET', '/state')).kv;
const lost = [];
const notCompleted = [];
const runByStore = new Map(runs.map((r) => [r.storeId, r]));
for (const store of stores) {
  const read = await admin.get(`/api/stores/${store.id}`);
  if (read.status !== 200 || read.body.version < store.version) {
    lost.push({ id: store.id, what: 'store', status: read.status });
    continue;
  }
  const run = runByStore.get(store.id);
  if (!run) continue;
  const held = kv[`stores/${store.id}/credentials`]?.data;
  const served = await admin.get(`/api/stores/${store.id}/credentials`);
  const complete = read.body.status === 'active' && held?.device_admin_password && served.status === 200 &&
    JSON.stringify(served.body.credentials) === JSON.stringify(held);
  if (complete) continue;
  const what = { id: store.id, storeStatus: read.body.status, run: final.get(run.location)?.status ?? 'unfinished', inVault: Boolean(held), credentials: served.status };
  // A run that ended failed was not acknowledged as done (its store says failed, with the
  // reason): an accepted provision not completed. A succeeded run without its credentials in
  // Vault, or an active store without them, is a lost write.
  (what.run === 'failed' && read.body.status === 'failed' && !held ? notCompleted : lost).push(what);
}
const ready = await service.client().get('/health/ready');
const openedAt = breaker.firstAt('open', faultAt);

const result = {
  scenario: o.label || `vault-${o.mode}`,
  database: o.db,
  sent: stats.sent,
  ok: stats.ok,
  errors: stats.errors,
  statuses: stats.statuses,
  credentialReads,
  storesCreated: stores.length,
  runsStarted: runs.length,
  runsAcceptedWhileDown,
  runsSucceeded: succeeded.length,
  runsFailed: failed.length,
  runsUnfinished: runs.length - finals.length,
  runsThatRetriedIssueCredentials: waited.length,
  maxIssueCredentialsAttempts: Math.max(0, ...finals.map((r) => issue(r)?.attempts ?? 0)),
  lostAcknowledgedWrites: lost.length,
  provisionsNotCompleted: notCompleted.length,
  vaultDownMs: backAt - faultAt,
  breakerOpenAfterFaultMs: openedAt === null ? null : openedAt - faultAt,
  breakerClosedAfterVaultBackMs: closedAt === null ? null : closedAt - backAt,
  lastWaitingRunFinishedAfterVaultBackMs: lastWaitingFinish === null ? null : lastWaitingFinish - backAt,
  recoverAfterKillMs: closedAt === null ? null : closedAt - faultAt,
  // Longest time without a run finishing successfully (a credential write), from the fault on.
  noWriteGapMs: longestGap(succeeded.map(finishedAt), faultAt, Math.max(backAt, ...succeeded.map(finishedAt))),
  readyStatus: ready.status,
  breakerTransitions: breaker.transitions.map((t) => `${t.state}@${t.at - faultAt}`).join(' '),
  settings: { maxAttempts: o.maxAttempts || 'default', provisioners: o.provisioners, readers: o.readers, pace: o.pace },
  durationMs: Date.now() - started,
  loadMs: loadStoppedAt - started,
};
report(result);
const problems = [];
if (!closedBefore) problems.push('the vault breaker was not closed before the fault');
if (stats.errors) problems.push(`${stats.errors} errors: ${stats.errorSamples.join(' | ')}`);
if (failed.length) problems.push(`${failed.length} runs failed: ${failed.slice(0, 3).map((r) => r.error).join(' | ')}`);
if (finals.length !== runs.length) problems.push(`${runs.length - finals.length} runs unfinished after ${o.finishTimeout} ms`);
if (lost.length) problems.push(`${lost.length} acknowledged writes lost: ${JSON.stringify(lost.slice(0, 5))}`);
if (notCompleted.length) problems.push(`${notCompleted.length} accepted provisions not completed: ${JSON.stringify(notCompleted.slice(0, 3))}`);
if (openedAt === null) problems.push('the vault breaker never opened');
if (closedAt === null) problems.push('the vault breaker did not close again');
if (runsAcceptedWhileDown === 0) problems.push('no provision was accepted while Vault was down');
if (ready.status !== 200) problems.push(`/health/ready ${ready.status}`);
for (const text of problems) problem(`${result.scenario}: ${text}`);
let ok = problems.length === 0;


const { code, signal } = await service.stop();
if (code !== 0 || signal !== null) {
  problem(`${result.scenario}: service exit code ${code} signal ${signal}; stderr: ${service.stderr.slice(-2000)}`);
  ok = false;
}
fake.kill('SIGTERM');
process.exit(ok ? 0 : 1);
