// The limits docs/openapi.json states are the ones the service enforces (issue 12 item 8):
// over-limit input gets a 4xx problem naming the field and changes nothing; input just inside
// a limit as the document counts it (code points, not bytes) is accepted; every rate-limited
// answer carries the RateLimit-* headers the document declares.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  assertProblem,
  startService,
  uniqueCode,
  userClient,
  validStore,
} from './harness.mjs';

const MISSING = '00000000-0000-4000-8000-000000000000';

for (const db of DATABASES) {
  describe(`limits stated by the OpenAPI document are enforced [${db}]`, () => {
    let service;
    let admin;
    let operator;
    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('stock item filters: modelId and storeId are UUIDs, q at most 200 characters', async () => {
      const bad = await operator.get(`/api/hardware/items?modelId=x&storeId=${'a'.repeat(5000)}`);
      assertProblem(bad, 400, { fields: ['modelId', 'storeId'] });
      assertProblem(await operator.get(`/api/hardware/items?q=${'x'.repeat(201)}`), 400, { fields: ['q'] });
      const umlauts = encodeURIComponent('ü'.repeat(200));
      assert.equal((await operator.get(`/api/hardware/items?q=${umlauts}&modelId=${MISSING}`)).status, 200);
    });

    test('store filters count code points: 200 umlauts pass, 201 characters are a 400', async () => {
      assert.equal((await operator.get(`/api/stores?q=${encodeURIComponent('ü'.repeat(200))}`)).status, 200);
      assertProblem(await operator.get(`/api/stores?region=${'r'.repeat(201)}`), 400, { fields: ['region'] });
    });

    test('bulk: an id that is not a UUID is a 422 naming it, and no store is touched', async () => {
      const created = await operator.post('/api/stores', validStore(uniqueCode('BLK')));
      assert.equal(created.status, 201, created.text);
      const refused = await operator.post('/api/stores/bulk', {
        action: 'activate',
        ids: [created.body.id, 'x'.repeat(10_000)],
      });
      assertProblem(refused, 422, { fields: ['ids[1]'] });
      const store = await operator.get(`/api/stores/${created.body.id}`);
      assert.equal(store.body.status, 'draft');
      assert.equal(store.body.version, 1);
      assertProblem(await operator.post('/api/stores/bulk', { action: 'activate', ids: [] }), 422, { fields: ['ids'] });
    });

    test('keyset paging by name works for the longest name the document allows', async () => {
      // 120 characters of 4-byte UTF-8: the cursor is 1040 hex digits (the old 1024 limit refused it).
      const prefix = `${uniqueCode('CUR')}`;
      for (const name of ['😀'.repeat(120), `${'😀'.repeat(119)}😁`]) {
        const response = await operator.post('/api/stores', validStore(uniqueCode('CUR'), { name, tags: [prefix.toLowerCase()] }));
        assert.equal(response.status, 201, response.text);
      }
      const tag = prefix.toLowerCase();
      const first = await operator.get(`/api/stores?tag=${tag}&sort=name&pageSize=1`);
      assert.equal(first.status, 200, first.text);
      assert.ok(first.body.nextCursor.length > 1024, `cursor of ${first.body.nextCursor.length} digits`);
      const second = await operator.get(`/api/stores?tag=${tag}&sort=name&pageSize=1&cursor=${first.body.nextCursor}`);
      assert.equal(second.status, 200, second.text);
      assert.equal(second.body.items.length, 1);
      assert.notEqual(second.body.items[0].id, first.body.items[0].id);
    });

    test('passwords count code points: 1000 accented letters can be set and used to log in', async () => {
      const password = 'é'.repeat(1000); // 2000 bytes, 1000 code points: within maxLength 1024
      const username = `limits-${uniqueCode().toLowerCase()}`;
      const created = await admin.post('/api/users', { username, password, role: 'viewer' });
      assert.equal(created.status, 201, created.text);
      await service.client().login(username, password);
      assertProblem(await admin.post('/api/users', { username: `${username}-2`, password: 'x'.repeat(1025), role: 'viewer' }), 422, {
        fields: ['password'],
      });
    });

    test('hardware model text: 100 umlauts pass; 101 characters or a control character are a 422', async () => {
      const vendor = 'ü'.repeat(100);
      const model = uniqueCode('M');
      assert.equal((await operator.post('/api/hardware/models', { kind: 'router', vendor, model })).status, 201);
      const long = await operator.post('/api/hardware/models', { kind: 'router', vendor: `${vendor}x`, model });
      assertProblem(long, 422, { fields: ['vendor'] });
      const control = await operator.post('/api/hardware/models', { kind: 'router', vendor: 'Cisco', model: 'ISR\n1100' });
      assertProblem(control, 422, { fields: ['model'] });
      const models = await operator.get('/api/hardware/models');
      assert.ok(!models.body.items.some((m) => m.vendor === `${vendor}x` || m.model === 'ISR\n1100'));
    });
  });
}

describe('rate-limit headers (RATE_LIMIT_RPS=0.01, burst 3)', () => {
  let service;
  before(async () => {
    service = await startService({ db: 'sqlite', env: { RATE_LIMIT_RPS: '0.01', RATE_LIMIT_BURST: '3' } });
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('every limited answer states the quota; the 429 says 0 left and when to retry', async () => {
    const client = service.client();
    const seen = [];
    for (let i = 0; i < 3; ++i) {
      const response = await client.get(i === 1 ? '/api/auth/me' : '/api/openapi.json');
      seen.push(response);
      assert.equal(response.headers.get('ratelimit-limit'), '3');
      assert.equal(response.headers.get('ratelimit-remaining'), String(2 - i));
      const reset = Number(response.headers.get('ratelimit-reset'));
      assert.ok(Number.isInteger(reset) && reset > 0 && reset <= 300, `RateLimit-Reset: ${reset}`);
    }
    assert.equal(seen[1].status, 401, 'a 401 carries the quota too');
    const limited = await client.get('/api/openapi.json');
    assertProblem(limited, 429);
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    assert.equal(limited.headers.get('ratelimit-limit'), '3');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    const health = await client.get('/health');
    assert.equal(health.status, 200);
    assert.equal(health.headers.get('ratelimit-limit'), null, '/health is not rate limited');
  });
});
