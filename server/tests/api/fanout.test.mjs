// Live events across replicas: two store-service processes on ONE PostgreSQL database; a
// WebSocket client of process B receives the store.created caused by a POST to process A —
// through Redis pub/sub when REDIS_URL is set, and through PostgreSQL LISTEN/NOTIFY without it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DATABASES, adminClient, uniqueCode, validStore } from './harness.mjs';
import { startReplicaPair } from './replicas.mjs';
import { openWebSocket } from './ws-client.mjs';

const EVENT_TIMEOUT_MS = 10_000;

async function openEvents(service, token) {
  const opened = await openWebSocket(service.port, '/api/events', { protocols: ['bearer', token] });
  assert.equal(opened.status, 101, `upgrade refused: ${opened.status}`);
  return opened.ws;
}

/** The store_events_relayed_total{result} counter of a service. */
async function relayed(client, result) {
  const response = await client.get('/metrics');
  const match = new RegExp(`^store_events_relayed_total\\{result="${result}"\\} (\\S+)$`, 'm').exec(response.text);
  assert.ok(match, 'no store_events_relayed_total in /metrics');
  return Number(match[1]);
}

for (const transport of ['redis', 'postgres-notify']) {
  describe(`event fan-out across two replicas (${transport})`, { skip: !DATABASES.includes('postgres') }, () => {
    let pair;
    let a;
    let b;

    before(async () => {
      // B: a second replica on the same database (its own data directory).
      pair = await startReplicaPair(transport);
      ({ a, b } = pair);
    });
    after(async () => {
      await pair?.stop();
    });

    test('a store created through replica A reaches a WebSocket client of replica B, once', async () => {
      const adminA = await adminClient(a);
      const adminB = await adminClient(b);
      const wsB = await openEvents(b, adminB.token);
      const wsA = await openEvents(a, adminA.token);
      try {
        const created = await adminA.post('/api/stores', validStore(uniqueCode('FO')));
        assert.equal(created.status, 201, created.text);
        const onB = await wsB.nextEvent('store.created', EVENT_TIMEOUT_MS);
        assert.equal(onB.data.id, created.body.id);
        assert.equal(onB.data.code, created.body.code);
        const onA = await wsA.nextEvent('store.created', EVENT_TIMEOUT_MS);
        assert.equal(onA.data.id, created.body.id);

        // The other way round, and each replica's own client gets its event exactly once.
        const patched = await adminB.patch(`/api/stores/${created.body.id}`, { name: 'From B' }, {
          headers: { 'if-match': '"1"' },
        });
        assert.equal(patched.status, 200, patched.text);
        const updatedOnA = await wsA.nextEvent('store.updated', EVENT_TIMEOUT_MS);
        assert.equal(updatedOnA.data.name, 'From B');
        const updatedOnB = await wsB.nextEvent('store.updated', EVENT_TIMEOUT_MS);
        assert.equal(updatedOnB.data.name, 'From B');
        assert.ok((await relayed(adminB, 'received')) >= 1);
        assert.ok((await relayed(adminA, 'received')) >= 1);
        // No echo: once a last event has reached both, each client has seen exactly three
        // (created, updated, this one), nothing doubled by its own replica's relay.
        const marker = await adminA.post('/api/stores', validStore(uniqueCode('FM')));
        assert.equal((await wsA.nextEvent('store.created', EVENT_TIMEOUT_MS)).data.id, marker.body.id);
        assert.equal((await wsB.nextEvent('store.created', EVENT_TIMEOUT_MS)).data.id, marker.body.id);
        assert.equal(wsA.received, 3, 'replica A delivered an event twice');
        assert.equal(wsB.received, 3, 'replica B delivered an event twice');
      } finally {
        await wsA.close();
        await wsB.close();
      }
    });
  });
}
