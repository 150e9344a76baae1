// The go-live calendar and the forecast (issue 16 point 4; docs/api.md "Go-live calendar and
// forecast"): stores by opening date, and what the planned openings take from the pools and the
// stock, when each runs out, and which openings cannot be served — on both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { DATABASES, adminClient, assertProblem, startService, uniqueCode, userClient, validStore } from './harness.mjs';

function addDays(date, days) {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}

for (const db of DATABASES) {
  describe(`go-live calendar and forecast [${db}]`, () => {
    let service;
    let operator;
    let viewer;
    let today;
    const stores = {};

    before(async () => {
      service = await startService({ db });
      const admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      // The service's own date (UTC), so that a run across midnight cannot disagree with it.
      today = (await viewer.get('/api/forecast')).body.asOf;
      assert.match(today, /^\d{4}-\d{2}-\d{2}$/);

      // Four IoT subnets (a /28 carved into /30s) and three printers.
      const pool = await admin.post('/api/network/pools', { cidr: '10.77.0.0/28', purpose: 'iot', segmentPrefix: 30 });
      assert.equal(pool.status, 201, pool.text);
      const model = await operator.post('/api/hardware/models', { kind: 'printer', vendor: 'Zebra', model: 'ZD421' });
      assert.equal(model.status, 201, model.text);
      for (const serial of ['PLAN-PR-1', 'PLAN-PR-2', 'PLAN-PR-3']) {
        const item = await operator.post('/api/hardware/items', { serial, modelId: model.body.id });
        assert.equal(item.status, 201, item.text);
      }
      // Each store wants one IoT subnet and two printers; C's date has passed, D is far off,
      // E has its own subnet and no printers, F has no date at all.
      const plan = { hardwarePlan: { printer: 2 }, networkPlan: [{ purpose: 'iot', vlanId: 40, cidr: null }] };
      const create = async (key, openingDate, overrides = plan) => {
        const created = await operator.post('/api/stores', validStore(uniqueCode(), { openingDate, ...overrides }));
        assert.equal(created.status, 201, created.text);
        stores[key] = created.body;
      };
      await create('A', addDays(today, 5));
      await create('B', addDays(today, 10));
      await create('C', addDays(today, -3), { ...plan, hardwarePlan: {} });
      await create('D', addDays(today, 200));
      await create('E', addDays(today, 10), { hardwarePlan: {}, networkPlan: [{ purpose: 'iot', vlanId: 40, cidr: '192.168.9.0/24' }] });
      await create('F', null);
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('the forecast serves openings in date order and names the first one the stock cannot serve', async () => {
      const forecast = await viewer.get('/api/forecast?horizon=90');
      assert.equal(forecast.status, 200, forecast.text);
      const body = forecast.body;
      assert.equal(body.asOf, today);
      assert.equal(body.until, addDays(today, 90));
      assert.equal(body.horizon, 90);
      assert.equal(body.openings, 4); // C (overdue), A, B, E; D is after the horizon, F has no date
      const iot = body.resources.find((r) => r.kind === 'pool' && r.name === 'iot');
      assert.deepEqual(iot, {
        kind: 'pool',
        name: 'iot',
        free: 4,
        demand: 3,
        left: 1,
        runsOutOn: null,
        timeline: [
          { date: today, take: 1, left: 3 },
          { date: addDays(today, 5), take: 1, left: 2 },
          { date: addDays(today, 10), take: 1, left: 1 },
        ],
      });
      const printers = body.resources.find((r) => r.kind === 'hardware' && r.name === 'printer');
      assert.equal(printers.free, 3);
      assert.equal(printers.demand, 4);
      assert.equal(printers.left, -1);
      assert.equal(printers.runsOutOn, addDays(today, 10));
      assert.deepEqual(body.warnings, [
        {
          storeId: stores.B.id,
          code: stores.B.code,
          name: stores.B.name,
          status: 'draft',
          openingDate: addDays(today, 10),
          overdue: false,
          shortages: [{ kind: 'hardware', name: 'printer', missing: 1 }],
        },
      ]);
    });

    test('a longer horizon takes in the later opening; a pool used up is a warning naming the overdue store first', async () => {
      const year = (await viewer.get('/api/forecast?horizon=366')).body;
      assert.equal(year.openings, 5);
      const iot = year.resources.find((r) => r.name === 'iot');
      assert.equal(iot.demand, 4);
      assert.equal(iot.left, 0);
      assert.equal(iot.runsOutOn, null, 'four subnets serve four openings');
      assert.deepEqual(
        year.warnings.map((w) => w.code),
        [stores.B.code, stores.D.code],
      );

      // A fifth IoT opening, overdue: served first, it leaves D without a subnet.
      const late = await operator.post('/api/stores', validStore(uniqueCode(), { openingDate: addDays(today, -30), hardwarePlan: {}, networkPlan: [{ purpose: 'iot', vlanId: 40, cidr: null }] }));
      assert.equal(late.status, 201, late.text);
      const after = (await viewer.get('/api/forecast?horizon=366')).body;
      const iotAfter = after.resources.find((r) => r.name === 'iot');
      assert.equal(iotAfter.timeline[0].date, today);
      assert.equal(iotAfter.timeline[0].take, 2, 'both overdue openings count today');
      assert.equal(iotAfter.runsOutOn, addDays(today, 200));
      const d = after.warnings.find((w) => w.storeId === stores.D.id);
      assert.deepEqual(d.shortages, [
        { kind: 'pool', name: 'iot', missing: 1 },
        { kind: 'hardware', name: 'printer', missing: 2 },
      ]);
      assert.equal(after.warnings.some((w) => w.storeId === late.body.id), false);
      const deleted = await operator.delete(`/api/stores/${late.body.id}`, { headers: { 'if-match': '"1"' } });
      assert.equal(deleted.status, 204, deleted.text);
    });

    test('the calendar lists the stores opening in a range, both ends included, in date then code order', async () => {
      const calendar = await viewer.get(`/api/calendar?from=${addDays(today, -3)}&to=${addDays(today, 10)}`);
      assert.equal(calendar.status, 200, calendar.text);
      assert.equal(calendar.body.from, addDays(today, -3));
      assert.equal(calendar.body.to, addDays(today, 10));
      assert.equal(calendar.body.truncated, false);
      const tenth = [stores.B, stores.E].sort((x, y) => (x.code < y.code ? -1 : 1));
      assert.deepEqual(
        calendar.body.items.map((item) => item.id),
        [stores.C.id, stores.A.id, ...tenth.map((s) => s.id)],
      );
      const first = calendar.body.items[0];
      assert.deepEqual(first, {
        id: stores.C.id,
        code: stores.C.code,
        name: stores.C.name,
        city: 'New York',
        country: 'US',
        type: 'standard',
        status: 'draft',
        openingDate: addDays(today, -3),
        template: null,
      });
      const single = await viewer.get(`/api/calendar?from=${addDays(today, 200)}&to=${addDays(today, 200)}`);
      assert.deepEqual(
        single.body.items.map((item) => item.id),
        [stores.D.id],
      );
      const longest = await viewer.get(`/api/calendar?from=${today}&to=${addDays(today, 91)}`);
      assert.equal(longest.status, 200, longest.text);
    });

    test('bad ranges and horizons are 400s naming the parameter; signing in is required', async () => {
      assertProblem(await viewer.get('/api/calendar'), 400, { fields: ['from', 'to'] });
      assertProblem(await viewer.get(`/api/calendar?from=${today}`), 400, { fields: ['to'] });
      assertProblem(await viewer.get(`/api/calendar?from=${today}&to=${addDays(today, -1)}`), 400, { fields: ['to'] });
      assertProblem(await viewer.get(`/api/calendar?from=${today}&to=${addDays(today, 92)}`), 400, { fields: ['to'] });
      assertProblem(await viewer.get('/api/calendar?from=2027-02-30&to=2027-03-01'), 400, { fields: ['from'] });
      assertProblem(await viewer.get('/api/calendar?from=2027-02-01&to=2027-3-01'), 400, { fields: ['to'] });
      assertProblem(await viewer.get(`/api/calendar?from=${today}&to=${today}&status=draft`), 400, { fields: ['status'] });
      for (const horizon of ['0', '367', 'abc', '1.5', '-1', '']) {
        assertProblem(await viewer.get(`/api/forecast?horizon=${horizon}`), 400, { fields: ['horizon'] });
      }
      assertProblem(await viewer.get('/api/forecast?days=10'), 400, { fields: ['days'] });
      assertProblem(await service.client().get('/api/forecast'), 401);
      assertProblem(await service.client().get(`/api/calendar?from=${today}&to=${today}`), 401);
    });
  });
}
