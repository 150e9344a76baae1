// Live events: the WebSocket at /api/events. Token in the subprotocols ("bearer", <token>,
// echoed "bearer"), never in the URL; refused with 401 at the upgrade when missing or bad;
// closed with 1008 when the token expires; slow consumers are disconnected; shutdown closes
// with 1001. Events {type, time, data} for writes made through the API.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  ISO_TIME,
  adminClient,
  assertProblem,
  decodeJwt,
  forgeToken,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitFor,
} from './harness.mjs';
import { openWebSocket } from './ws-client.mjs';

const EVENT_TIMEOUT_MS = 10_000;

/** The value of the store_ws_connections gauge. */
async function wsConnections(client) {
  const response = await client.get('/metrics');
  assert.equal(response.status, 200);
  const match = /^store_ws_connections(?:\{\})? (\S+)$/m.exec(response.text);
  assert.ok(match, `no store_ws_connections in /metrics:\n${response.text.slice(0, 2000)}`);
  return Number(match[1]);
}

/** VmRSS of a process in bytes. */
function residentBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)[1]) * 1024;
}

async function openEvents(service, token) {
  const opened = await openWebSocket(service.port, '/api/events', { protocols: ['bearer', token] });
  assert.equal(opened.status, 101, `upgrade refused: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.ws;
}

function assertEventShape(event, type) {
  assert.equal(event.type, type);
  assert.match(event.time, ISO_TIME);
  assert.equal(typeof event.data, 'object');
  assert.notEqual(event.data, null);
}

for (const db of DATABASES) {
  describe(`live events (${db})`, () => {
    let service;
    let admin;
    let token;

    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      token = admin.token;
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('subprotocol "bearer", <token>: 101, echoes "bearer", pushes store.created and store.updated', async () => {
      const ws = await openEvents(service, token);
      try {
        assert.equal(ws.protocol, 'bearer', 'browsers need the accepted subprotocol echoed');
        const created = await admin.post('/api/stores', validStore(uniqueCode('EV')));
        assert.equal(created.status, 201, created.text);
        const event = await ws.nextEvent('store.created', EVENT_TIMEOUT_MS);
        assertEventShape(event, 'store.created');
        assert.equal(event.data.id, created.body.id);
        assert.equal(event.data.code, created.body.code);

        const patched = await admin.patch(`/api/stores/${created.body.id}`, { name: 'Renamed live' }, {
          headers: { 'if-match': created.headers.get('etag') },
        });
        assert.equal(patched.status, 200, patched.text);
        const updated = await ws.nextEvent('store.updated', EVENT_TIMEOUT_MS);
        assertEventShape(updated, 'store.updated');
        assert.equal(updated.data.id, created.body.id);
        assert.equal(updated.data.name, 'Renamed live');
      } finally {
        await ws.close();
      }
    });

    test('capacity.changed: a pool added or removed, stock imported (one event per kind)', async () => {
      const ws = await openEvents(service, token);
      try {
        const pool = await admin.post('/api/network/pools', { cidr: '10.99.0.0/24', purpose: 'iot', segmentPrefix: 28 });
        assert.equal(pool.status, 201, pool.text);
        const added = await ws.nextEvent('capacity.changed', EVENT_TIMEOUT_MS);
        assertEventShape(added, 'capacity.changed');
        assert.deepEqual(added.data, { resource: 'pool', name: 'iot', actor: 'admin' });
        const csv = 'serial,kind,vendor,model\nEV-R-1,router,Acme,R1\nEV-P-1,printer,Acme,P1\nEV-P-2,printer,Acme,P1\n';
        const imported = await admin.request('POST', '/api/hardware/items/import', { body: csv, headers: { 'content-type': 'text/csv' } });
        assert.equal(imported.status, 200, imported.text);
        const kinds = [(await ws.nextEvent('capacity.changed', EVENT_TIMEOUT_MS)).data, (await ws.nextEvent('capacity.changed', EVENT_TIMEOUT_MS)).data];
        assert.deepEqual(kinds.map((d) => `${d.resource}:${d.name}`).sort(), ['hardware:printer', 'hardware:router']);
        assert.equal((await admin.delete(`/api/network/pools/${pool.body.id}`)).status, 204);
        assert.deepEqual((await ws.nextEvent('capacity.changed', EVENT_TIMEOUT_MS)).data, { resource: 'pool', name: 'iot', actor: 'admin' });
      } finally {
        await ws.close();
      }
    });

    test('a valid token in the URL (?access_token=) is refused with 401: URLs end up in logs', async () => {
      const opened = await openWebSocket(service.port, `/api/events?access_token=${encodeURIComponent(token)}`);
      assert.equal(opened.ws, null, 'upgraded with the token in the URL');
      assertProblem({ status: opened.status, headers: opened.headers, body: opened.body, text: opened.text }, 401);
      assert.match(opened.body.detail, /Sec-WebSocket-Protocol/);
    });

    test('every connection gets every event (fan-out), a viewer included', async () => {
      const viewer = await userClient(service, admin, 'viewer');
      const clients = await Promise.all([
        openEvents(service, token),
        openEvents(service, token),
        openEvents(service, viewer.token),
      ]);
      try {
        const created = await admin.post('/api/stores', validStore(uniqueCode('EF')));
        assert.equal(created.status, 201, created.text);
        for (const ws of clients) {
          const event = await ws.nextEvent('store.created', EVENT_TIMEOUT_MS);
          assert.equal(event.data.id, created.body.id);
        }
      } finally {
        await Promise.all(clients.map((ws) => ws.close()));
      }
    });
  });
}

describe('live events: refusals, expiry, slow consumers, shutdown', () => {
  let service;
  let admin;

  before(async () => {
    service = await startService({ db: 'sqlite' });
    admin = await adminClient(service);
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  const problemOf = (opened) => ({
    status: opened.status,
    headers: opened.headers,
    body: opened.body,
    text: opened.text,
  });

  test('no token → 401 problem at the upgrade (not upgraded)', async () => {
    const opened = await openWebSocket(service.port, '/api/events');
    assert.equal(opened.ws, null);
    assertProblem(problemOf(opened), 401);
    assert.equal(opened.headers.get('www-authenticate'), 'Bearer');
    // A request id like any request's: in the header and the problem, never the unsafe one sent.
    assert.match(opened.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    assert.equal(opened.body.requestId, opened.headers.get('x-request-id'));
    const unsafe = await openWebSocket(service.port, '/api/events', { headers: { 'x-request-id': '<script>' } });
    assert.match(unsafe.headers.get('x-request-id'), /^[0-9a-f]{16}$/);
    assert.doesNotMatch(unsafe.text, /<script>/);
  });

  test('bad tokens → 401 at the upgrade, by subprotocol and in the URL', async () => {
    const wrongKey = forgeToken({ ...decodeJwt(admin.token).payload }, { secret: 'x'.repeat(40) });
    const none = forgeToken({ ...decodeJwt(admin.token).payload }, { alg: 'none' });
    for (const bad of ['not-a-jwt', wrongKey, none]) {
      const bySubprotocol = await openWebSocket(service.port, '/api/events', {
        protocols: ['bearer', bad],
      });
      assertProblem(problemOf(bySubprotocol), 401);
      const byQuery = await openWebSocket(service.port, `/api/events?access_token=${bad}`);
      assertProblem(problemOf(byQuery), 401);
    }
  });

  test('an already expired token → 401 at the upgrade', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = forgeToken({ ...decodeJwt(admin.token).payload, iat: now - 120, exp: now - 60 });
    assertProblem(problemOf(await openWebSocket(service.port, '/api/events', { protocols: ['bearer', expired] })), 401);
  });

  test('the token expires while connected → closed with 1008 (policy violation)', async () => {
    const now = Math.floor(Date.now() / 1000);
    // Valid at the upgrade, expires two seconds later (JWT times are whole seconds).
    const shortLived = forgeToken({ ...decodeJwt(admin.token).payload, iat: now, exp: now + 2 });
    const ws = await openEvents(service, shortLived);
    const closed = await Promise.race([
      ws.closed,
      new Promise((resolve) => setTimeout(() => resolve({ code: 'not closed' }), 15_000)),
    ]);
    assert.equal(closed.code, 1008);
    assert.match(closed.reason, /expired/);
  });

  test('an upgrade of any other path → 404 problem', async () => {
    const opened = await openWebSocket(service.port, '/api/stores', { protocols: ['bearer', admin.token] });
    assert.equal(opened.ws, null);
    assertProblem(problemOf(opened), 404);
  });

  test('the gauge store_ws_connections counts open connections', async () => {
    const before = await wsConnections(admin);
    const ws = await openEvents(service, admin.token);
    // The gauge counts a session once the server has registered it, just after the 101.
    await waitFor(async () => (await wsConnections(admin)) === before + 1, {
      what: 'the gauge to count the new connection',
    });
    await ws.close();
    await waitFor(async () => (await wsConnections(admin)) === before, { what: 'the gauge to drop' });
  });

  test('GET /api/openapi.json is unaffected by open WebSockets', async () => {
    const ws = await openEvents(service, admin.token);
    try {
      const response = await admin.get('/api/openapi.json');
      assert.equal(response.status, 200);
      assert.equal(typeof response.body.openapi, 'string');
    } finally {
      await ws.close();
    }
  });

  test('a client that never reads is disconnected; the server holds a bounded amount for it', async () => {
    const reader = await openEvents(service, admin.token); // keeps reading: must not be dropped
    const slow = await openEvents(service, admin.token);
    slow.pause(); // reads nothing more: the kernel buffers fill, then the server's queue
    await waitFor(async () => (await wsConnections(admin)) === 2, {
      what: 'both connections to be counted',
    });
    const rssBefore = residentBytes(service.child.pid);
    // Each write publishes one event (~400 bytes with a long name). Keep writing until the
    // server gives up on the slow client; bounded so that a server that never does fails.
    const MAX_EVENTS = 20_000;
    const BATCH = 25;
    let published = 0;
    let readerReceived = 0;
    while (published < MAX_EVENTS && (await wsConnections(admin)) > 1) {
      const batch = [];
      for (let i = 0; i < BATCH; ++i) {
        const body = validStore(uniqueCode('SL'), { name: `Slow consumer ${'n'.repeat(100)}` });
        batch.push(admin.post('/api/stores', body));
      }
      for (const response of await Promise.all(batch)) {
        assert.equal(response.status, 201, response.text);
      }
      published += BATCH;
      readerReceived = reader.received;
      reader.messages.length = 0; // the test does not need them; keep its memory flat
    }
    assert.equal(await wsConnections(admin), 1, `the slow client was still connected after ${published} events`);
    const grown = residentBytes(service.child.pid) - rssBefore;
    assert.ok(grown < 64 * 1024 * 1024, `RSS grew by ${grown} bytes`);

    // The slow client, reading again, finds the connection ended before all events arrived.
    slow.resume();
    const closed = await slow.closed;
    assert.ok([1008, 1006].includes(closed.code), `closed with ${closed.code}`);
    assert.ok(slow.received < published, `the slow client got all ${published} events`);

    // The reading client was not affected.
    await waitFor(() => reader.received >= published, { what: 'the reader to get every event' });
    assert.ok(readerReceived <= reader.received);
    await reader.close();
  });

  test('shutdown closes open WebSockets with 1001 and the process exits cleanly', async () => {
    const ws = await openEvents(service, admin.token);
    const stopping = service.stopAndAssertClean();
    const closed = await ws.closed;
    assert.equal(closed.code, 1001);
    await stopping;
    service = null;
  });
});
