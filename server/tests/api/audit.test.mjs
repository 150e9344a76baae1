// Audit: per store and global, newest first, before/after diffs, request ids, paging.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  ISO_TIME,
  UUID,
  adminClient,
  assertProblem,
  randomSuffix,
  startService,
  uniqueCode,
  userClient,
  validStore,
} from './harness.mjs';

for (const db of DATABASES) {
  describe(`audit [${db}]`, () => {
    let service;
    let operator;
    let viewer;

    before(async () => {
      service = await startService({ db });
      const admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('create, patch and delete each write one entry with actor, time, request id and diff', async () => {
      const createId = `create-${randomSuffix()}`;
      const patchId = `patch-${randomSuffix()}`;
      const deleteId = `delete-${randomSuffix()}`;
      const body = validStore(uniqueCode('AUD'), { name: 'Before' });
      const created = await operator.post('/api/stores', body, { headers: { 'x-request-id': createId } });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get('x-request-id'), createId);
      const id = created.body.id;
      const patched = await operator.patch(`/api/stores/${id}`, { name: 'After', notes: 'hello' }, {
        headers: { 'if-match': '"1"', 'x-request-id': patchId },
      });
      assert.equal(patched.status, 200);

      const audit = await viewer.get(`/api/stores/${id}/audit`);
      assert.equal(audit.status, 200, audit.text);
      assert.equal(audit.body.total, 2);
      assert.equal(audit.body.page, 1);
      assert.equal(audit.body.pageSize, 50);
      const [update, create] = audit.body.items;
      assert.equal(update.action, 'store.updated', 'newest first');
      assert.equal(create.action, 'store.created');
      for (const entry of [update, create]) {
        assert.match(entry.id, UUID);
        assert.match(entry.time, ISO_TIME);
        assert.equal(entry.actor, operator.user.username);
        assert.equal(entry.entityType, 'store');
        assert.equal(entry.entityId, id);
        assert.equal(entry.storeId, id);
      }
      assert.ok(update.time >= create.time);
      assert.equal(create.requestId, createId);
      assert.equal(update.requestId, patchId);
      const sortByField = (changes) => [...changes].sort((a, b) => a.field.localeCompare(b.field));
      assert.deepEqual(sortByField(update.changes), [
        { field: 'name', before: 'Before', after: 'After' },
        { field: 'notes', before: '', after: 'hello' },
      ]);
      const createdName = create.changes.find((change) => change.field === 'name');
      assert.deepEqual(createdName, { field: 'name', before: null, after: 'Before' });
      const createdCode = create.changes.find((change) => change.field === 'code');
      assert.deepEqual(createdCode, { field: 'code', before: null, after: body.code });

      const deleted = await operator.delete(`/api/stores/${id}`, {
        headers: { 'if-match': '"2"', 'x-request-id': deleteId },
      });
      assert.equal(deleted.status, 204);
      const history = await viewer.get(`/api/stores/${id}/audit`);
      assert.equal(history.status, 200, 'a deleted store keeps its history');
      assert.equal(history.body.items[0].action, 'store.deleted');
      assert.equal(history.body.items[0].requestId, deleteId);
      const deletedName = history.body.items[0].changes.find((change) => change.field === 'name');
      assert.deepEqual(deletedName, { field: 'name', before: 'After', after: null });

      const global = await viewer.get('/api/audit?pageSize=3');
      assert.equal(global.status, 200);
      assert.deepEqual(
        global.body.items.map((entry) => [entry.action, entry.requestId]),
        [
          ['store.deleted', deleteId],
          ['store.updated', patchId],
          ['store.created', createId],
        ],
      );
    });

    test('a PATCH that changes nothing writes no entry and keeps the version', async () => {
      const created = await operator.post('/api/stores', validStore(uniqueCode('NOP')));
      const id = created.body.id;
      const same = await operator.patch(`/api/stores/${id}`, { name: created.body.name }, {
        headers: { 'if-match': '"1"' },
      });
      assert.equal(same.status, 200, same.text);
      assert.equal(same.body.version, 1);
      const audit = await viewer.get(`/api/stores/${id}/audit`);
      assert.equal(audit.body.total, 1);
    });

    test('global feed is newest first and pages without overlap', async () => {
      for (let i = 0; i < 5; ++i) {
        assert.equal((await operator.post('/api/stores', validStore(uniqueCode('FEED')))).status, 201);
      }
      const all = await viewer.get('/api/audit?pageSize=500');
      assert.equal(all.status, 200);
      const times = all.body.items.map((entry) => entry.time);
      assert.deepEqual(times, [...times].sort().reverse(), 'newest first');
      assert.equal(all.body.total, all.body.items.length);
      const first = await viewer.get('/api/audit?page=1&pageSize=2');
      const second = await viewer.get('/api/audit?page=2&pageSize=2');
      assert.deepEqual(
        [...first.body.items, ...second.body.items].map((entry) => entry.id),
        all.body.items.slice(0, 4).map((entry) => entry.id),
      );
      assert.equal(second.body.page, 2);
      assert.equal(second.body.pageSize, 2);
    });

    test('failed writes leave no audit entry', async () => {
      const before = (await viewer.get('/api/audit?pageSize=1')).body.total;
      await operator.post('/api/stores', validStore('bad'));
      const created = await operator.post('/api/stores', validStore(uniqueCode('FAIL')));
      await operator.patch(`/api/stores/${created.body.id}`, { type: 'nope' }, { headers: { 'if-match': '"1"' } });
      await operator.patch(`/api/stores/${created.body.id}`, { name: 'x' }, { headers: { 'if-match': '"7"' } });
      const afterTotal = (await viewer.get('/api/audit?pageSize=1')).body.total;
      assert.equal(afterTotal, before + 1, 'only the successful create is recorded');
    });

    test('unknown store → 404; not a UUID → 400; bad paging → 400', async () => {
      assertProblem(await viewer.get('/api/stores/00000000-0000-4000-8000-000000000000/audit'), 404);
      assertProblem(await viewer.get('/api/stores/nope/audit'), 400);
      for (const query of ['page=0', 'pageSize=0', 'pageSize=501', 'page=x', 'since=yesterday']) {
        assertProblem(await viewer.get(`/api/audit?${query}`), 400);
      }
      const created = await operator.post('/api/stores', validStore(uniqueCode('PG')));
      assertProblem(await viewer.get(`/api/stores/${created.body.id}/audit?pageSize=0`), 400, {
        fields: ['pageSize'],
      });
    });
  });
}
