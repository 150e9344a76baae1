// Store codes: the pattern is configuration (stores.code_pattern, stores.code_hint), checked on
// create, import and a changed code; served to the dashboard by GET /api/system/settings; an
// invalid pattern stops the service at start.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  BIN,
  DATABASES,
  adminClient,
  assertProblem,
  postCsv,
  startService,
  userClient,
  validStore,
} from './harness.mjs';

const CHAIN_PATTERN = '^([0-9]{4}|[A-Z]{2}-[A-Z]{3}-[0-9]{3})$';
const CHAIN_HINT = 'four digits (1234) or country-city-number (UK-LON-001)';

for (const db of DATABASES) {
  describe(`store codes, default pattern (${db})`, () => {
    let service;
    let viewer;
    let operator;
    before(async () => {
      service = await startService({ db });
      const admin = await adminClient(service);
      viewer = await userClient(service, admin, 'viewer');
      operator = await userClient(service, admin, 'operator');
    });
    after(() => service?.stop());

    test('the settings serve today\'s pattern and hint to any signed-in user', async () => {
      const settings = await viewer.get('/api/system/settings');
      assert.equal(settings.status, 200, settings.text);
      assert.deepEqual(settings.body, {
        storeCode: {
          pattern: '^[A-Z0-9]{2,6}-[0-9]{3,6}$',
          hint: '2-6 upper-case letters or digits, a hyphen and 3-6 digits, e.g. NYC-0042',
        },
        // The default roles of the transitions (permissions.*).
        transitions: { provision: 'operator', retry: 'operator', rollback: 'operator', decommission: 'admin', rotate: 'admin' },
      });
      assert.equal((await service.client().get('/api/system/settings')).status, 401);
    });

    test('a code of another numbering is refused with the hint, nothing written', async () => {
      const refused = await operator.post('/api/stores', validStore('1234'));
      assertProblem(refused, 422, { fields: ['code'] });
      const error = refused.body.errors.find((e) => e.field === 'code');
      assert.match(error.message, /2-6 upper-case letters or digits/);
      const listed = await viewer.get('/api/stores?q=1234');
      assert.equal(listed.body.items.length, 0);
    });
  });

  describe(`store codes, configured pattern (${db})`, () => {
    let service;
    let viewer;
    let operator;
    before(async () => {
      service = await startService({
        db,
        env: { STORES_CODE_PATTERN: CHAIN_PATTERN, STORES_CODE_HINT: CHAIN_HINT },
      });
      const admin = await adminClient(service);
      viewer = await userClient(service, admin, 'viewer');
      operator = await userClient(service, admin, 'operator');
    });
    after(() => service?.stop());

    test('the settings serve the configured pattern', async () => {
      const settings = await viewer.get('/api/system/settings');
      assert.equal(settings.status, 200);
      assert.deepEqual(settings.body.storeCode, { pattern: CHAIN_PATTERN, hint: CHAIN_HINT });
    });

    test('codes of the configured numbering are accepted, others refused', async () => {
      for (const code of ['1234', 'UK-LON-001']) {
        const created = await operator.post('/api/stores', validStore(code));
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.code, code);
      }
      for (const code of ['NYC-0042', '12345', 'uk-lon-001', 'UK-LON-1']) {
        const refused = await operator.post('/api/stores', validStore(code));
        assertProblem(refused, 422, { fields: ['code'] });
        assert.ok(
          refused.body.errors.some((e) => e.field === 'code' && e.message.includes(CHAIN_HINT)),
          refused.text,
        );
      }
    });

    test('a code changed by a patch is checked; other edits are not held up by it', async () => {
      const created = await operator.post('/api/stores', validStore('2345'));
      assert.equal(created.status, 201, created.text);
      const url = `/api/stores/${created.body.id}`;
      const bad = await operator.patch(url, { code: 'NYC-0042' }, { headers: { 'if-match': '"1"' } });
      assertProblem(bad, 422, { fields: ['code'] });
      const still = await viewer.get(url);
      assert.equal(still.body.code, '2345');
      assert.equal(still.body.version, 1);
      const good = await operator.patch(url, { code: 'DE-BER-002' }, { headers: { 'if-match': '"1"' } });
      assert.equal(good.status, 200, good.text);
      assert.equal(good.body.code, 'DE-BER-002');
    });

    test('CSV import checks each row\'s code against the pattern', async () => {
      const csv =
        'code,name,type,address,city,region,country,postalCode,timezone\n' +
        '3456,Good,standard,a,b,c,US,1,UTC\n' +
        'NYC-0042,Bad,standard,a,b,c,US,1,UTC\n';
      const imported = await postCsv(operator, '/api/stores/import', csv);
      assert.equal(imported.status, 200, imported.text);
      const { rows } = imported.body;
      assert.deepEqual(rows.map((row) => [row.key, row.status]), [
        ['3456', 'created'],
        ['NYC-0042', 'rejected'],
      ]);
      assert.deepEqual(rows[1].errors.map((e) => e.field), ['code']);
      assert.ok(rows[1].errors[0].message.includes(CHAIN_HINT), imported.text);
      assert.equal((await viewer.get('/api/stores?q=NYC-0042')).body.items.length, 0);
    });
  });
}

describe('an invalid stores.code_pattern', () => {
  test('stops the service at start with a message naming the key', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'api-code-'));
    try {
      const result = spawnSync(BIN, ['serve', '--port', '0', '--data-dir', dataDir], {
        env: { PATH: process.env.PATH, STORES_CODE_PATTERN: '[A-Z' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.notEqual(result.status, 0);
      const output = result.stdout + result.stderr;
      assert.match(output, /STORES_CODE_PATTERN/);
      assert.match(output, /not a valid ECMAScript regular expression/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
