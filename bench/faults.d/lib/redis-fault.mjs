// Redis under a steady read/write load through the real binary (run by bench/faults.d/redis.sh).
//
// --mode kill    SIGKILL of redis-server, a fresh (empty) one on the same port --down ms later
// --mode freeze  SIGSTOP of redis-server for --down ms, then SIGCONT: the server comes back with
//                every entry it held, so invalidations lost while it was frozen would show up
//                as stale reads
//
// Load: --workers clients, each owning a store at a time: PATCH it (If-Match), GET it, GET the
// list filtered to it (q=code), GET a list page; every 8th round it creates a new store (POST).
// Every 2xx write is remembered with its version and name. Checks:
//   errors            non-2xx or no answer among the load's requests (must be 0: the database
//                     answers when Redis does not)
//   staleReads        a GET of the store or of the filtered list, sent after the writer's own
//                     write was acknowledged, returned an older version (must be 0)
//   lostAcknowledgedWrites  stores whose acknowledged version/name is not what a read returns
//                     after the run (must be 0)
//   the "redis" breaker opens, then closes after Redis is back; cache hits resume.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { REPO_ROOT, adminClient, startService, uniqueCode, validStore } from '../../../server/tests/api/harness.mjs';
import { args, problem, cacheHits, loadClient, longestGap, own, poll, report, watchBreaker } from './common.mjs';

const o = args({
  mode: 'kill',
  db: 'postgres',
  work: '',
  workers: 4,
  warm: 4000, // load before the fault (ms)
  down: 3000, // how long Redis stays dead / frozen (ms)
  after: 3000, // load after the breaker closed again (ms)
  closeTimeout: 30000, // bound for the breaker to close after Redis is back (ms)
});
const redisDir = path.join(o.work, `redis-${o.mode}`);

