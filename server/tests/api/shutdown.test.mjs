// Graceful shutdown: on SIGTERM the in-flight request completes, new connections are refused
// and the process exits 0. The request is held in flight deterministically by a database lock
// taken from outside (sqlite3 / psql), not by timing.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  DATABASES,
  connectionRefused,
  startService,
  waitFor,
  withTimeout,
} from './harness.mjs';

/** Starts a client process, sends `sql`, resolves once it prints `marker`; returns a release(). */
async function holdLock(command, args, sql, releaseSql) {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const locked = new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('locked')) {
        resolve();
      }
    });
    child.stderr.on('data', (chunk) => {
      errors += chunk;
    });
    child.on('exit', (code) => reject(new Error(`${command} exited (${code}): ${errors}`)));
  });
  child.stdin.write(`${sql}\nSELECT 'locked';\n`);
  await withTimeout(locked, 15_000, `${command} did not take the lock`);
  return async () => {
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.stdin.end(`${releaseSql}\n`);
    await withTimeout(exited, 15_000, `${command} did not exit`);
  };
}

function lockUsers(service) {
  if (service.db === 'sqlite') {
    // The login's write transaction (BEGIN IMMEDIATE) waits for this one (busy_timeout 5 s).
    return holdLock('sqlite3', [path.join(service.dataDir, 'store.db')], 'PRAGMA busy_timeout=5000;\nBEGIN IMMEDIATE;', 'COMMIT;');
  }
  return holdLock(
    'psql',
    ['-qAt', '-v', 'ON_ERROR_STOP=1', service.databaseUrl],
    'BEGIN;\nLOCK TABLE users IN ACCESS EXCLUSIVE MODE;',
    'COMMIT;',
  );
}

async function inFlight(service) {
  const response = await fetch(`${service.base}/metrics`);
  const text = await response.text();
  const match = text.match(/^http_requests_in_flight (\d+)/m);
  return match ? Number(match[1]) : 0;
}

for (const db of DATABASES) {
  describe(`graceful shutdown [${db}]`, () => {
    test('SIGTERM: the in-flight login completes, new connections are refused, exit code 0', async () => {
      const service = await startService({ db, env: { SHUTDOWN_GRACE_MS: '30000', LOG_LEVEL: 'info' } });
      let release = null;
      try {
        release = await lockUsers(service);
        const login = fetch(`${service.base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
        }).then(
          async (response) => ({ status: response.status, body: await response.json() }),
          (error) => ({ error }),
        );
        // The login is inside the pipeline, waiting for the lock (1 = this /metrics call).
        await waitFor(async () => (await inFlight(service)) >= 2, { what: 'the login to be in flight' });

        service.child.kill('SIGTERM');
        await waitFor(() => connectionRefused(service.port), { what: 'new connections to be refused' });
        assert.equal(service.child.exitCode, null, 'the process waits for the in-flight request');

        await release();
        release = null;
        const result = await withTimeout(login, 20_000, 'the in-flight login did not complete');
        assert.equal(result.error, undefined, `in-flight request failed: ${result.error}`);
        assert.equal(result.status, 200, JSON.stringify(result.body));
        assert.equal(typeof result.body.accessToken, 'string');

        const { code, signal } = await withTimeout(service.exit, 20_000, 'the service did not exit');
        assert.equal(signal, null);
        assert.equal(code, 0, service.stderr);
        assert.ok(service.logs.some((entry) => entry.msg === 'stopped'), 'logs "stopped"');
      } finally {
        if (release) {
          await release();
        }
        await service.stop();
      }
    });

    test('SIGTERM on an idle service with open keep-alive connections exits 0 promptly', async () => {
      const service = await startService({ db });
      const client = service.client();
      await Promise.all(Array.from({ length: 4 }, () => client.get('/health')));
      await service.stopAndAssertClean();
    });
  });
}
