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

    test('global feed filters by actor, action, store and time range, and pages the filtered list', async () => {
      const started = new Date(Date.now() - 1000).toISOString();
      const mine = await userClient(service, await adminClient(service), 'operator');
      const a = await mine.post('/api/stores', validStore(uniqueCode('FLA')));
      const b = await mine.post('/api/stores', validStore(uniqueCode('FLB')));
      assert.equal(a.status, 201);
      assert.equal(b.status, 201);
      const patched = await mine.patch(`/api/stores/${a.body.id}`, { name: 'Renamed' }, { headers: { 'if-match': '"1"' } });
      assert.equal(patched.status, 200);

      const byActor = await viewer.get(`/api/audit?actor=${encodeURIComponent(mine.user.username)}`);
      assert.equal(byActor.status, 200, byActor.text);
      assert.equal(byActor.body.total, 3);
      assert.deepEqual(byActor.body.items.map((entry) => entry.action), ['store.updated', 'store.created', 'store.created']);
      assert.ok(byActor.body.items.every((entry) => entry.actor === mine.user.username));

      const created = await viewer.get(`/api/audit?actor=${encodeURIComponent(mine.user.username)}&action=store.created&pageSize=1&page=2`);
      assert.equal(created.status, 200, created.text);
      assert.equal(created.body.total, 2, 'total counts the filtered entries, not the page');
      assert.equal(created.body.items.length, 1);
      assert.equal(created.body.items[0].storeId, a.body.id, 'page 2 of newest-first holds the older create');

      const byStore = await viewer.get(`/api/audit?storeId=${a.body.id}`);
      assert.deepEqual(byStore.body.items.map((entry) => entry.action), ['store.updated', 'store.created']);
      assert.ok(byStore.body.items.every((entry) => entry.storeId === a.body.id && entry.storeCode === a.body.code));

      const since = await viewer.get(`/api/audit?from=${encodeURIComponent(started)}&storeId=${b.body.id}`);
      assert.equal(since.body.total, 1);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const none = await viewer.get(`/api/audit?from=${encodeURIComponent(future)}`);
      assert.equal(none.status, 200);
      assert.equal(none.body.total, 0);
      assert.deepEqual(none.body.items, []);
      const before = await viewer.get(`/api/audit?to=${encodeURIComponent(started)}&storeId=${a.body.id}`);
      assert.equal(before.body.total, 0, 'to is exclusive and earlier than every entry of the store');
      const offset = await viewer.get(
        `/api/audit?from=${encodeURIComponent(started.replace('Z', '+00:00'))}&to=${encodeURIComponent(future)}&actor=${encodeURIComponent(mine.user.username)}`,
      );
      assert.equal(offset.body.total, 3, 'a time with an explicit offset is accepted');
    });

    test('with the caches off the feed still names every store by its code, and a deleted store by none', async () => {
      // The page's store codes come from one query for the stores the cache does not hold.
      const uncached = await startService({ db, env: { CACHE_MAX_STORES: '0', CACHE_MAX_PAGES: '0' } });
      try {
        const mine = await userClient(uncached, await adminClient(uncached), 'operator');
        const stores = [];
        for (const prefix of ['UCA', 'UCB', 'UCC']) {
          const created = await mine.post('/api/stores', validStore(uniqueCode(prefix)));
          assert.equal(created.status, 201, created.text);
          stores.push(created.body);
        }
        const gone = stores[2];
        const deleted = await mine.delete(`/api/stores/${gone.id}`, { headers: { 'if-match': '"1"' } });
        assert.equal(deleted.status, 204, deleted.text);
        const feed = await mine.get(`/api/audit?actor=${encodeURIComponent(mine.user.username)}`);
        assert.equal(feed.status, 200, feed.text);
        assert.deepEqual(
          feed.body.items.map((entry) => [entry.action, entry.storeCode]),
          [
            ['store.deleted', null],
            ['store.created', null],
            ['store.created', stores[1].code],
            ['store.created', stores[0].code],
          ],
        );
        const page2 = await mine.get(`/api/audit?actor=${encodeURIComponent(mine.user.username)}&pageSize=2&page=2`);
        assert.deepEqual(
          page2.body.items.map((entry) => entry.storeCode),
          [stores[1].code, stores[0].code],
          'a later page: its own entries, its own codes',
        );
      } finally {
        await uncached.stopAndAssertClean();
      }
    });

    test('bad filter values → 400 problem naming the field', async () => {
      const cases = [
        ['storeId=nope', 'storeId'],
        ['action=Store%20Created', 'action'],
        ['action=store', 'action'],
        [`actor=${'x'.repeat(65)}`, 'actor'],
        ['from=yesterday', 'from'],
        ['to=2026-13-01T00:00:00Z', 'to'],
        ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'to'],
      ];
      for (const [query, field] of cases) {
        assertProblem(await viewer.get(`/api/audit?${query}`), 400, { fields: [field] });
      }
    });
  });
}
