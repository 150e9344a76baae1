// Failover under Patroni: etcd and three Patroni members (synchronous_mode on, ttl 10 s) from
// Debian packages on loopback (scripts/start-patroni.sh); the service on the multi-host URL
// under a steady write load. The leader's node is lost: kill -9 of its Patroni and of its
// postmaster (killing only the postmaster makes Patroni restart it in place, no failover).
// When the leader key expires Patroni promotes the synchronous standby; the service must
// follow within 30 s without restart and no acknowledged write may be lost.
// Run: bash server/tests/failover/run.sh (part of `make test`; FAILOVER_PATRONI=0 skips it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO_ROOT, adminClient, startService } from '../api/harness.mjs';
import { missingAcknowledgedWrites, outage, startWriteLoad, successesAfter, until } from './load.mjs';

const RECOVERY_BOUND_MS = 30_000;
let parent;
let values;
let service;

before(() => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'patroni-'));
  chmodSync(parent, 0o755);
  const started = spawnSync(path.join(REPO_ROOT, 'scripts/start-patroni.sh'), [path.join(parent, 'p')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(started.status, 0, `start-patroni.sh failed: ${started.stderr}`);
  values = Object.fromEntries(
    started.stdout.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
});

after(async () => {
  await service?.stop().catch(() => {});
  spawnSync(path.join(REPO_ROOT, 'scripts/stop-patroni.sh'), [values?.DATA ?? path.join(parent, 'p')], { timeout: 60_000 });
  rmSync(parent, { recursive: true, force: true });
});

async function members() {
  const rest = values.REST_PORTS.split(',');
  for (const port of rest) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/cluster`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return (await response.json()).members;
    } catch {
      // that member's REST API is gone: ask the next one
    }
  }
  return [];
}

test('Patroni: the leader node is lost, the sync standby is promoted, the service follows', { timeout: 180_000 }, async () => {
  service = await startService({
    env: {
      DATABASE_URL: values.MULTI_URL,
      DATABASE_POOL_SIZE: '8',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    },
  });
  const admin = await adminClient(service);
  const load = startWriteLoad(admin, { workers: 4 });
  const started = performance.now();
  await until(() => load.stats.ok >= 40, 20_000, 'writes before the kill');

  const before = await members();
  const leader = before.find((m) => m.role === 'leader');
  assert.ok(before.some((m) => m.role === 'sync_standby'), 'a synchronous standby must exist');
  const dir = path.join(values.DATA, leader.name);
  const killedAt = performance.now();
  process.kill(Number(readFileSync(path.join(dir, 'patroni.pid'), 'utf8')), 'SIGKILL');
  process.kill(Number(readFileSync(path.join(dir, 'data/postmaster.pid'), 'utf8').split('\n')[0]), 'SIGKILL');

  await until(() => successesAfter(load.stats, killedAt) >= 20, RECOVERY_BOUND_MS, 'writes after the failover');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const stats = await load.stop();
  const after = await members();
  const { gapMs, recoverMs } = outage(stats, killedAt);
  const missing = await missingAcknowledgedWrites(admin, stats);
  const result = {
    scenario: 'postgres-leader-loss-patroni',
    sent: stats.sent,
    ok: stats.ok,
    errors: stats.errors,
    statuses: stats.statuses,
    ackedStores: stats.acked.size,
    lostAcknowledgedWrites: missing.length,
    noWriteGapMs: gapMs,
    recoverAfterKillMs: recoverMs,
    oldLeader: leader.name,
    newLeader: after.find((m) => m.role === 'leader')?.name,
    durationMs: Math.round(performance.now() - started),
  };
  console.log(`FAULT_RESULT ${JSON.stringify(result)}`);
  assert.notEqual(result.newLeader, leader.name);
  assert.deepEqual(missing, []);
  assert.ok(recoverMs < RECOVERY_BOUND_MS, `recovered after ${recoverMs} ms`);
  assert.equal(service.child.exitCode, null);
});
