// Redis as the shared store cache: reads served from Redis, writes invalidating it at once,
// and an outage under load — redis-server killed with SIGKILL while a few clients read and
// write — during which every request still succeeds from the database (error rate 0), the
// "redis" breaker opens with an alert, and after Redis is back the breaker closes and reads
// are served from the cache again. Redis is started by scripts/start-redis.sh on loopback.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  startService,
  uniqueCode,
  validStore,
  waitFor,
} from './harness.mjs';
import { RedisProcess } from './redis-process.mjs';

/** The store_cache_hits{result="hit"} counter. */
async function cacheHits(client) {
  const response = await client.get('/metrics');
  assert.equal(response.status, 200);
  const match = /^store_cache_hits\{result="hit"\} (\S+)$/m.exec(response.text);
  assert.ok(match, 'no store_cache_hits in /metrics');
  return Number(match[1]);
}

async function redisDependency(client) {
  const response = await client.get('/api/system/health');
  assert.equal(response.status, 200, response.text);
  return response.body.dependencies.find((d) => d.name === 'redis');
}

const db = DATABASES[0];

describe(`Redis cache (${db})`, () => {
  let redis;
  let service;
  let admin;

  before(async () => {
    redis = RedisProcess.start();
    service = await startService({
      db,
      env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '200', REDIS_BREAKER_OPEN_WAIT_MS: '1000' },
    });
    admin = await adminClient(service);
  });
  after(async () => {
    await service?.stopAndAssertClean();
    redis?.stop();
  });

  test('reads are served from Redis; a write is visible to the very next read', async () => {
    const created = await admin.post('/api/stores', validStore(uniqueCode('RC')));
    assert.equal(created.status, 201, created.text);
    const id = created.body.id;
    assert.equal((await admin.get(`/api/stores/${id}`)).status, 200);
    assert.equal(redis.cli('EXISTS', `sp:s:${id}`), '1', 'the store was not cached in Redis');
    const ttl = Number(redis.cli('TTL', `sp:s:${id}`));
    assert.ok(ttl > 0 && ttl <= 60, `TTL ${ttl}`);
    const hits = await cacheHits(admin);
    assert.equal((await admin.get(`/api/stores/${id}`)).body.version, 1);
    assert.ok((await cacheHits(admin)) > hits, 'the second read was not a cache hit');

    const list = await admin.get('/api/stores?pageSize=5');
    assert.equal(list.status, 200);
    const patched = await admin.patch(`/api/stores/${id}`, { name: 'Renamed by a write' }, {
      headers: { 'if-match': '"1"' },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(redis.cli('EXISTS', `sp:s:${id}`), '0', 'the write did not invalidate the entry');
    const read = await admin.get(`/api/stores/${id}`);
    assert.equal(read.body.version, 2);
    assert.equal(read.body.name, 'Renamed by a write');
    const relisted = await admin.get('/api/stores?pageSize=5');
    assert.ok(relisted.body.items.some((s) => s.id === id && s.name === 'Renamed by a write'));
  });

  test('Redis killed under load: no request fails, the breaker opens, then closes and caching resumes', async (t) => {
    const CLIENTS = 4;
    const stores = [];
    for (let i = 0; i < CLIENTS; ++i) {
      const created = await admin.post('/api/stores', validStore(uniqueCode('RK')));
      assert.equal(created.status, 201, created.text);
      stores.push({ id: created.body.id, version: 1 });
    }
    const stats = { requests: 0, errors: [], stale: [] };
    let running = true;
    const worker = async (store, n) => {
      let i = 0;
      while (running) {
        i += 1;
        let response;
        if (i % 4 === 0) {
          response = await admin.patch(`/api/stores/${store.id}`, { notes: `client ${n} write ${i}` }, {
            headers: { 'if-match': `"${store.version}"` },
          });
          if (response.status === 200) {
            store.version = response.body.version;
          }
        } else if (i % 4 === 1) {
          response = await admin.get(`/api/stores?pageSize=10&sort=code`);
        } else {
          response = await admin.get(`/api/stores/${store.id}`);
          // Read-your-writes through the cache: never older than what this client wrote.
          if (response.status === 200 && response.body.version < store.version) {
            stats.stale.push({ id: store.id, got: response.body.version, wrote: store.version });
          }
        }
        stats.requests += 1;
        if (response.status >= 300) {
          stats.errors.push(`${response.status} ${response.text.slice(0, 200)}`);
        }
      }
    };
    const load = stores.map((store, n) => worker(store, n));
    const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      await pause(500);
      assert.equal((await redisDependency(admin)).state, 'closed');
      redis.kill();
      await waitFor(async () => (await redisDependency(admin)).state === 'open', {
        attempts: 200,
        intervalMs: 25,
        what: 'the redis breaker to open',
      });
      await pause(1500); // keep reading and writing with Redis gone
      redis.restart();
      await waitFor(async () => (await redisDependency(admin)).state === 'closed', {
        attempts: 400,
        intervalMs: 25,
        what: 'the redis breaker to close',
      });
      await pause(500);
    } finally {
      running = false;
      await Promise.all(load);
    }
    t.diagnostic(`${stats.requests} requests, ${stats.errors.length} errors, ${stats.stale.length} stale reads`);
    assert.ok(stats.requests > 100, `only ${stats.requests} requests were sent`);
    assert.deepEqual(stats.errors, [], `${stats.errors.length} of ${stats.requests} requests failed`);
    assert.deepEqual(stats.stale, [], 'a read returned data older than an acknowledged write');

    const alerts = (await admin.get('/api/system/alerts')).body.items;
    assert.ok(alerts.some((a) => a.source === 'redis' && a.severity === 'critical'), JSON.stringify(alerts));
    assert.ok(alerts.some((a) => a.source === 'redis' && a.severity === 'info'), JSON.stringify(alerts));
    const ready = await admin.get('/health/ready');
    assert.equal(ready.status, 200, 'Redis never makes the service unready');

    // Caching resumes: a read is cached again and the next one is a hit.
    const id = stores[0].id;
    assert.equal((await admin.get(`/api/stores/${id}`)).status, 200);
    assert.equal(redis.cli('EXISTS', `sp:s:${id}`), '1', 'nothing is cached after recovery');
    const hits = await cacheHits(admin);
    const again = await admin.get(`/api/stores/${id}`);
    assert.equal(again.body.version, stores[0].version);
    assert.ok((await cacheHits(admin)) > hits, 'reads are not served from the cache after recovery');
  });
});
