// Crash-restart: SIGKILL the service in the middle of a provisioning run (render_configs keeps
// failing, so the run waits between retries after allocating network and hardware), restart it
// on the same data directory and database without the fault, and the run finishes with exactly
// the planned allocations: no step allocated twice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  startService,
  uniqueCode,
  validStore,
  waitFor,
  waitForRun,
} from './harness.mjs';

for (const db of DATABASES) {
  describe(`crash and restart during a run [${db}]`, () => {
    test('SIGKILL mid-run, restart: the run succeeds without duplicate segments or items', async () => {
      const crashing = await startService({
        db,
        env: {
          PROVISIONING_INJECT_FAILURES: 'render_configs=1000',
          PROVISIONING_BACKOFF_BASE_MS: '200',
          PROVISIONING_LEASE_SECONDS: '1',
          PROVISIONING_MAX_ATTEMPTS: '100', // keep retrying until the kill
          PROVISIONING_POLL_INTERVAL_MS: '50',
        },
      });
      let restarted = null;
      try {
        let admin = await adminClient(crashing);
        for (const [cidr, purpose] of [
          ['10.20.0.0/16', 'pos'],
          ['10.30.0.0/16', 'guest'],
        ]) {
          assert.equal((await admin.post('/api/network/pools', { cidr, purpose })).status, 201);
        }
        const plan = { router: 1, access_point: 2, pos_terminal: 3 };
        const csv = ['serial,kind,vendor,model'];
        for (const [kind, count] of Object.entries(plan)) {
          for (let i = 0; i < count + 2; ++i) {
            csv.push(`CR-${kind}-${i},${kind},Acme,${kind}-1`); // two spare of each kind
          }
        }
        const imported = await admin.request('POST', '/api/hardware/items/import', {
          body: csv.join('\n'),
          headers: { 'content-type': 'text/csv' },
        });
        assert.equal(imported.status, 200, imported.text);
        const created = await admin.post('/api/stores', validStore(uniqueCode('CRASH'), {
          hardwarePlan: plan,
          networkPlan: [{ purpose: 'pos' }, { purpose: 'guest' }],
        }));
        assert.equal(created.status, 201, created.text);
        const id = created.body.id;
        const started = await admin.post(`/api/stores/${id}/provision`, undefined, { headers: { 'if-match': '"1"' } });
        assert.equal(started.status, 202, started.text);
        const location = started.headers.get('location');

        const retrying = await waitFor(
          async () => {
            const run = (await admin.get(location)).body;
            const steps = Object.fromEntries(run.steps.map((step) => [step.name, step]));
            const ready =
              steps.allocate_network.status === 'succeeded' &&
              steps.allocate_hardware.status === 'succeeded' &&
              steps.render_configs.attempts >= 1 &&
              steps.render_configs.status === 'pending' &&
              /retrying/.test(steps.render_configs.message);
            return ready && run;
          },
          { attempts: 200, intervalMs: 50, what: 'render_configs to be retrying' },
        );
        assert.ok(['queued', 'running'].includes(retrying.status), retrying.status);
        const { signal } = await crashing.kill('SIGKILL');
        assert.equal(signal, 'SIGKILL');

        restarted = await startService({ reuse: crashing, env: { PROVISIONING_POLL_INTERVAL_MS: '50' } });
        admin = await adminClient(restarted);
        const run = await waitForRun(admin, location, { timeoutMs: 20_000 });
        assert.equal(run.status, 'succeeded', JSON.stringify(run));
        assert.equal(run.id, retrying.id);
        const render = run.steps.find((step) => step.name === 'render_configs');
        assert.ok(render.attempts > retrying.steps.find((step) => step.name === 'render_configs').attempts);
        for (const name of ['validate', 'allocate_network', 'allocate_hardware']) {
          const step = run.steps.find((candidate) => candidate.name === name);
          assert.equal(step.attempts, 1, `${name} ran once, before the crash`);
        }
        assert.deepEqual((await admin.get(`/api/stores/${id}/runs`)).body.items.map((r) => r.id), [run.id]);

        const store = await admin.get(`/api/stores/${id}`);
        assert.equal(store.body.status, 'active');
        assert.equal(store.body.version, 3);
        const network = (await admin.get(`/api/stores/${id}/network`)).body.items;
        assert.deepEqual(network.map((segment) => segment.purpose).sort(), ['guest', 'pos'], 'exactly the planned segments');
        const pools = (await admin.get('/api/network/pools')).body.items;
        assert.deepEqual(pools.map((pool) => pool.usedSegments), [1, 1]);
        const hardware = (await admin.get(`/api/stores/${id}/hardware`)).body.items;
        const kinds = {};
        for (const item of hardware) {
          assert.equal(item.status, 'allocated');
          kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
        }
        assert.deepEqual(kinds, plan, 'exactly the planned items');
        const allocated = await admin.get('/api/hardware/items?status=allocated');
        assert.equal(allocated.body.total, 6);
        assert.equal((await admin.get('/api/hardware/items?status=in_stock')).body.total, 6);
        // The data directory survived: the secrets written before the crash are readable.
        const credentials = await admin.get(`/api/stores/${id}/credentials`);
        assert.equal(credentials.status, 200, credentials.text);
        assert.equal((await admin.get(`/api/stores/${id}/config-bundle`)).status, 200);
      } finally {
        if (restarted) {
          await restarted.stopAndAssertClean();
        } else {
          await crashing.stop();
        }
      }
    });
  });
}
