// GET /api/stores/export.csv: streamed with chunked transfer encoding (the body is produced
// page by page on the worker pool, so memory stays flat however many stores there are).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  parseRawResponse,
  rawExchange,
  startService,
  uniqueCode,
  validStore,
} from './harness.mjs';

const STORES = 520; // more than one export page (500)

/** Decodes a chunked body; returns {body, chunks (sizes), complete (saw the last chunk)}. */
function decodeChunked(raw) {
  const data = Buffer.from(raw, 'latin1');
  const chunks = [];
  const parts = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd < 0) {
      return { body: Buffer.concat(parts).toString('utf8'), chunks, complete: false };
    }
    const size = parseInt(data.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    assert.ok(Number.isFinite(size), `bad chunk size line at ${offset}`);
    if (size === 0) {
      return { body: Buffer.concat(parts).toString('utf8'), chunks, complete: true };
    }
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    chunks.push(size);
    offset = lineEnd + 2 + size + 2;
  }
}

/** RFC 4180 records (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  if (cell !== '' || record.length > 0) {
    record.push(cell);
    records.push(record);
  }
  return records;
}

function rawGet(service, token, method = 'GET', target = '/api/stores/export.csv') {
  return rawExchange(
    service.port,
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      'Connection: close\r\n\r\n',
    { timeoutMs: 30_000 },
  );
}

for (const db of DATABASES) {
  describe(`CSV export (${db})`, () => {
    let service;
    let admin;
    const created = new Map(); // id -> code

    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      for (let i = 0; i < STORES; i += 20) {
        const batch = [];
        for (let j = i; j < Math.min(STORES, i + 20); ++j) {
          const name = j === 0 ? 'Quote "this", please' : `Export ${j}`;
          batch.push(admin.post('/api/stores', validStore(uniqueCode('EX'), { name })));
        }
        for (const response of await Promise.all(batch)) {
          assert.equal(response.status, 201, response.text);
          created.set(response.body.id, response.body.code);
        }
      }
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('200 text/csv, chunked: a header row, then one row per store', async () => {
      const response = parseRawResponse(await rawGet(service, admin.token));
      assert.equal(response.status, 200, response.body.slice(0, 500));
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      assert.equal(response.headers.get('content-length'), undefined);
      const { body, chunks, complete } = decodeChunked(response.body);
      assert.ok(complete, 'the body ends with the last chunk');
      assert.ok(chunks.length >= 3, `header and two pages expected, got ${chunks.length} chunks`);

      const [header, ...rows] = parseCsv(body);
      assert.ok(header.includes('id') && header.includes('code'), `header row: ${header}`);
      assert.equal(rows.length, STORES);
      const idColumn = header.indexOf('id');
      const codeColumn = header.indexOf('code');
      const nameColumn = header.indexOf('name');
      const seen = new Set();
      for (const row of rows) {
        assert.equal(row.length, header.length, `row ${row}`);
        assert.equal(created.get(row[idColumn]), row[codeColumn], `unknown row ${row}`);
        seen.add(row[idColumn]);
      }
      assert.equal(seen.size, STORES, 'every store exactly once');
      assert.ok(rows.some((row) => row[nameColumn] === 'Quote "this", please'), 'RFC 4180 quoting');
    });

    test('the same through fetch (a client that decodes chunked bodies)', async () => {
      const response = await admin.get('/api/stores/export.csv');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
      assert.equal(parseCsv(response.text).length, STORES + 1);
    });

    test('HEAD: the headers only', async () => {
      const raw = await rawGet(service, admin.token, 'HEAD');
      const response = parseRawResponse(raw);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('transfer-encoding'), 'chunked');
      assert.equal(response.body, '', 'no chunks after the header');
    });

    test('keep-alive: the connection serves the next request after a streamed one', async () => {
      const request = (method) =>
        `${method} /api/stores/export.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Authorization: Bearer ${admin.token}\r\n\r\n`;
      const last = request('GET').replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n');
      const raw = await rawExchange(service.port, [request('GET'), last], { timeoutMs: 30_000 });
      const answers = raw.split('HTTP/1.1 200 OK').length - 1;
      assert.equal(answers, 2, 'two streamed answers on one connection');
    });

    test('without a token → 401, not a stream', async () => {
      const response = await service.client().get('/api/stores/export.csv');
      assert.equal(response.status, 401);
    });
  });
}
