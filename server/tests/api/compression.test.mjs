// Compression of API answers (server.compression_min_bytes, http/compression.cpp): a large
// JSON answer is gzipped for a client that accepts it and decompresses to exactly what an
// identity client gets; small answers, refusing clients and streamed exports are left alone;
// 0 turns it off. Raw node:http requests, so nothing between us and the bytes decompresses.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { adminClient, startService, uniqueCode, validStore } from './harness.mjs';

function raw(base, path, headers) {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression', () => {
  let service;
  let admin;
  let auth;

  before(async () => {
    service = await startService();
    admin = await adminClient(service);
    auth = { authorization: `Bearer ${admin.token}` };
    for (let i = 0; i < 12; i += 1) {
      const created = await admin.post('/api/stores', validStore(uniqueCode('GZ')));
      assert.equal(created.status, 201, created.text);
    }
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('a store page is gzipped for a client that accepts it, and is the same JSON', async () => {
    const plain = await raw(service.base, '/api/stores?pageSize=100', {
      ...auth,
    });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.vary ?? '', /Accept-Encoding/);

    const zipped = await raw(service.base, '/api/stores?pageSize=100', {
      ...auth,
      'accept-encoding': 'br;q=1.0, gzip;q=0.8',
    });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(zipped.headers.vary ?? '', /Accept-Encoding/);
    assert.ok(
      zipped.body.length < plain.body.length / 3,
      `${zipped.body.length} vs ${plain.body.length}`,
    );
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body)), JSON.parse(plain.body));
  });

  test('small answers and clients that refuse gzip get plain bodies', async () => {
    const small = await raw(service.base, '/health', {
      'accept-encoding': 'gzip',
    });
    assert.equal(small.status, 200);
    assert.equal(small.headers['content-encoding'], undefined);
    JSON.parse(small.body);

    const refused = await raw(service.base, '/api/stores?pageSize=100', {
      ...auth,
      'accept-encoding': 'gzip;q=0, identity',
    });
    assert.equal(refused.headers['content-encoding'], undefined);
    JSON.parse(refused.body);
  });

  test('a client that accepts gzip still gets readable problem+json for a bad request', async () => {
    const bad = await raw(service.base, `/api/stores?q=${'x'.repeat(2000)}&sort=nonsense`, {
      ...auth,
      'accept-encoding': 'gzip',
    });
    assert.ok(bad.status >= 400 && bad.status < 500, `status ${bad.status}`);
    const text = bad.headers['content-encoding'] === 'gzip' ? gunzipSync(bad.body) : bad.body;
    assert.equal(JSON.parse(text).status, bad.status);
  });

  test('the streamed CSV export is not buffered for compression', async () => {
    const csv = await raw(service.base, '/api/stores/export.csv', {
      ...auth,
      'accept-encoding': 'gzip',
    });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers['content-encoding'], undefined);
    assert.match(csv.body.toString(), /^\uFEFF?id,code,name,/);
  });
});

describe('compression off', () => {
  test('COMPRESSION_MIN_BYTES=0 never compresses', async () => {
    const service = await startService({ env: { COMPRESSION_MIN_BYTES: '0' } });
    try {
      const admin = await adminClient(service);
      for (let i = 0; i < 12; i += 1) {
        await admin.post('/api/stores', validStore(uniqueCode('NZ')));
      }
      const res = await raw(service.base, '/api/stores?pageSize=100', {
        authorization: `Bearer ${admin.token}`,
        'accept-encoding': 'gzip',
      });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-encoding'], undefined);
      JSON.parse(res.body);
    } finally {
      await service.stopAndAssertClean();
    }
  });
});
