// Failover with plain streaming replication: a primary and two replicas (commits wait for one),
// the service on the multi-host URL (target_session_attrs=read-write) under a steady write
// load through the HTTP API; kill -9 of the primary's postmaster; `pg_ctl promote` of the
// synchronous standby. The service must follow it without restart within 30 s, and every
// write it acknowledged (2xx) must be there afterwards.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

import { adminClient, startService } from '../api/harness.mjs';
import { Cluster } from './cluster.mjs';
import { missingAcknowledgedWrites, outage, startWriteLoad, successesAfter, until } from './load.mjs';

const RECOVERY_BOUND_MS = 30_000;
// How long the primary stays dead before the "operator" promotes: the time Patroni would need
// to notice (its ttl/loop_wait are seconds, too).
const PROMOTE_AFTER_MS = Number(process.env.FAILOVER_PROMOTE_AFTER_MS ?? 2000);

let cluster;
let service;

before(() => {
  cluster = Cluster.start({ replicas: 2 });
});

after(async () => {
  await service?.stop().catch(() => {});
  cluster?.stop();
});

test('kill -9 of the primary, pg_ctl promote: the service follows, no acknowledged write lost', { timeout: 120_000 }, async () => {
  service = await startService({
    env: {
      DATABASE_URL: cluster.multiUrl,
      DATABASE_POOL_SIZE: '8',
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '5000',
    },
  });
  const admin = await adminClient(service);
  const load = startWriteLoad(admin, { workers: 4 });
  const started = performance.now();
  await until(() => load.stats.ok >= 40, 20_000, 'writes before the kill');

  const promoted = cluster.syncStandby();
  assert.match(promoted, /^replica\d$/, 'a synchronous standby must exist before the kill');
  const killedAt = performance.now();
  cluster.killPostmaster('primary');
  await sleep(PROMOTE_AFTER_MS);
  cluster.promote(promoted);
  const promotedAt = performance.now();

  await until(() => successesAfter(load.stats, promotedAt) >= 20, RECOVERY_BOUND_MS, 'writes after the promotion');
  await sleep(1000);
  const stats = await load.stop();
  const { gapMs, recoverMs } = outage(stats, killedAt);
  const missing = await missingAcknowledgedWrites(admin, stats);
  const result = {
    scenario: 'postgres-primary-kill-streaming',
    sent: stats.sent,
    ok: stats.ok,
    errors: stats.errors,
    statuses: stats.statuses,
    ackedStores: stats.acked.size,
    lostAcknowledgedWrites: missing.length,
    noWriteGapMs: gapMs,
    recoverAfterKillMs: recoverMs,
    recoverAfterPromoteMs: Math.round(Math.max(0, killedAt + recoverMs - promotedAt)),
    promoteAfterMs: Math.round(promotedAt - killedAt),
    durationMs: Math.round(performance.now() - started),
  };
  console.log(`FAULT_RESULT ${JSON.stringify(result)}`);
  assert.deepEqual(missing, [], 'every acknowledged write must survive the failover');
  assert.ok(recoverMs < RECOVERY_BOUND_MS, `recovered after ${recoverMs} ms`);
  // The service was never restarted: same process all along.
  assert.equal(service.child.exitCode, null);
});
