// The client address behind trusted proxies (TRUSTED_PROXIES, docs/security.md "Client
// address"): the test's TCP peer is 127.0.0.1; with 127.0.0.1/32 trusted, X-Forwarded-For names
// the client, and the rate limiter, the access log and the audit entries use that address.
// Without it, a forged header changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { ADMIN_PASSWORD, DATABASES, assertProblem, startService, uniqueCode, validStore, waitFor } from './harness.mjs';
import { openWebSocket } from './ws-client.mjs';

const as = (address) => ({ headers: { 'x-forwarded-for': address } });

describe('rate limit per forwarded client (TRUSTED_PROXIES=127.0.0.1/32, burst 3)', () => {
  let service;
  before(async () => {
    service = await startService({
      env: { TRUSTED_PROXIES: '127.0.0.1/32', RATE_LIMIT_RPS: '0.01', RATE_LIMIT_BURST: '3', ACCESS_LOG: 'true' },
    });
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('client A exhausting its bucket does not limit client B behind the same proxy', async () => {
    const client = service.client();
    for (let i = 0; i < 3; ++i) {
      assert.equal((await client.get('/api/openapi.json', as('198.51.100.1'))).status, 200);
    }
    const limited = await client.get('/api/openapi.json', as('198.51.100.1'));
    assertProblem(limited, 429);
    // A forged hop on the left does not buy A a new bucket: the proxy's hop is the rightmost.
    assertProblem(await client.get('/api/openapi.json', as('203.0.113.99, 198.51.100.1')), 429);
    assert.equal((await client.get('/api/openapi.json', as('198.51.100.2'))).status, 200);
    assert.equal((await client.get('/api/openapi.json', as('2001:db8::2'))).status, 200);
  });

  test('the access log names the forwarded client and the proxy peer', async () => {
    await service.client().get('/api/openapi.json', as('198.51.100.3'));
    const line = await waitFor(
      async () => service.logs.find((entry) => entry.msg === 'request' && entry.client === '198.51.100.3'),
      { what: 'the access log line' },
    );
    assert.equal(line.peer, '127.0.0.1');
  });
});

describe('forged X-Forwarded-For from an untrusted peer (no TRUSTED_PROXIES)', () => {
  let service;
  before(async () => {
    service = await startService({ env: { RATE_LIMIT_RPS: '0.01', RATE_LIMIT_BURST: '3', ACCESS_LOG: 'true' } });
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('a new forged address on every request changes nothing: one bucket, the peer in the log', async () => {
    const client = service.client();
    for (let i = 0; i < 3; ++i) {
      assert.equal((await client.get('/api/openapi.json', as(`198.51.100.${10 + i}`))).status, 200);
    }
    assertProblem(await client.get('/api/openapi.json', as('198.51.100.20')), 429);
    const line = await waitFor(async () => service.logs.find((entry) => entry.msg === 'request'), {
      what: 'an access log line',
    });
    assert.equal(line.client, '127.0.0.1');
  });
});

for (const db of DATABASES) {
  describe(`audit entries record the forwarded client (${db})`, () => {
    let service;
    before(async () => {
      // ACCESS_RESYNC_SECONDS: the audits of revoked tokens used are written within a second.
      service = await startService({ db, env: { TRUSTED_PROXIES: '127.0.0.1/32, ::1/128', ACCESS_RESYNC_SECONDS: '1' } });
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('a store created by a client behind the proxy: its audit entry has that address', async () => {
      const anonymous = service.client();
      const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD }, as('192.0.2.44'));
      assert.equal(login.status, 200, login.text);
      const admin = anonymous.as(login.body.accessToken);
      const created = await admin.post('/api/stores', validStore(uniqueCode('CA')), as('192.0.2.44, 10.0.0.9'));
      assert.equal(created.status, 201, created.text);
      const audit = await admin.get(`/api/stores/${created.body.id}/audit`);
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.items[0].action, 'store.created');
      // 10.0.0.9 is not trusted: it is the client, whatever is left of it.
      assert.equal(audit.body.items[0].clientAddress, '10.0.0.9');

      const direct = await admin.post('/api/stores', validStore(uniqueCode('CB')));
      const directAudit = await admin.get(`/api/stores/${direct.body.id}/audit`);
      assert.equal(directAudit.body.items[0].clientAddress, '127.0.0.1', 'no header: the peer');
    });

    test('a revoked automation token used behind the proxy: token.revoked_used names that client', async () => {
      const anonymous = service.client();
      const login = await anonymous.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
      const admin = anonymous.as(login.body.accessToken);
      const revokedUse = async (entityId) =>
        waitFor(
          async () => {
            const feed = await admin.get('/api/audit?action=token.revoked_used&pageSize=100');
            assert.equal(feed.status, 200, feed.text);
            return feed.body.items.find((item) => item.entityId === entityId);
          },
          { what: `a token.revoked_used entry for ${entityId}` },
        );
      const revoked = async (name) => {
        const created = await admin.post('/api/tokens', { name, role: 'viewer' });
        assert.equal(created.status, 201, created.text);
        assert.equal((await admin.delete(`/api/tokens/${created.body.id}`)).status, 204);
        return created.body;
      };

      // On the API: the request's forwarded client and its request id.
      const api = await revoked('revoked on the api');
      const refused = await service.client().as(api.token).get('/api/stores', {
        headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': 'revoked-use-api-1' },
      });
      assertProblem(refused, 401);
      const onApi = await revokedUse(api.id);
      assert.equal(onApi.clientAddress, '203.0.113.7');
      assert.equal(onApi.requestId, 'revoked-use-api-1');
      assert.equal(onApi.actor, 'token:revoked on the api');

      // At the WebSocket upgrade: the same.
      const ws = await revoked('revoked on the websocket');
      const upgrade = await openWebSocket(service.port, '/api/events', {
        protocols: ['bearer', ws.token],
        headers: { 'x-forwarded-for': '203.0.113.8', 'x-request-id': 'revoked-use-ws-1' },
      });
      assert.equal(upgrade.status, 401);
      assert.equal(upgrade.headers.get('x-request-id'), 'revoked-use-ws-1');
      const onUpgrade = await revokedUse(ws.id);
      assert.equal(onUpgrade.clientAddress, '203.0.113.8');
      assert.equal(onUpgrade.requestId, 'revoked-use-ws-1');
    });
  });
}

describe('configuration', () => {
  test('a malformed TRUSTED_PROXIES stops the service at start with the offending entries', async () => {
    await assert.rejects(
      startService({ env: { TRUSTED_PROXIES: '10.0.0.0/8, 10.1.2.3/8, example.com' } }),
      /http\.trusted_proxies .*10\.1\.2\.3\/8, example\.com/,
    );
  });
});
