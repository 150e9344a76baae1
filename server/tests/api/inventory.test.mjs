// Inventory and IPAM: address pools (admin), hardware models and stock items with filters and
// paging, and the CSV import of stock items with a result per row.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  ISO_TIME,
  UUID,
  adminClient,
  assertProblem,
  postCsv,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitForRun,
} from './harness.mjs';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

for (const db of DATABASES) {
  describe(`inventory and address pools [${db}]`, () => {
    let service;
    let admin;
    let operator;
    let viewer;

    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('pools: admin creates with capacity; overlap 409; bad fields 422; operator 403', async () => {
      const created = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24 });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.id, UUID);
      assert.equal(created.headers.get('location'), `/api/network/pools/${created.body.id}`);
      assert.deepEqual(
        { ...created.body, id: undefined, createdAt: undefined },
        { id: undefined, createdAt: undefined, cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24, usedSegments: 0, freeSegments: 256, capacity: 256 },
      );
      assert.match(created.body.createdAt, ISO_TIME);
      const small = await admin.post('/api/network/pools', { cidr: '10.41.0.0/22', purpose: 'guest', segmentPrefix: 26 });
      assert.equal(small.status, 201, small.text);
      assert.equal(small.body.capacity, 16);
      const defaulted = await admin.post('/api/network/pools', { cidr: '10.42.0.0/20', purpose: 'iot' });
      assert.equal(defaulted.status, 201, defaulted.text);
      assert.equal(defaulted.body.segmentPrefix, 24, 'segmentPrefix defaults to 24');
      assert.equal(defaulted.body.freeSegments, 16);

      for (const cidr of ['10.40.0.0/16', '10.40.128.0/17', '10.0.0.0/8', '10.41.2.0/24']) {
        const overlap = assertProblem(await admin.post('/api/network/pools', { cidr, purpose: 'corporate' }), 409);
        assert.match(overlap.detail, /overlaps/);
      }
      const invalid = [
        [{ cidr: '10.50.0.1/16', purpose: 'pos' }, 'cidr'],
        [{ cidr: '10.50.0.0', purpose: 'pos' }, 'cidr'],
        [{ cidr: '300.1.0.0/16', purpose: 'pos' }, 'cidr'],
        [{ cidr: '10.50.0.0/16', purpose: 'dmz' }, 'purpose'],
        [{ cidr: '10.50.0.0/16', purpose: 'pos', segmentPrefix: 31 }, 'segmentPrefix'],
        [{ cidr: '10.50.0.0/16', purpose: 'pos', segmentPrefix: 15 }, 'segmentPrefix'],
        [{ cidr: '10.50.0.0/24', purpose: 'pos', segmentPrefix: 20 }, 'segmentPrefix'],
        [{ purpose: 'pos' }, 'cidr'],
      ];
      for (const [body, field] of invalid) {
        assertProblem(await admin.post('/api/network/pools', body), 422, { fields: [field] });
      }
      assertProblem(await admin.post('/api/network/pools', { cidr: '10.50.0.0/16', purpose: 'pos', extra: 1 }), 422);
      assertProblem(await operator.post('/api/network/pools', { cidr: '10.50.0.0/16', purpose: 'pos' }), 403);
      assertProblem(await viewer.post('/api/network/pools', { cidr: '10.50.0.0/16', purpose: 'pos' }), 403);
      assertProblem(await operator.delete(`/api/network/pools/${small.body.id}`), 403);

      const listed = await viewer.get('/api/network/pools');
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.body.items.map((pool) => pool.cidr).sort(), ['10.40.0.0/16', '10.41.0.0/22', '10.42.0.0/20']);
    });

    test('pools: in use → 409 and stays; unused → 204; utilisation follows provisioning', async () => {
      const pools = await admin.get('/api/network/pools');
      const corporate = await admin.post('/api/network/pools', { cidr: '10.60.0.0/24', purpose: 'corporate', segmentPrefix: 26 });
      assert.equal(corporate.status, 201, corporate.text);
      const store = await operator.post('/api/stores', validStore(uniqueCode('POOL'), {
        hardwarePlan: {},
        networkPlan: [{ purpose: 'corporate' }],
      }));
      const started = await operator.post(`/api/stores/${store.body.id}/provision`, undefined, { headers: { 'if-match': '"1"' } });
      assert.equal(started.status, 202, started.text);
      assert.equal((await waitForRun(viewer, started.headers.get('location'))).status, 'succeeded');
      const usage = (await viewer.get('/api/network/pools')).body.items.find((pool) => pool.id === corporate.body.id);
      assert.deepEqual([usage.usedSegments, usage.freeSegments, usage.capacity], [1, 3, 4]);

      const inUse = assertProblem(await admin.delete(`/api/network/pools/${corporate.body.id}`), 409);
      assert.match(inUse.detail, /in use/);
      assert.ok((await viewer.get('/api/network/pools')).body.items.some((pool) => pool.id === corporate.body.id));

      const unused = pools.body.items.find((pool) => pool.purpose === 'iot');
      const deleted = await admin.delete(`/api/network/pools/${unused.id}`);
      assert.equal(deleted.status, 204, deleted.text);
      assert.equal(deleted.text, '');
      assert.ok(!(await viewer.get('/api/network/pools')).body.items.some((pool) => pool.id === unused.id));
      assertProblem(await admin.delete(`/api/network/pools/${unused.id}`), 404);
      assertProblem(await admin.delete('/api/network/pools/nope'), 400);
      const audit = await viewer.get('/api/audit?pageSize=500');
      const actions = audit.body.items.map((entry) => entry.action);
      assert.ok(actions.includes('address_pool.created') && actions.includes('address_pool.deleted'), actions.join(' '));
    });

    test('hardware models: create and list with stock per kind; validation and roles', async () => {
      const created = await operator.post('/api/hardware/models', { kind: 'router', vendor: 'Cisco', model: 'ISR1100' });
      assert.equal(created.status, 201, created.text);
      assert.match(created.body.id, UUID);
      assert.equal(created.headers.get('location'), `/api/hardware/models/${created.body.id}`);
      assert.deepEqual([created.body.kind, created.body.vendor, created.body.model], ['router', 'Cisco', 'ISR1100']);
      assertProblem(await operator.post('/api/hardware/models', { kind: 'laser', vendor: '', model: 'm'.repeat(101) }), 422, {
        fields: ['kind', 'vendor', 'model'],
      });
      assertProblem(await operator.post('/api/hardware/models', {}), 422, { fields: ['kind', 'vendor', 'model'] });
      assertProblem(await viewer.post('/api/hardware/models', { kind: 'router', vendor: 'X', model: 'Y' }), 403);
      assert.equal((await operator.post('/api/hardware/items', { serial: 'MODEL-RT-1', modelId: created.body.id })).status, 201);

      const listed = await viewer.get('/api/hardware/models');
      assert.equal(listed.status, 200, listed.text);
      assert.ok(listed.body.items.some((model) => model.id === created.body.id));
      assert.ok(listed.body.availableByKind.router >= 1);
    });

    test('stock items: create, duplicate serial 409, filters and paging', async () => {
      const ap = await operator.post('/api/hardware/models', { kind: 'access_point', vendor: 'Ubiquiti', model: 'U6-Pro' });
      const printer = await operator.post('/api/hardware/models', { kind: 'printer', vendor: 'Zebra', model: 'ZD421' });
      const prefix = uniqueCode('ITM');
      const serials = [];
      for (let i = 0; i < 5; ++i) {
        const serial = `${prefix}-AP${i}`;
        const item = await operator.post('/api/hardware/items', { serial, modelId: ap.body.id });
        assert.equal(item.status, 201, item.text);
        assert.deepEqual(
          [item.body.serial, item.body.modelId, item.body.kind, item.body.status, item.body.storeId],
          [serial, ap.body.id, 'access_point', 'in_stock', null],
        );
        assert.match(item.body.id, UUID);
        serials.push(serial);
      }
      assert.equal((await operator.post('/api/hardware/items', { serial: `${prefix}-PR0`, modelId: printer.body.id })).status, 201);

      const duplicate = assertProblem(await operator.post('/api/hardware/items', { serial: serials[0], modelId: ap.body.id }), 409);
      assert.match(duplicate.detail, new RegExp(serials[0]));
      assertProblem(await operator.post('/api/hardware/items', { serial: 'x', modelId: ap.body.id }), 422, { fields: ['serial'] });
      assertProblem(await operator.post('/api/hardware/items', { serial: 'has space', modelId: ap.body.id }), 422, { fields: ['serial'] });
      assertProblem(await operator.post('/api/hardware/items', { serial: `${prefix}-NOMODEL`, modelId: MISSING_UUID }), 422, { fields: ['modelId'] });
      assertProblem(await operator.post('/api/hardware/items', { serial: `${prefix}-NOMODEL` }), 422, { fields: ['modelId'] });
      assertProblem(await viewer.post('/api/hardware/items', { serial: `${prefix}-V`, modelId: ap.body.id }), 403);

      const byKind = await viewer.get(`/api/hardware/items?kind=access_point&q=${prefix}`);
      assert.equal(byKind.status, 200, byKind.text);
      assert.equal(byKind.body.total, 5);
      assert.deepEqual(byKind.body.items.map((item) => item.serial).sort(), serials);
      const byModel = await viewer.get(`/api/hardware/items?modelId=${printer.body.id}`);
      assert.deepEqual(byModel.body.items.map((item) => item.serial), [`${prefix}-PR0`]);
      const inStock = await viewer.get(`/api/hardware/items?status=in_stock&q=${prefix}`);
      assert.equal(inStock.body.total, 6);
      assert.equal((await viewer.get(`/api/hardware/items?status=allocated&q=${prefix}`)).body.total, 0);

      const pages = [];
      for (let page = 1; page <= 3; ++page) {
        const response = await viewer.get(`/api/hardware/items?q=${prefix}&pageSize=2&page=${page}`);
        assert.equal(response.status, 200, response.text);
        assert.equal(response.body.page, page);
        assert.equal(response.body.pageSize, 2);
        assert.equal(response.body.total, 6);
        pages.push(...response.body.items.map((item) => item.serial));
      }
      assert.equal(pages.length, 6);
      assert.equal(new Set(pages).size, 6, 'pages do not overlap');
      assert.deepEqual((await viewer.get(`/api/hardware/items?q=${prefix}&pageSize=2&page=4`)).body.items, []);

      for (const [query, field] of [
        ['status=lost', 'status'],
        ['kind=laser', 'kind'],
        ['pageSize=0', 'pageSize'],
        ['pageSize=501', 'pageSize'],
        ['page=0', 'page'],
        ['color=red', 'color'],
      ]) {
        assertProblem(await viewer.get(`/api/hardware/items?${query}`), 400, { fields: [field] });
      }
    });

    test('CSV import: valid rows stored; bad, duplicate-in-file and already-stored rows reported by row', async () => {
      const prefix = uniqueCode('CSV');
      const existing = `${prefix}-OLD`;
      const model = await operator.post('/api/hardware/models', { kind: 'switch', vendor: 'HP', model: '2930F' });
      assert.equal((await operator.post('/api/hardware/items', { serial: existing, modelId: model.body.id })).status, 201);
      const before = (await viewer.get('/api/hardware/items?pageSize=1')).body.total;
      const csv = [
        'serial,kind,vendor,model',
        `${prefix}-1,switch,HP,2930F`,
        `${prefix}-2,access_point,"Ubiquiti, Inc.","U6 ""Lite"""`,
        `x,switch,HP,2930F`,
        `${prefix}-1,switch,HP,2930F`,
        `${existing},switch,HP,2930F`,
        `${prefix}-3,laser,Acme,Beam`,
        `${prefix}-4,pos_terminal,Verifone,,`,
        `${prefix}-5,router,Cisco,ISR1100`,
      ].join('\r\n') + '\r\n';
      const response = await postCsv(operator, '/api/hardware/items/import', csv);
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.created, 3);
      assert.equal(response.body.rejected, 5);
      const rows = Object.fromEntries(response.body.rows.map((row) => [row.row, row]));
      assert.deepEqual(Object.keys(rows).map(Number), [2, 3, 4, 5, 6, 7, 8, 9], 'row numbers are file lines');
      for (const line of [2, 3, 9]) {
        assert.equal(rows[line].status, 'created', JSON.stringify(rows[line]));
        assert.match(rows[line].id, UUID);
        assert.deepEqual(rows[line].errors, []);
      }
      const rejected = (line, field, pattern) => {
        const row = rows[line];
        assert.equal(row.status, 'rejected', JSON.stringify(row));
        assert.equal(row.id, null);
        const error = row.errors.find((candidate) => candidate.field === field);
        assert.ok(error, `row ${line} names ${field}: ${JSON.stringify(row)}`);
        assert.match(error.message, pattern);
      };
      rejected(4, 'serial', /./);
      rejected(5, 'serial', /duplicate/);
      rejected(6, 'serial', /already exists/);
      rejected(7, 'kind', /./);
      rejected(8, 'model', /./);
      assert.equal(rows[5].key, `${prefix}-1`);
      assert.equal(rows[6].key, existing);

      const stored = await viewer.get(`/api/hardware/items?q=${prefix}&pageSize=500`);
      assert.deepEqual(stored.body.items.map((item) => item.serial).sort(), [`${prefix}-1`, `${prefix}-2`, `${prefix}-5`, existing].sort());
      assert.equal((await viewer.get('/api/hardware/items?pageSize=1')).body.total, before + 3);
      const old = stored.body.items.find((item) => item.serial === existing);
      assert.equal(old.modelId, model.body.id, 'the stored duplicate is unchanged');
      const quoted = stored.body.items.find((item) => item.serial === `${prefix}-2`);
      const models = (await viewer.get('/api/hardware/models')).body.items;
      const created = models.find((candidate) => candidate.id === quoted.modelId);
      assert.deepEqual([created.kind, created.vendor, created.model], ['access_point', 'Ubiquiti, Inc.', 'U6 "Lite"']);
      assert.equal(
        models.filter((candidate) => candidate.vendor === 'HP' && candidate.model === '2930F').length,
        1,
        'an existing model is reused, not duplicated',
      );

      // One audit entry for the whole import, with its summary (not one per row).
      const feed = (await admin.get('/api/audit?pageSize=50')).body.items;
      const importEntries = feed.filter((entry) => entry.action === 'hardware_item.imported' && entry.requestId === response.headers.get('x-request-id'));
      assert.equal(importEntries.length, 1, JSON.stringify(feed.slice(0, 5)));
      assert.deepEqual(
        importEntries[0].changes.map((change) => [change.field, change.after]),
        [['created', 3], ['rejected', 5]],
      );

      // Importing the same file again creates nothing (and writes no audit entry).
      const again = await postCsv(operator, '/api/hardware/items/import', csv);
      assert.equal(again.status, 200, again.text);
      assert.equal(again.body.created, 0);
      const feedAfter = (await admin.get('/api/audit?pageSize=50')).body.items;
      assert.equal(feedAfter.filter((entry) => entry.requestId === again.headers.get('x-request-id')).length, 0);
    });

    test('CSV import: malformed 400, wrong content type 415, missing column 400, viewer 403', async () => {
      const before = (await viewer.get('/api/hardware/items?pageSize=1')).body.total;
      const malformed = assertProblem(
        await postCsv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\nOK-0001,router,Cisco,ISR\n"BAD-1,router,Cisco,ISR\n'),
        400,
      );
      assert.match(malformed.detail, /line 3/);
      assertProblem(await postCsv(operator, '/api/hardware/items/import', 'serial,kind\nAB-1234,router\n'), 400, { fields: ['header'] });
      assertProblem(await postCsv(operator, '/api/hardware/items/import', ''), 400);
      assertProblem(await postCsv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\n', 'application/json'), 415);
      assertProblem(await postCsv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\n', 'text/plain'), 415);
      assertProblem(await postCsv(viewer, '/api/hardware/items/import', 'serial,kind,vendor,model\nVW-0001,router,Cisco,ISR\n'), 403);
      assert.equal((await viewer.get('/api/hardware/items?pageSize=1')).body.total, before, 'nothing was stored');
      const header = await postCsv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\n');
      assert.equal(header.status, 200, header.text);
      assert.deepEqual(header.body, { created: 0, rejected: 0, rows: [] });
    });
  });
}
