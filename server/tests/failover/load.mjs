// A steady write load through the real HTTP API (creates and merge patches with If-Match),
// the bookkeeping of every write the service acknowledged (2xx), and the check that each one
// is still there after a fault. Shared by the failover tests and bench/faults.sh.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { uniqueCode, validStore } from '../api/harness.mjs';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Starts `workers` loops; each creates a store, then patches it twice (If-Match), and again.
 * Returns { stop(): Promise<stats>, stats } where stats holds every request's outcome.
 */
export function startWriteLoad(client, { workers = 4, pauseAfterErrorMs = 50 } = {}) {
  const stats = {
    sent: 0,
    ok: 0,
    errors: 0,
    statuses: {},
    acked: new Map(), // store id -> { version, name } of the last acknowledged write
    successTimes: [], // {start, end} (performance.now() ms) of each acknowledged write
  };
  let running = true;

  const send = async (method, url, json, headers = {}) => {
    stats.sent += 1;
    const start = performance.now();
    try {
      // fetch with a deadline: a hung service must count as an error, not stall the load.
      const raw = await fetch(client.base + url, {
        method,
        headers: {
          authorization: `Bearer ${client.token}`,
          'content-type': 'application/json',
          ...headers,
        },
        body: JSON.stringify(json),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await raw.text();
      const response = { status: raw.status, body: text ? JSON.parse(text) : null };
      stats.statuses[response.status] = (stats.statuses[response.status] ?? 0) + 1;
      if (response.status >= 200 && response.status < 300) {
        stats.ok += 1;
        stats.successTimes.push({ start, end: performance.now() });
      } else {
        stats.errors += 1;
      }
      return response;
    } catch (error) {
      stats.errors += 1;
      const key = error.name === 'TimeoutError' ? 'timeout' : 'network';
      stats.statuses[key] = (stats.statuses[key] ?? 0) + 1;
      return null;
    }
  };

  const worker = async (index) => {
    while (running) {
      const body = validStore(uniqueCode(`F${index}`), { networkPlan: [] });
      const created = await send('POST', '/api/stores', body);
      if (created?.status !== 201) {
        await sleep(pauseAfterErrorMs);
        continue;
      }
      const id = created.body.id;
      let version = created.body.version;
      stats.acked.set(id, { version, name: created.body.name });
      for (let i = 1; i <= 2 && running; i += 1) {
        const name = `${body.name} v${version + 1}`;
        const patched = await send('PATCH', `/api/stores/${id}`, { name }, {
          'content-type': 'application/merge-patch+json',
          'if-match': `"${version}"`,
        });
        if (patched?.status === 200) {
          version = patched.body.version;
          stats.acked.set(id, { version, name: patched.body.name });
        } else {
          // Failed or unknown outcome: a later store starts afresh.
          await sleep(pauseAfterErrorMs);
          break;
        }
      }
    }
  };

  const loops = Array.from({ length: workers }, (_, i) => worker(i));
  return {
    stats,
    async stop() {
      running = false;
      await Promise.all(loops);
      return stats;
    },
  };
}

/** Successful writes sent after `since` (performance.now() ms). */
export function successesAfter(stats, since) {
  return stats.successTimes.filter((t) => t.start > since).length;
}

/**
 * For a fault at `at` (performance.now() ms): recoverMs, from `at` to the acknowledgement of
 * the first write *sent* after it (requests in flight at the kill may still be answered from
 * before), and gapMs, the longest time without any acknowledged write from `at` on.
 */
export function outage(stats, at) {
  const ends = stats.successTimes.map((t) => t.end).filter((t) => t >= at).sort((a, b) => a - b);
  const first = stats.successTimes.filter((t) => t.start > at).map((t) => t.end).sort((a, b) => a - b)[0];
  let gap = 0;
  let previous = at;
  for (const end of ends) {
    gap = Math.max(gap, end - previous);
    previous = end;
  }
  return {
    gapMs: first === undefined ? Infinity : Math.round(gap),
    recoverMs: first === undefined ? Infinity : Math.round(first - at),
  };
}

/**
 * Reads every acknowledged store back through the API (retrying a 503 for a bounded time) and
 * returns the ids whose acknowledged write is missing: gone, or an older version, or (same
 * version) another name. A later version than acknowledged is fine: a write whose answer was
 * lost may have committed.
 */
export async function missingAcknowledgedWrites(client, stats, { timeoutMs = 30_000 } = {}) {
  const deadline = performance.now() + timeoutMs;
  const missing = [];
  for (const [id, expected] of stats.acked) {
    let response;
    for (;;) {
      response = await client.get(`/api/stores/${id}`).catch(() => null);
      if (response && response.status !== 503) break;
      assert.ok(performance.now() < deadline, 'the service did not answer reads in time');
      await sleep(100);
    }
    const store = response.body;
    if (response.status !== 200 || store.version < expected.version ||
        (store.version === expected.version && store.name !== expected.name)) {
      missing.push({ id, expected, status: response.status, found: store?.version });
    }
  }
  return missing;
}

/** Polls `probe` every 50 ms until it is truthy; throws after `timeoutMs`. */
export async function until(probe, timeoutMs, what = 'condition') {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (performance.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await sleep(50);
  }
}
