// Plan before apply (issue 16 point 2; docs/api.md "Provisioning"): POST /api/stores/{id}/plan
// shows what provisioning would do without changing anything; provisioning with its planId does
// exactly that, or answers 409 naming what changed since — on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DATABASES, adminClient, assertProblem, startService, uniqueCode, userClient, validStore, waitForRun } from './harness.mjs';

const MISSING = '00000000-0000-4000-8000-000000000000';

for (const db of DATABASES) {
  describe(`plan before apply [${db}]`, () => {
    let service;
    let admin;
    let operator;
    let viewer;
    let modelOf = {};

    before(async () => {
      service = await startService({ db, env: { PROVISIONING_BACKOFF_BASE_MS: '20' } });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      for (const [cidr, purpose, segmentPrefix] of [
        ['10.60.0.0/16', 'pos', 24],
        ['10.61.0.0/22', 'guest', 26],
      ]) {
        const pool = await admin.post('/api/network/pools', { cidr, purpose, segmentPrefix });
        assert.equal(pool.status, 201, pool.text);
      }
      for (const kind of ['router', 'switch']) {
        const model = await operator.post('/api/hardware/models', { kind, vendor: 'Acme', model: `${kind}-9` });
        assert.equal(model.status, 201, model.text);
        modelOf[kind] = model.body.id;
      }
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    async function addStock(kind, serials) {
      for (const serial of serials) {
        const item = await operator.post('/api/hardware/items', { serial, modelId: modelOf[kind] });
        assert.equal(item.status, 201, item.text);
      }
    }

    async function newStore(overrides) {
      const created = await operator.post(
        '/api/stores',
        validStore(uniqueCode(), {
          hardwarePlan: { router: 1, switch: 1 },
          networkPlan: [
            { purpose: 'pos', vlanId: 10, cidr: null },
            { purpose: 'guest', vlanId: null, cidr: null },
          ],
          ...overrides,
        }),
      );
      assert.equal(created.status, 201, created.text);
      return created.body;
    }

    const plan = (id, client = operator) => client.post(`/api/stores/${id}/plan`);
    const provision = (id, version, body) =>
      operator.post(`/api/stores/${id}/provision`, body, { headers: { 'if-match': `"${version}"` } });

    test('a plan shows the segments, serials, secret path and bundle; applying it does exactly that', async () => {
      await addStock('router', ['PLN-RT-002', 'PLN-RT-001']);
      await addStock('switch', ['PLN-SW-001']);
      const store = await newStore();
      const planned = await plan(store.id);
      assert.equal(planned.status, 200, planned.text);
      const body = planned.body;
      assert.equal(body.storeId, store.id);
      assert.equal(body.storeVersion, 1);
      assert.equal(body.canApply, true);
      assert.deepEqual(body.problems, []);
      assert.deepEqual(
        body.segments.map((s) => [s.purpose, s.vlanId, s.cidr, s.gateway, s.held]),
        [
          ['pos', 10, '10.60.0.0/24', '10.60.0.1', false],
          ['guest', 30, '10.61.0.0/26', '10.61.0.1', false],
        ],
      );
      assert.deepEqual(
        body.devices.map((d) => [d.kind, d.serial, d.vendor, d.held]),
        [
          ['router', 'PLN-RT-001', 'Acme', false], // the lowest serial, as the run takes them
          ['switch', 'PLN-SW-001', 'Acme', false],
        ],
      );
      assert.match(body.secretPath, new RegExp(store.id));
      assert.equal(body.bundle.from, null);
      assert.ok(body.bundle.files.length >= 3, JSON.stringify(body.bundle.files.map((f) => f.path)));
      assert.ok(body.bundle.files.every((f) => f.change === 'added' && f.diff.startsWith('--- ')));
      assert.ok(body.bundle.files.some((f) => f.path.includes('PLN-RT-001')));
      assert.ok(Date.parse(body.expiresAt) - Date.parse(body.createdAt) === 24 * 3600 * 1000);

      // Nothing changed: the store, its allocations, the stock.
      const after = await viewer.get(`/api/stores/${store.id}`);
      assert.equal(after.body.version, 1);
      assert.equal(after.body.status, 'draft');
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/network`)).body.items, []);
      const inStock = await viewer.get('/api/hardware/items?status=in_stock&kind=router');
      assert.ok(inStock.body.items.some((item) => item.serial === 'PLN-RT-001'));
      const audit = await viewer.get(`/api/stores/${store.id}/audit`);
      assert.ok(audit.body.items.some((entry) => entry.action === 'store.planned'), audit.text);

      const started = await provision(store.id, 1, { planId: body.planId });
      assert.equal(started.status, 202, started.text);
      const run = await waitForRun(operator, started.headers.get('location'));
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const segments = (await viewer.get(`/api/stores/${store.id}/network`)).body.items;
      assert.deepEqual(
        segments.map((s) => [s.purpose, s.vlanId, s.cidr]).sort(),
        body.segments.map((s) => [s.purpose, s.vlanId, s.cidr]).sort(),
      );
      const devices = (await viewer.get(`/api/stores/${store.id}/hardware`)).body.items;
      assert.deepEqual(devices.map((d) => d.serial).sort(), ['PLN-RT-001', 'PLN-SW-001']);
      const requested = (await viewer.get(`/api/stores/${store.id}/audit`)).body.items.find(
        (entry) => entry.action === 'store.provision_requested',
      );
      assert.ok(
        requested.changes.some((c) => c.field === 'planId' && c.after === body.planId),
        JSON.stringify(requested),
      );
      const renders = (await viewer.get(`/api/stores/${store.id}/config-bundles`)).body.items;
      const diff = await viewer.get(`/api/stores/${store.id}/config-bundles/${renders[0].sha256}/diff/${renders[0].sha256}`);
      assert.deepEqual(
        diff.body.files.map((f) => f.path).sort(),
        body.bundle.files.map((f) => f.path).sort(),
        'the run rendered the files the plan showed',
      );
    });

    test('what changed since the plan is a 409 naming each change, and nothing is taken', async () => {
      await addStock('router', ['PLN-RT-010']);
      await addStock('switch', ['PLN-SW-010']);
      const store = await newStore();
      const planned = (await plan(store.id)).body;
      assert.equal(planned.canApply, true, JSON.stringify(planned.problems));
      const posSubnet = planned.segments.find((s) => s.purpose === 'pos').cidr;

      // Another store takes that subnet (provisioned without a plan) meanwhile.
      const other = await newStore({ hardwarePlan: {}, networkPlan: [{ purpose: 'pos', vlanId: 10, cidr: null }] });
      const otherRun = await provision(other.id, 1);
      assert.equal(otherRun.status, 202, otherRun.text);
      assert.equal((await waitForRun(operator, otherRun.headers.get('location'))).status, 'succeeded');
      const othersSegment = (await viewer.get(`/api/stores/${other.id}/network`)).body.items[0];
      assert.equal(othersSegment.cidr, posSubnet);

      const refused = assertProblem(await provision(store.id, 1, { planId: planned.planId }), 409);
      assert.match(refused.detail, /the plan no longer holds/);
      assert.ok(
        refused.changes.some((c) => c.includes(`pos segment: ${posSubnet}`) && c.includes('now')),
        JSON.stringify(refused.changes),
      );
      const still = await viewer.get(`/api/stores/${store.id}`);
      assert.equal(still.body.status, 'draft');
      assert.equal(still.body.version, 1);
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/network`)).body.items, []);
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/hardware`)).body.items, []);

      // An edit after the plan: the plan is stale even when the allocations are the same.
      const fresh = (await plan(store.id)).body;
      const edited = await operator.patch(`/api/stores/${store.id}`, { notes: 'edited' }, { headers: { 'if-match': '"1"' } });
      assert.equal(edited.status, 200, edited.text);
      const stale = assertProblem(await provision(store.id, 2, { planId: fresh.planId }), 409);
      assert.ok(stale.changes.some((c) => c.includes('the store was edited since the plan (version 1, now 2)')), JSON.stringify(stale.changes));

      // A new plan holds again.
      const again = (await plan(store.id)).body;
      const started = await provision(store.id, 2, { planId: again.planId });
      assert.equal(started.status, 202, started.text);
      assert.equal((await waitForRun(operator, started.headers.get('location'))).status, 'succeeded');
    });

    test('a plan that cannot be applied says why; unknown, foreign and malformed plan ids are refused', async () => {
      const store = await newStore({ hardwarePlan: { router: 50 }, networkPlan: [{ purpose: 'iot', vlanId: 40, cidr: null }] });
      const planned = (await plan(store.id)).body;
      assert.equal(planned.canApply, false);
      assert.ok(planned.problems.some((p) => p.includes('not enough router in stock: need 50')), JSON.stringify(planned.problems));
      assert.ok(planned.problems.some((p) => p.includes('no address pool for iot')), JSON.stringify(planned.problems));
      const refused = assertProblem(await provision(store.id, 1, { planId: planned.planId }), 409);
      assert.match(refused.detail, /cannot be applied/);
      assert.deepEqual(refused.changes, planned.problems);

      const other = await newStore();
      const foreign = (await plan(other.id)).body;
      assert.match(assertProblem(await provision(store.id, 1, { planId: foreign.planId }), 409).detail, /does not exist for this store/);
      assert.match(assertProblem(await provision(store.id, 1, { planId: MISSING }), 409).detail, /has expired/);
      assertProblem(await provision(store.id, 1, { planId: 'x' }), 422, { fields: ['planId'] });
      assertProblem(await provision(store.id, 1, { planId: MISSING, extra: 1 }), 422, { fields: ['extra'] });
      assertProblem(await provision(store.id, 1, {}), 422, { fields: ['planId'] });
      assert.equal((await viewer.get(`/api/stores/${store.id}`)).body.status, 'draft');
    });

    test('only a store that can be provisioned is planned, by an operator', async () => {
      const store = await newStore({ hardwarePlan: {}, networkPlan: [{ purpose: 'pos', vlanId: 10, cidr: null }] });
      assertProblem(await plan(store.id, viewer), 403);
      assertProblem(await plan(MISSING), 404);
      assertProblem(await plan('nope'), 400);
      const started = await provision(store.id, 1);
      assert.equal((await waitForRun(operator, started.headers.get('location'))).status, 'succeeded');
      assert.match(assertProblem(await plan(store.id), 409).detail, /active/);
    });
  });
}
