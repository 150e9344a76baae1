// The dashboard's files as store-service serves them (server/src/http/static_files.cpp):
// hashed assets cached for a year and gzipped, index.html never cached, client routes
// answered with index.html or the build's pre-linked page for that URL (pages/<path>.html,
// frontend/scripts/route-pages.ts), a missing asset a real 404, API paths never the UI.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';

import { startService } from './harness.mjs';

const ASSET = `export const big = ${JSON.stringify('x'.repeat(4000))};\n`;

function writeDist(dir) {
  const file = (rel, body) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), body);
  };
  file('index.html', '<!doctype html><title>plain</title>');
  file('pages/index.html', '<!doctype html><title>dashboard page</title>');
  file('pages/stores.html', '<!doctype html><title>stores page</title>');
  file('pages/stores/new.html', '<!doctype html><title>new store page</title>');
  file('pages/stores/_.html', '<!doctype html><title>a store page</title>');
  file('assets/app-3f2a9c.js', ASSET);
  file('favicon.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
}

describe('static files', () => {
  let service;
  let dist;
  const get = (p, headers = {}) => fetch(`${service.base}${p}`, { headers });

  before(async () => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'static-dist-'));
    writeDist(dist);
    service = await startService({ env: { STATIC_DIR: dist } });
  });
  after(async () => {
    await service?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  test('hashed assets are cached for a year and gzipped on request', async () => {
    const plain = await get('/assets/app-3f2a9c.js', {
      'accept-encoding': 'identity',
    });
    assert.equal(plain.status, 200);
    assert.match(plain.headers.get('content-type'), /^text\/javascript/);
    assert.match(plain.headers.get('cache-control'), /max-age=31536000.*immutable/);
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), ASSET);

    // fetch() would decompress on its own; read the raw bytes through a gzip-only request.
    const res = await fetch(`${service.base}/assets/app-3f2a9c.js`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.match(res.headers.get('vary'), /Accept-Encoding/);
    assert.equal(await res.text(), ASSET); // undici gunzips: the content is intact
  });

  test('a conditional request for an unchanged file answers 304', async () => {
    const first = await get('/favicon.svg');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await get('/favicon.svg', { 'if-none-match': etag });
    assert.equal(again.status, 304);
  });

  test('client routes get their pre-linked page, never cached', async () => {
    const cases = [
      ['/', 'dashboard page'],
      ['/stores', 'stores page'],
      ['/stores/', 'stores page'],
      ['/stores/new', 'new store page'],
      ['/stores/0b6f3c2e-8d1a-4f7e-9a55-2c1d3e4f5a6b', 'a store page'], // the "_" page
      ['/stores/0b6f3c2e-8d1a-4f7e-9a55-2c1d3e4f5a6b/', 'a store page'],
      ['/stores/0b6f3c2e/history', 'plain'], // "_" stands for the last segment only
      ['/monitoring', 'plain'],
      ['/monitoring/x', 'plain'], // no pages/monitoring/_.html: index.html
      ['/pages/stores.html', 'plain'], // the page files themselves are not URLs
      ['/stores/../pages/x', 'plain'],
    ];
    for (const [url, title] of cases) {
      const res = await get(url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('content-type'), /^text\/html/, url);
      assert.equal(res.headers.get('cache-control'), 'no-cache', url);
      assert.match(await res.text(), new RegExp(`<title>${title}</title>`), url);
    }
  });

  test('a missing asset is a 404, not the app', async () => {
    const res = await get('/assets/app-000000.js');
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /<title>/);
  });

  test('API paths are never answered with the UI', async () => {
    const res = await get('/api/no-such-thing');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type'), /json/);
  });

  test('gzip bodies decompress to the file', async () => {
    // A raw HTTP/1.1 exchange, so that nothing between us and the bytes decompresses them.
    const { request } = await import('node:http');
    const body = await new Promise((resolve, reject) => {
      const req = request(
        `${service.base}/assets/app-3f2a9c.js`,
        { headers: { 'accept-encoding': 'gzip' } },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.ok(body.length < ASSET.length / 4, `compressed to ${body.length} bytes`);
    assert.equal(gunzipSync(body).toString(), ASSET);
  });
});
