// Store templates (issue 16 point 1; docs/api.md "Store templates"): named, versioned profiles,
// many stores from one (JSON or CSV, a result per row, nothing half-created), drift (followers on
// an older version), bringing stores up to date, If-Match, audit entries and live updates — on
// both databases.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  assertProblem,
  postCsv,
  randomSuffix,
  startService,
  uniqueCode,
  userClient,
  validStore,
} from './harness.mjs';
import { openWebSocket } from './ws-client.mjs';

const MISSING = '00000000-0000-4000-8000-000000000000';

function seed(code, overrides = {}) {
  const { name, location, openingDate } = validStore(code);
  return { code, name, location, openingDate, ...overrides };
}

for (const db of DATABASES) {
  describe(`store templates [${db}]`, () => {
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

    let counter = 0;
    async function newTemplate(overrides = {}) {
      counter += 1;
      const created = await operator.post('/api/templates', {
        name: `Mall store ${counter} ${randomSuffix()}`, // no database name: problems are checked for leaks
        description: 'Two tills, guest Wi-Fi',
        type: 'express',
        tags: ['mall'],
        notes: 'Kit B',
        hardwarePlan: { pos_terminal: 2, router: 1 },
        networkPlan: [
          { purpose: 'pos', vlanId: 10 },
          { purpose: 'guest', vlanId: 30 },
        ],
        ...overrides,
      });
      assert.equal(created.status, 201, created.text);
      return created.body;
    }

    test('a template is created at version 1 and read back; names are unique; viewers only read', async () => {
      const template = await newTemplate();
      assert.equal(template.version, 1);
      assert.equal(template.storeCount, 0);
      assert.equal(template.behindCount, 0);
      assert.equal(template.createdBy, operator.user.username);
      const read = await viewer.get(`/api/templates/${template.id}`);
      assert.equal(read.status, 200);
      assert.equal(read.headers.get('etag'), '"1"');
      assert.deepEqual(read.body, template);
      const list = await viewer.get('/api/templates');
      assert.ok(list.body.items.some((item) => item.id === template.id));

      const duplicate = await operator.post('/api/templates', { name: template.name, type: 'standard' });
      assertProblem(duplicate, 409);
      assertProblem(await viewer.post('/api/templates', { name: 'x', type: 'standard' }), 403);
      assertProblem(await viewer.get(`/api/templates/${MISSING}`), 404);
    });

    test('bad input is a 422 naming every field, and nothing is written', async () => {
      const before = (await viewer.get('/api/templates')).body.items.length;
      const bad = await operator.post('/api/templates', {
        name: ' padded',
        type: 'kiosk',
        tags: ['Not A Tag'],
        hardwarePlan: { toaster: 1 },
        networkPlan: [{ purpose: 'pos', vlanId: 10, cidr: '10.0.0.0/24' }],
      });
      assertProblem(bad, 422, {
        fields: ['name', 'type', 'tags[0]', 'hardwarePlan.toaster', 'networkPlan[0].cidr'],
      });
      assertProblem(await operator.post('/api/templates', { name: 'Read only', type: 'express', version: 4, storeCount: 1 }), 422, {
        fields: ['version', 'storeCount'],
      });
      assert.match(bad.body.errors.find((e) => e.field === 'networkPlan[0].cidr').message, /cannot fix a subnet/);
      assertProblem(await operator.request('POST', '/api/templates', { body: '{"name":', headers: { 'content-type': 'application/json' } }), 400);
      assert.equal((await viewer.get('/api/templates')).body.items.length, before);
    });

    test('stores from a template take its type, tags, notes and plans; a bad row is reported and changes nothing', async () => {
      const template = await newTemplate();
      const good = [uniqueCode('TPL'), uniqueCode('TPL')];
      const answer = await operator.post(`/api/templates/${template.id}/stores`, {
        stores: [seed(good[0]), seed('bad code!'), seed(good[1], { contact: { manager: 'Ann', email: 'ann@example.com', phone: '' } })],
      });
      assert.equal(answer.status, 200, answer.text);
      assert.equal(answer.body.created, 2);
      assert.equal(answer.body.rejected, 1);
      assert.deepEqual(answer.body.rows.map((row) => [row.row, row.status]), [[1, 'created'], [2, 'rejected'], [3, 'created']]);
      assert.ok(answer.body.rows[1].errors.some((error) => error.field === 'code'));
      const store = (await viewer.get(`/api/stores/${answer.body.rows[0].id}`)).body;
      assert.equal(store.type, 'express');
      assert.deepEqual(store.tags, ['mall']);
      assert.equal(store.notes, 'Kit B');
      assert.deepEqual(store.hardwarePlan, { pos_terminal: 2, router: 1 });
      assert.deepEqual(store.networkPlan, [
        { purpose: 'pos', vlanId: 10, cidr: null },
        { purpose: 'guest', vlanId: 30, cidr: null },
      ]);
      assert.deepEqual(store.template, { id: template.id, version: 1 });
      assert.equal((await viewer.get(`/api/stores/${answer.body.rows[2].id}`)).body.contact.manager, 'Ann');
      const codes = (await viewer.get('/api/stores?q=bad')).body.items.map((s) => s.code);
      assert.ok(!codes.includes('bad code!'));
      assert.equal((await viewer.get(`/api/templates/${template.id}`)).body.storeCount, 2);

      // The audit of the created store names the template.
      const audit = (await viewer.get(`/api/stores/${store.id}/audit`)).body.items;
      const created = audit.find((entry) => entry.action === 'store.created');
      assert.deepEqual(created.changes.find((c) => c.field === 'template').after, { id: template.id, version: 1 });

      // A malformed list is refused whole.
      assertProblem(await operator.post(`/api/templates/${template.id}/stores`, { stores: [] }), 422, { fields: ['stores'] });
      assertProblem(await operator.post(`/api/templates/${template.id}/stores`, { stores: [{ code: 5, type: 'outlet' }] }), 422, {
        fields: ['stores[0].code', 'stores[0].type', 'stores[0].location'],
      });
      assertProblem(await operator.post(`/api/templates/${MISSING}/stores`, { stores: [seed(uniqueCode('TPL'))] }), 404);
      assertProblem(await viewer.post(`/api/templates/${template.id}/stores`, { stores: [seed(uniqueCode('TPL'))] }), 403);
    });

    test('stores from a template by CSV: line numbers, extra tags and notes per row; a type column is a 400', async () => {
      const template = await newTemplate();
      const code = uniqueCode('CSV');
      const csv = [
        'code,name,address,city,region,country,postalCode,timezone,openingDate,tags,notes',
        `${code},Brooklyn,Fulton St 1,New York,NY,US,11201,America/New_York,2027-04-01,corner;mall,Corner unit`,
        ',No code,Fulton St 2,New York,NY,US,11201,America/New_York,,,',
      ].join('\n');
      const answer = await postCsv(operator, `/api/templates/${template.id}/stores`, csv);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(answer.body.rows.map((row) => [row.row, row.key, row.status]), [[2, code, 'created'], [3, '', 'rejected']]);
      const store = (await viewer.get(`/api/stores/${answer.body.rows[0].id}`)).body;
      assert.deepEqual(store.tags, ['mall', 'corner']);
      assert.equal(store.notes, 'Corner unit');
      assert.equal(store.openingDate, '2027-04-01');
      const typed = await postCsv(operator, `/api/templates/${template.id}/stores`, 'code,name,type\nA,B,standard\n');
      assertProblem(typed, 400, { fields: ['header'] });
      assert.match(typed.body.detail, /the template sets the type/);
    });

    test('an edited template leaves its stores behind until they are brought up to date', async () => {
      const template = await newTemplate();
      const made = await operator.post(`/api/templates/${template.id}/stores`, {
        stores: [seed(uniqueCode('DRF')), seed(uniqueCode('DRF'))],
      });
      const [first, second] = made.body.rows.map((row) => row.id);
      // One store got a subnet for pos by hand; it keeps it through the update.
      const current = (await viewer.get(`/api/stores/${first}`)).body;
      const pinned = await operator.patch(
        `/api/stores/${first}`,
        { networkPlan: [{ purpose: 'pos', vlanId: 10, cidr: '10.77.0.0/24' }, { purpose: 'guest', vlanId: 30 }] },
        { headers: { 'if-match': `"${current.version}"` } },
      );
      assert.equal(pinned.status, 200, pinned.text);

      const edited = await operator.patch(
        `/api/templates/${template.id}`,
        { hardwarePlan: { pos_terminal: 3, printer: 1, router: null }, networkPlan: [{ purpose: 'pos', vlanId: 11 }, { purpose: 'iot', vlanId: 40 }] },
        { headers: { 'if-match': '"1"' } },
      );
      assert.equal(edited.status, 200, edited.text);
      assert.equal(edited.body.version, 2);
      assert.equal(edited.headers.get('etag'), '"2"');
      assert.equal(edited.body.behindCount, 2);
      // A stale If-Match: 412 with the template as it is now.
      const stale = await operator.patch(`/api/templates/${template.id}`, { notes: 'x' }, { headers: { 'if-match': '"1"' } });
      assertProblem(stale, 412);
      assert.equal(stale.body.currentVersion, 2);
      assert.equal(stale.body.current.id, template.id);
      assertProblem(await operator.patch(`/api/templates/${template.id}`, { notes: 'x' }), 428);
      // A patch that changes nothing keeps the version.
      const same = await operator.patch(`/api/templates/${template.id}`, { notes: 'Kit B' }, { headers: { 'if-match': '"2"' } });
      assert.equal(same.body.version, 2);

      const followers = (await viewer.get(`/api/templates/${template.id}/stores`)).body;
      assert.equal(followers.templateVersion, 2);
      assert.equal(followers.behind, 2);
      assert.deepEqual(followers.items.map((f) => [f.templateVersion, f.behind]), [[1, true], [1, true]]);

      assertProblem(await operator.post(`/api/templates/${template.id}/sync`, { templateVersion: 1 }), 412);
      assertProblem(await operator.post(`/api/templates/${template.id}/sync`, {}), 422, { fields: ['templateVersion'] });
      const synced = await operator.post(`/api/templates/${template.id}/sync`, { templateVersion: 2 });
      assert.equal(synced.status, 200, synced.text);
      assert.equal(synced.body.updated, 2);
      assert.equal(synced.body.rejected, 0);
      const after = (await viewer.get(`/api/stores/${first}`)).body;
      assert.deepEqual(after.template, { id: template.id, version: 2 });
      assert.deepEqual(after.hardwarePlan, { pos_terminal: 3, printer: 1 });
      assert.deepEqual(after.networkPlan, [
        { purpose: 'pos', vlanId: 11, cidr: '10.77.0.0/24' },
        { purpose: 'iot', vlanId: 40, cidr: null },
      ]);
      assert.equal(after.version, pinned.body.version + 1);
      const audit = (await viewer.get(`/api/stores/${first}/audit`)).body.items[0];
      assert.equal(audit.action, 'store.updated');
      assert.deepEqual(audit.changes.find((c) => c.field === 'template'), {
        field: 'template',
        before: { id: template.id, version: 1 },
        after: { id: template.id, version: 2 },
      });

      // Again: nothing behind; naming stores reports each (unchanged, not a follower, twice).
      const again = await operator.post(`/api/templates/${template.id}/sync`, {
        templateVersion: 2,
        storeIds: [second, MISSING, second],
      });
      assert.deepEqual(again.body.results.map((r) => [r.status, r.code === null]), [
        ['unchanged', false],
        ['rejected', true],
        ['rejected', false],
      ]);
      assert.match(again.body.results[2].reason, /twice/);
      assert.equal((await viewer.get(`/api/templates/${template.id}`)).body.behindCount, 0);
    });

    test('template changes are audited and live; a followed template cannot be deleted', async () => {
      const opened = await openWebSocket(service.port, '/api/events', { protocols: ['bearer', viewer.token] });
      assert.equal(opened.status, 101);
      let template;
      try {
        template = await newTemplate();
        for (;;) {
          const event = await opened.ws.nextEvent('template.created', 10_000);
          if (event.data.id === template.id) {
            assert.equal(event.data.version, 1);
            assert.equal(event.data.name, template.name);
            break;
          }
        }
        const edited = await operator.patch(`/api/templates/${template.id}`, { description: 'Three tills' }, { headers: { 'if-match': '"1"' } });
        assert.equal(edited.status, 200);
        for (;;) {
          const event = await opened.ws.nextEvent('template.updated', 10_000);
          if (event.data.id === template.id) {
            assert.equal(event.data.version, 2);
            break;
          }
        }
      } finally {
        opened.ws.close();
      }
      const feed = (await viewer.get('/api/audit?action=template.updated')).body.items;
      const entry = feed.find((e) => e.entityId === template.id);
      assert.ok(entry, JSON.stringify(feed[0]));
      assert.equal(entry.entityType, 'template');
      assert.deepEqual(entry.changes, [{ field: 'description', before: 'Two tills, guest Wi-Fi', after: 'Three tills' }]);

      const made = await operator.post(`/api/templates/${template.id}/stores`, { stores: [seed(uniqueCode('DEL'))] });
      const storeId = made.body.rows[0].id;
      const refused = await operator.delete(`/api/templates/${template.id}`, { headers: { 'if-match': '"2"' } });
      assertProblem(refused, 409);
      assert.match(refused.body.detail, /1 store follows this template/);
      assertProblem(await operator.delete(`/api/templates/${template.id}`, { headers: { 'if-match': '"1"' } }), 412);
      assert.equal((await operator.delete(`/api/stores/${storeId}`, { headers: { 'if-match': '"1"' } })).status, 204);
      assert.equal((await operator.delete(`/api/templates/${template.id}`, { headers: { 'if-match': '"2"' } })).status, 204);
      assertProblem(await viewer.get(`/api/templates/${template.id}`), 404);
      const deleted = (await viewer.get('/api/audit?action=template.deleted')).body.items;
      assert.ok(deleted.some((e) => e.entityId === template.id));
    });

    test('a store\'s template is read only', async () => {
      const template = await newTemplate();
      const made = await operator.post(`/api/templates/${template.id}/stores`, { stores: [seed(uniqueCode('RO'))] });
      const id = made.body.rows[0].id;
      assertProblem(await operator.patch(`/api/stores/${id}`, { template: { id: template.id, version: 2 } }, { headers: { 'if-match': '"1"' } }), 422, {
        fields: ['template'],
      });
      assertProblem(await operator.post('/api/stores', { ...validStore(uniqueCode('RO')), template: { id: template.id, version: 1 } }), 422, {
        fields: ['template'],
      });
      // An ordinary edit keeps it.
      const edited = await operator.patch(`/api/stores/${id}`, { name: 'Renamed' }, { headers: { 'if-match': '"1"' } });
      assert.deepEqual(edited.body.template, { id: template.id, version: 1 });
    });
  });
}
