// Readiness keeps a degraded pod in rotation (docs/reliability.md "Readiness"): /health/ready
// reads the circuit breakers on the network thread and takes no connection from the pool, so a
// saturated pool — every connection and every worker thread busy — does not make it time out
// or answer 503 (which would take every pod out at once). The database-outage case is in
// http.test.mjs ("stays 200 degraded while the database refuses connections").
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';

import { DATABASES, adminClient, psql, startService, uniqueCode, waitFor, withTimeout } from './harness.mjs';

describe('readiness under pool saturation (postgres)', { skip: !DATABASES.includes('postgres') }, () => {
  let service;
  let admin;
  let locker;

  before(async () => {
    service = await startService({
      db: 'postgres',
      // One connection, two workers, and requests that wait long for a connection.
      env: { DATABASE_POOL_SIZE: '1', WORKER_THREADS: '2', DATABASE_ACQUIRE_TIMEOUT_MS: '30000' },
    });
    admin = await adminClient(service);
  });

  after(async () => {
    locker?.stdin.end('ROLLBACK;\n\\q\n');
    await service?.stop();
  });

  test('every connection and worker busy: /health/ready still answers 200 at once, with the waiting requests counted', async () => {
    // A session that holds an exclusive lock on stores: every store query blocks behind it.
    psql('SELECT 1', service.database); // the server is up (and psql is on PATH)
    const url = service.databaseUrl;
    locker = spawn('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let lockerOut = '';
    locker.stdout.on('data', (chunk) => (lockerOut += chunk));
    locker.stdin.write("BEGIN; LOCK TABLE stores IN ACCESS EXCLUSIVE MODE; SELECT 'locked';\n");
    await waitFor(async () => lockerOut.includes('locked'), { what: 'the lock' });

    // Three uncached list queries: one holds the only connection (blocked on the lock), one
    // waits for a connection in the second worker, one waits in the queue.
    let settled = 0;
    const blocked = [1, 2, 3].map(() =>
      admin.get(`/api/stores?q=${uniqueCode()}`).finally(() => {
        settled += 1;
      }),
    );
    const ready = await waitFor(
      async () => {
        const response = await withTimeout(service.client().get('/health/ready'), 5_000, 'readiness did not answer');
        return response.body.checks.database.pool.waiting >= 1 ? response : null;
      },
      { what: 'a request waiting for a connection' },
    );
    assert.equal(ready.status, 200, ready.text);
    assert.ok(['ready', 'degraded'].includes(ready.body.status), ready.text);
    assert.equal(ready.body.checks.database.pool.busy, 1, ready.text);
    assert.equal(settled, 0, 'the saturating requests were still blocked when readiness answered');

    locker.stdin.write('ROLLBACK;\n');
    const answers = await Promise.all(blocked);
    for (const answer of answers) assert.equal(answer.status, 200, answer.text);
    const after = await service.client().get('/health/ready');
    assert.equal(after.status, 200);
    assert.equal(after.body.checks.database.pool.waiting, 0);
  });
});
