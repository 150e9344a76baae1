// What idle live-event WebSockets cost the server: resident memory (VmRSS) before and after
// opening N connections to /api/events, per connection.
//
// Usage: node bench/ws_idle.mjs [COUNT]            (default 1000)
//   Starts build/release/store-service (STORE_SERVICE_BIN overrides) on 127.0.0.1, port 0,
//   through the API-test harness, logs in, and opens COUNT connections with the subprotocols
//   ["bearer", <token>] over plain node:net (no npm packages). It waits until the gauge
//   store_ws_connections shows them all, lets the process settle, and reads
//   /proc/<pid>/status. The clients answer pings but send nothing else: idle connections.
// Prints one line of JSON: {count, rssBeforeBytes, rssAfterBytes, bytesPerConnection, ...}.
import { readFileSync } from 'node:fs';

import { adminClient, startService, waitFor } from '../server/tests/api/harness.mjs';
import { openWebSocket } from '../server/tests/api/ws-client.mjs';

const COUNT = Number(process.argv[2] ?? 1000);
const OPEN_CONCURRENCY = 50;
const SETTLE_MS = 1000;

function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)[1]) * 1024;
}

async function gauge(client) {
  const text = (await client.get('/metrics')).text;
  return Number(/^store_ws_connections(?:\{\})? (\S+)$/m.exec(text)?.[1] ?? NaN);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const service = await startService({ db: 'sqlite' });
const clients = [];
try {
  const admin = await adminClient(service);
  // Warm-up: one connection and a few requests, so that first-use allocations (thread
  // arenas, lazily built tables) are not billed to the idle connections.
  const warm = await openWebSocket(service.port, '/api/events', { protocols: ['bearer', admin.token] });
  await admin.get('/metrics');
  await warm.ws.close();
  await sleep(SETTLE_MS);
  const before = rss(service.child.pid);

  for (let opened = 0; opened < COUNT; opened += OPEN_CONCURRENCY) {
    const batch = [];
    for (let i = opened; i < Math.min(COUNT, opened + OPEN_CONCURRENCY); ++i) {
      batch.push(openWebSocket(service.port, '/api/events', { protocols: ['bearer', admin.token] }));
    }
    for (const result of await Promise.all(batch)) {
      if (result.status !== 101) {
        throw new Error(`upgrade refused: ${result.status} ${result.text}`);
      }
      clients.push(result.ws);
    }
  }
  await waitFor(async () => (await gauge(admin)) === COUNT, { what: `${COUNT} open connections` });
  await sleep(SETTLE_MS);
  const after = rss(service.child.pid);

  await Promise.all(clients.map((ws) => ws.close()));
  await waitFor(async () => (await gauge(admin)) === 0, { what: 'all connections closed' });
  await sleep(SETTLE_MS);
  const closed = rss(service.child.pid);

  console.log(
    JSON.stringify({
      count: COUNT,
      rssBeforeBytes: before,
      rssAfterBytes: after,
      rssAfterCloseBytes: closed,
      bytesPerConnection: Math.round((after - before) / COUNT),
      kibPerConnection: Number(((after - before) / COUNT / 1024).toFixed(1)),
    }),
  );
} finally {
  for (const ws of clients) {
    ws.destroy();
  }
  await service.stop();
}