function script(name, scriptArgs) {
  const result = spawnSync(path.join(REPO_ROOT, 'scripts', name), scriptArgs, { encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  return result.stdout.trim();
}
const redisPid = () => Number(readFileSync(path.join(redisDir, 'redis.pid'), 'utf8'));

const redisUrl = script('start-redis.sh', [redisDir]);
const redisPort = /:(\d+)\/\d+$/.exec(redisUrl)[1];
const service = await startService({ db: o.db, env: { REDIS_URL: redisUrl } });
own(o.work, service.child);
const admin = await adminClient(service);
const { stats, call } = loadClient(service.base, admin.token);
const breaker = watchBreaker(admin, 'redis');

const acked = new Map(); // id -> {version, name}: the last acknowledged write of each store
const writeTimes = []; // Date.now() of each acknowledged write
const stale = [];
let reads = 0;
let writes = 0;
let running = true;

function checkFresh(id, found, sentAt, what) {
  const expected = acked.get(id);
  // Only reads sent after the acknowledgement count (the writer waits for its answer first).
  if (!expected || expected.at > sentAt) return;
  if (!found) {
    stale.push({ id, what, expected: expected.version, found: null });
  } else if (found.version < expected.version || (found.version === expected.version && found.name !== expected.name)) {
    stale.push({ id, what, expected: expected.version, found: found.version });
  }
}

async function create(index) {
  writes += 1;
  const body = validStore(uniqueCode(`R${index}`), { networkPlan: [] });
  const created = await call('POST', '/api/stores', { json: body });
  if (created?.status !== 201) return null;
  acked.set(created.body.id, { version: created.body.version, name: created.body.name, at: created.end });
  writeTimes.push(created.end);
  return { id: created.body.id, code: body.code, version: created.body.version, name: body.name };
}

async function worker(index) {
  let store = null;
  for (let round = 0; running; round += 1) {
    if (!store || round % 8 === 0) {
      store = (await create(index)) ?? store;
      if (!store) { await sleep(50); continue; }
    }
    // Write.
    writes += 1;
    const name = `${store.name.replace(/ v\d+$/, '')} v${store.version + 1}`;
    const patched = await call('PATCH', `/api/stores/${store.id}`, {
      json: { name },
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': `"${store.version}"` },
    });
    if (patched?.status === 200) {
      store.version = patched.body.version;
      store.name = patched.body.name;
      acked.set(store.id, { version: store.version, name: store.name, at: patched.end });
      writeTimes.push(patched.end);
    } else {
      store = null; // unknown outcome: start with a new store
      continue;
    }
    // Reads, each after the write above was acknowledged.
    reads += 1;
    const one = await call('GET', `/api/stores/${store.id}`);
    if (one?.status === 200) checkFresh(store.id, one.body, one.start, 'get');
    reads += 1;
    const filtered = await call('GET', `/api/stores?q=${encodeURIComponent(store.code)}&pageSize=5`);
    if (filtered?.status === 200) {
      checkFresh(store.id, filtered.body.items.find((s) => s.id === store.id), filtered.start, 'list q=code');
    }
    reads += 1;
    await call('GET', `/api/stores?pageSize=20&sort=${round % 2 ? 'code' : '-updatedAt'}`);
  }
}

let ok = true;
const started = Date.now();
const load = Array.from({ length: o.workers }, (_, i) => worker(i));
await sleep(o.warm);
const hitsBefore = await cacheHits(admin);
const closedBefore = breaker.state === 'closed';

// The fault.
const faultAt = Date.now();
const sentBefore = stats.sent;
const errorsBefore = stats.errors;
if (o.mode === 'kill') {
  process.kill(redisPid(), 'SIGKILL');
} else {
  process.kill(redisPid(), 'SIGSTOP');
}
await sleep(o.down);
const hitsWhileDown = (await cacheHits(admin)) - hitsBefore;
const backAt = Date.now();
if (o.mode === 'kill') {
  script('start-redis.sh', [redisDir, redisPort]); // fresh and empty, same port
} else {
  process.kill(redisPid(), 'SIGCONT');
}
const readyAt = Date.now();
const closedAt = await poll(() => breaker.firstAt('closed', backAt), o.closeTimeout);
const hitsAtClose = await cacheHits(admin);
const sentDuringOutage = stats.sent - sentBefore;
const errorsDuringOutage = stats.errors - errorsBefore;
await sleep(o.after);
running = false;
await Promise.all(load);
const stoppedAt = Date.now();
const hitsAfterClose = (await cacheHits(admin)) - hitsAtClose;
await breaker.stop();

// Every acknowledged write, read back (through the cache again).
const lost = [];
for (const [id, expected] of acked) {
  const response = await admin.get(`/api/stores/${id}`).catch(() => null);
  const found = response?.body;
  if (response?.status !== 200 || found.version < expected.version ||
      (found.version === expected.version && found.name !== expected.name)) {
    lost.push({ id, expected: expected.version, status: response?.status, found: found?.version });
  }
}
const openedAt = breaker.firstAt('open', faultAt);
const ready = await service.client().get('/health/ready');

const result = {
  scenario: `redis-${o.mode}`,
  database: o.db,
  sent: stats.sent,
  ok: stats.ok,
  errors: stats.errors,
  statuses: stats.statuses,
  reads,
  writes,
  staleReads: stale.length,
  ackedStores: acked.size,
  lostAcknowledgedWrites: lost.length,
  sentDuringOutage,
  errorsDuringOutage,
  redisDownMs: backAt - faultAt,
  redisBackAfterMs: readyAt - faultAt, // kill: includes starting a new redis-server
  breakerOpenAfterFaultMs: openedAt === null ? null : openedAt - faultAt,
  breakerClosedAfterRedisBackMs: closedAt === null ? null : closedAt - readyAt,
  recoverAfterKillMs: closedAt === null ? null : closedAt - faultAt,
  noWriteGapMs: longestGap(writeTimes, faultAt, stoppedAt),
  cacheHitsWhileDown: hitsWhileDown,
  cacheHitsAfterClose: hitsAfterClose,
  readyStatus: ready.status,
  breakerTransitions: breaker.transitions.map((t) => `${t.state}@${t.at - faultAt}`).join(' '),
  durationMs: stoppedAt - started,
};
report(result);
const problems = [];
if (!closedBefore) problems.push('the redis breaker was not closed before the fault');
if (stats.errors) problems.push(`${stats.errors} errors: ${stats.errorSamples.join(' | ')}`);
if (stale.length) problems.push(`${stale.length} stale reads: ${JSON.stringify(stale.slice(0, 5))}`);
if (lost.length) problems.push(`${lost.length} acknowledged writes lost: ${JSON.stringify(lost.slice(0, 5))}`);
if (openedAt === null) problems.push('the redis breaker never opened');
if (closedAt === null) problems.push(`the redis breaker did not close within ${o.closeTimeout} ms`);
if (!(hitsAfterClose > 0)) problems.push('no cache hit after the breaker closed');
if (ready.status !== 200) problems.push(`/health/ready ${ready.status}`);
for (const text of problems) problem(`redis-${o.mode}: ${text}`);
ok = problems.length === 0;

const { code, signal } = await service.stop();
if (code !== 0 || signal !== null) {
  problem(`redis-${o.mode}: service exit code ${code} signal ${signal}; stderr: ${service.stderr.slice(-2000)}`);
  ok = false;
}
spawnSync(path.join(REPO_ROOT, 'scripts/stop-redis.sh'), [redisDir], { timeout: 30_000 });
process.exit(ok ? 0 : 1);
