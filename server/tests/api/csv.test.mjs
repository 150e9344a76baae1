// CSV: GET /api/stores/export.csv (list filters, RFC 4180 quoting, formula-injection escaping,
// chunked in keyset pages) and POST /api/stores/import (drafts, a result per row, errors by field).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  UUID,
  adminClient,
  assertProblem,
  parseRawResponse,
  postCsv,
  randomSuffix,
  rawExchange,
  startService,
  uniqueCode,
  userClient,
  validStore,
} from './harness.mjs';

const EXPORT_HEADER = [
  'id', 'code', 'name', 'type', 'status', 'address', 'city', 'region', 'country', 'postalCode',
  'timezone', 'latitude', 'longitude', 'openingDate', 'manager', 'email', 'phone', 'tags', 'notes',
  'version', 'createdAt', 'updatedAt',
];
const IMPORT_HEADER = 'code,name,type,address,city,region,country,postalCode,timezone,openingDate,manager,email,phone,tags,notes';

/** A strict RFC 4180 parser: returns the records (arrays of cells); throws on a stray quote. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  let fresh = true; // at the start of a cell
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        assert.ok(i >= text.length || [',', '\r', '\n'].includes(text[i]), `text after a closing quote at ${i}`);
      } else {
        cell += c;
        i += 1;
      }
    } else if (c === '"') {
      assert.ok(fresh, `quote inside an unquoted cell at ${i}`);
      quoted = true;
      fresh = false;
      i += 1;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
      fresh = true;
      i += 1;
    } else if (c === '\r' || c === '\n') {
      assert.ok(c === '\r' && text[i + 1] === '\n', `records end with CRLF (at ${i})`);
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      fresh = true;
      i += 2;
    } else {
      cell += c;
      fresh = false;
      i += 1;
    }
  }
  assert.ok(!quoted, 'unterminated quote');
  assert.ok(fresh && record.length === 0 && cell === '', 'the last record ends with CRLF');
  return records;
}

async function exportCsv(client, query = '') {
  const response = await client.get(`/api/stores/export.csv${query}`);
  assert.equal(response.status, 200, response.text);
  assert.match(response.headers.get('content-type'), /^text\/csv/);
  const records = parseCsv(response.text);
  assert.deepEqual(records[0], EXPORT_HEADER);
  const rows = records.slice(1).map((cells) => {
    assert.equal(cells.length, EXPORT_HEADER.length, `row width: ${cells}`);
    return Object.fromEntries(EXPORT_HEADER.map((name, i) => [name, cells[i]]));
  });
  return { response, rows };
}

/** One import row in IMPORT_HEADER order, quoted as RFC 4180 wants. */
function importRow(values) {
  return IMPORT_HEADER.split(',')
    .map((name) => {
      const value = String(values[name] ?? '');
      return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(',');
}

function importValues(code, overrides = {}) {
  return {
    code,
    name: `Imported ${code}`,
    type: 'express',
    address: 'Main St 1',
    city: 'Berlin',
    region: 'BE',
    country: 'DE',
    postalCode: '10115',
    timezone: 'Europe/Berlin',
    ...overrides,
  };
}

for (const db of DATABASES) {
  describe(`CSV export and import [${db}]`, () => {
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

    test('export: header row and one row per store matching the filters, sorted, streamed chunked', async () => {
      const tag = `csv-${randomSuffix()}`;
      const codes = [];
      for (const type of ['outlet', 'outlet', 'flagship']) {
        const body = validStore(uniqueCode('EXP'), { type, tags: [tag] });
        assert.equal((await operator.post('/api/stores', body)).status, 201);
        codes.push(body.code);
      }
      assert.equal((await operator.post('/api/stores', validStore(uniqueCode('EXP')))).status, 201);

      const { response, rows } = await exportCsv(viewer, `?tag=${tag}`);
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="stores\.csv"$/);
      assert.deepEqual(rows.map((row) => row.code), [...codes].sort(), 'one row per matching store, by code');
      const stored = await viewer.get(`/api/stores?tag=${tag}&sort=code`);
      const first = stored.body.items[0];
      assert.deepEqual(rows[0], {
        id: first.id,
        code: first.code,
        name: first.name,
        type: first.type,
        status: 'draft',
        address: '5th Ave 1',
        city: 'New York',
        region: 'NY',
        country: 'US',
        postalCode: '10001',
        timezone: 'America/New_York',
        latitude: '40.75',
        longitude: rows[0].longitude, // '-73.98 after the formula-injection prefix
        openingDate: '2027-03-01',
        manager: 'Jane Doe',
        email: 'jane@example.com',
        phone: rows[0].phone,
        tags: tag,
        notes: '',
        version: '1',
        createdAt: first.createdAt,
        updatedAt: first.updatedAt,
      });
      assert.equal(rows[0].longitude.replace(/^'/, ''), '-73.98');
      assert.equal(rows[0].phone.replace(/^'/, ''), '+1 212 555 0100');

      const outlets = await exportCsv(viewer, `?tag=${tag}&type=outlet&sort=-code`);
      assert.deepEqual(outlets.rows.map((row) => row.code), codes.filter((_, i) => i < 2).sort().reverse());
      const none = await exportCsv(viewer, `?tag=${tag}&status=active`);
      assert.deepEqual(none.rows, [], 'no match: the header row only');
      assertProblem(await viewer.get('/api/stores/export.csv?status=nope'), 400, { fields: ['status'] });
      assertProblem(await viewer.get('/api/stores/export.csv?sort=colour'), 400, { fields: ['sort'] });

      const raw = parseRawResponse(
        await rawExchange(
          service.port,
          `GET /api/stores/export.csv?tag=${tag} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer ${viewer.token}\r\nConnection: close\r\n\r\n`,
        ),
      );
      assert.equal(raw.status, 200);
      assert.equal(raw.headers.get('transfer-encoding'), 'chunked');
      assert.equal(raw.headers.get('content-length'), undefined);
      assert.match(raw.body, /^[0-9a-f]+\r\nid,code,name,/, 'the header row is the first chunk');
      assert.match(raw.body, /\r\n0\r\n\r\n$/, 'the last chunk');
    });

    test('export: ids exports exactly the selected stores, with the other filters; bad ids are a 400', async () => {
      const tag = `sel-${randomSuffix()}`;
      const created = [];
      for (const type of ['outlet', 'flagship', 'outlet', 'express']) {
        const response = await operator.post('/api/stores', validStore(uniqueCode('SEL'), { type, tags: [tag] }));
        assert.equal(response.status, 201, response.text);
        created.push(response.body);
      }
      const [a, b, c] = created;
      const byCode = (stores) => stores.map((store) => store.code).sort();

      const selected = await exportCsv(viewer, `?ids=${c.id},${a.id}`);
      assert.deepEqual(selected.rows.map((row) => row.code), byCode([a, c]), 'only the selection, by code');
      assert.deepEqual(selected.rows.map((row) => row.id), [a, c].sort((x, y) => x.code.localeCompare(y.code)).map((s) => s.id));
      const encoded = await exportCsv(viewer, `?ids=${encodeURIComponent(`${a.id},${b.id}`)}&sort=-code`);
      assert.deepEqual(encoded.rows.map((row) => row.code), byCode([a, b]).reverse(), 'comma percent-encoded, sorted');
      const filtered = await exportCsv(viewer, `?ids=${a.id},${b.id},${c.id}&type=outlet`);
      assert.deepEqual(filtered.rows.map((row) => row.code), byCode([a, c]), 'combined with the filters');
      const repeated = await exportCsv(viewer, `?ids=${b.id},${b.id}`);
      assert.deepEqual(repeated.rows.map((row) => row.code), [b.code], 'a repeated id once');
      const unknown = await exportCsv(viewer, `?ids=00000000-0000-4000-8000-000000000000`);
      assert.deepEqual(unknown.rows, [], 'an id that names no store matches nothing');
      const hundred = [a.id, ...Array.from({ length: 99 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
      assert.deepEqual((await exportCsv(viewer, `?ids=${hundred.join(',')}`)).rows.map((row) => row.code), [a.code], '100 ids');

      const tooMany = [...hundred, '00000000-0000-4000-8000-999999999999'];
      for (const bad of ['', 'nope', `${a.id},`, `,${a.id}`, `${a.id},,${b.id}`, a.id.toUpperCase(), `${a.id} `, tooMany.join(',')]) {
        assertProblem(await viewer.get(`/api/stores/export.csv?ids=${encodeURIComponent(bad)}`), 400, { fields: ['ids'] });
      }
      assertProblem(await viewer.get(`/api/stores/export.csv?ids=nope&status=nope`), 400, { fields: ['ids', 'status'] });
      assert.equal((await service.client().get(`/api/stores/export.csv?ids=${a.id}`)).status, 401);
      assertProblem(await viewer.get(`/api/stores?ids=${a.id}`), 400, { fields: ['ids'] });
    });

    test('export: RFC 4180 quoting and formula-injection escaping', async () => {
      const tag = `csv-${randomSuffix()}`;
      const tricky = [
        ['=SUM(A1)', "'=SUM(A1)"],
        ['+CALL()', "'+CALL()"],
        ['-2+3', "'-2+3"],
        ['@import', "'@import"],
        ['Comma, Inc.', 'Comma, Inc.'],
        ['Say "hi"', 'Say "hi"'],
      ];
      for (const [name] of tricky) {
        const created = await operator.post('/api/stores', validStore(uniqueCode('INJ'), { name, tags: [tag] }));
        assert.equal(created.status, 201, created.text);
      }
      const noted = validStore(uniqueCode('INJ'), { name: 'Notes', tags: [tag], notes: 'line 1\nline 2, "two"\n=1+1' });
      assert.equal((await operator.post('/api/stores', noted)).status, 201);

      const { response, rows } = await exportCsv(viewer, `?tag=${tag}&sort=name`);
      const names = rows.map((row) => row.name);
      for (const [, exported] of tricky) {
        assert.ok(names.includes(exported), `${exported} in ${JSON.stringify(names)}`);
      }
      assert.ok(response.text.includes(",'=SUM(A1),"), 'escaped and, without a separator, unquoted');
      assert.ok(response.text.includes(',"Comma, Inc.",'));
      assert.ok(response.text.includes(',"Say ""hi""",'));
      assert.ok(!/,[=+@]/.test(response.text.replace(/"[^"]*"/g, '')), 'no unescaped formula cell');
      const notes = rows.find((row) => row.name === 'Notes').notes;
      assert.equal(notes, 'line 1\nline 2, "two"\n=1+1', 'only the start of a cell is escaped');
    });

    test('export: more stores than one keyset page, every one exactly once', async () => {
      const tag = `bulk-${randomSuffix()}`;
      const count = 1050;
      const lines = [IMPORT_HEADER];
      const codes = [];
      const prefix = `B${randomSuffix().slice(0, 3).toUpperCase()}`;
      for (let i = 0; i < count; ++i) {
        const code = `${prefix}-${String(i).padStart(4, '0')}`;
        codes.push(code);
        lines.push(importRow(importValues(code, { tags: tag })));
      }
      const imported = await postCsv(operator, '/api/stores/import', `${lines.join('\r\n')}\r\n`);
      assert.equal(imported.status, 200, imported.text.slice(0, 500));
      assert.equal(imported.body.created, count);
      const { rows } = await exportCsv(viewer, `?tag=${tag}`);
      assert.equal(rows.length, count);
      assert.deepEqual(rows.map((row) => row.code), codes);
      assert.equal(new Set(rows.map((row) => row.id)).size, count);
    });

    test('import: valid rows become drafts; bad rows are reported by row and field', async () => {
      const good = uniqueCode('IMP');
      const tagged = uniqueCode('IMP');
      const existing = validStore(uniqueCode('IMP'));
      assert.equal((await operator.post('/api/stores', existing)).status, 201);
      const csv = [
        IMPORT_HEADER,
        importRow(importValues(good, { openingDate: '2027-05-01', manager: 'Max', email: 'max@example.com', phone: '+49 30 1234', notes: 'a, "b"' })),
        importRow(importValues('bad', { type: 'mega', country: 'XX', timezone: 'Mars/Olympus' })),
        importRow(importValues(existing.code)),
        importRow(importValues(tagged, { tags: 'pilot;east', openingDate: '2027-02-30', email: 'nope' })),
        importRow(importValues(good)),
        importRow(importValues(tagged, { tags: 'pilot;east' })),
      ].join('\r\n');
      const response = await postCsv(operator, '/api/stores/import', csv);
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.created, 2);
      assert.equal(response.body.rejected, 4);
      const rows = response.body.rows;
      assert.deepEqual(rows.map((row) => [row.row, row.key, row.status]), [
        [2, good, 'created'],
        [3, 'bad', 'rejected'],
        [4, existing.code, 'rejected'],
        [5, tagged, 'rejected'],
        [6, good, 'rejected'],
        [7, tagged, 'created'],
      ]);
      const fields = (row) => rows[row - 2].errors.map((error) => error.field).sort();
      assert.deepEqual(fields(3), ['code', 'location.country', 'location.timezone', 'type']);
      assert.deepEqual(fields(4), ['code']);
      assert.match(rows[2].errors[0].message, /exists|duplicate|already/);
      assert.deepEqual(fields(5), ['contact.email', 'openingDate']);
      assert.deepEqual(fields(6), ['code']);
      for (const row of [rows[0], rows[5]]) {
        assert.match(row.id, UUID);
        assert.deepEqual(row.errors, []);
      }

      const created = await viewer.get(`/api/stores/${rows[0].id}`);
      assert.equal(created.status, 200);
      assert.equal(created.body.status, 'draft');
      assert.equal(created.body.createdBy, operator.user.username);
      assert.equal(created.body.type, 'express');
      assert.equal(created.body.openingDate, '2027-05-01');
      assert.deepEqual(created.body.contact, { manager: 'Max', email: 'max@example.com', phone: '+49 30 1234' });
      assert.equal(created.body.notes, 'a, "b"');
      assert.deepEqual((await viewer.get(`/api/stores/${rows[5].id}`)).body.tags, ['pilot', 'east']);
      const audit = await viewer.get(`/api/stores/${rows[0].id}/audit`);
      assert.equal(audit.body.items[0].action, 'store.created');
      assert.equal((await viewer.get('/api/stores?q=bad')).body.items.some((s) => s.code === 'bad'), false);
    });

    test('import: malformed 400, bad header 400, wrong content type 415, viewer 403', async () => {
      const before = (await viewer.get('/api/stores?pageSize=1')).body.total;
      const malformed = assertProblem(
        await postCsv(operator, '/api/stores/import', `${IMPORT_HEADER}\r\n"ABC-1234,unterminated\r\n`),
        400,
      );
      assert.match(malformed.detail, /malformed/);
      assertProblem(await postCsv(operator, '/api/stores/import', 'code,name,colour\r\nABC-1234,x,red\r\n'), 400, { fields: ['header'] });
      assertProblem(await postCsv(operator, '/api/stores/import', 'code,name\r\nABC-1234,x\r\n'), 400, { fields: ['header'] });
      assertProblem(await postCsv(operator, '/api/stores/import', ''), 400);
      assertProblem(await postCsv(operator, '/api/stores/import', `${IMPORT_HEADER}\r\n`, 'application/json'), 415);
      assertProblem(await postCsv(viewer, '/api/stores/import', `${IMPORT_HEADER}\r\n${importRow(importValues(uniqueCode('VW')))}\r\n`), 403);
      assert.equal((await viewer.get('/api/stores?pageSize=1')).body.total, before, 'nothing was created');
    });
  });
}
