// Operations and HTTP behaviour: health, readiness, metrics, OpenAPI, request ids, security
// headers, CORS, 404/405, body limit, malformed HTTP over a raw socket.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  REPO_ROOT,
  adminClient,
  assertProblem,
  parseRawResponse,
  psql,
  rawExchange,
  startService,
  uniqueCode,
  validStore,
  waitFor,
} from './harness.mjs';

const ORIGIN = 'https://dashboard.example.com';
const SECURITY_HEADERS = {
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^no-referrer$/,
  'content-security-policy': /default-src 'self'/,
};

/** Parses the samples of one metric from Prometheus text: [{labels, value}]. */
function samples(text, name) {
  const out = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) {
      continue;
    }
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    const labels = {};
    const brace = line.indexOf('{');
    if (brace === name.length) {
      const body = line.slice(brace + 1, line.lastIndexOf('}'));
      for (const m of body.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
        labels[m[1]] = m[2];
      }
    }
    out.push({ labels, value });
  }
  return out;
}

function samplesNames(text) {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => line.split(/[{ ]/)[0]);
}

for (const db of DATABASES) {
  describe(`http [${db}]`, () => {
    let service;
    let admin;

    before(async () => {
      service = await startService({ db, env: { CORS_ORIGINS: `${ORIGIN}, https://other.example.com` } });
      admin = await adminClient(service);
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('GET /health → 200 {status: ok}', async () => {
      const response = await service.client().get('/health');
      assert.equal(response.status, 200);
      assert.deepEqual(response.body, { status: 'ok' });
    });

    test('GET /health/ready → 200 with the database check', async () => {
      const response = await service.client().get('/health/ready');
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.status, 'ready');
      assert.equal(response.body.checks.database.status, 'up');
      assert.equal(typeof response.body.checks.database.pool.size, 'number');
    });

    test('GET /metrics → Prometheus text with request counts, latency histogram and memory', async () => {
      await admin.get('/api/stores');
      await admin.get('/api/stores/not-a-uuid');
      const response = await service.client().get('/metrics');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^text\/plain/);
      const text = response.text;
      assert.match(text, /^# TYPE http_requests_total counter$/m);
      const has = (name, labels, predicate = (value) => value >= 1) =>
        samples(text, name).some(
          (sample) => Object.entries(labels).every(([k, v]) => sample.labels[k] === v) && predicate(sample.value),
        );
      assert.ok(has('http_requests_total', { method: 'GET', route: '/api/stores', status: '200' }));
      assert.ok(has('http_requests_total', { method: 'GET', route: '/api/stores/{id}', status: '400' }));
      assert.match(text, /^# TYPE http_request_duration_seconds histogram$/m);
      assert.ok(has('http_request_duration_seconds_bucket', { route: '/api/stores', le: '+Inf' }));
      assert.ok(has('http_request_duration_seconds_count', { method: 'GET', route: '/api/stores' }));
      assert.ok(has('http_request_duration_seconds_sum', { route: '/api/stores' }, (v) => v >= 0));
      assert.match(text, /^http_requests_in_flight \d+$/m);
      const rss = text.match(/^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+?\d+)?)$/m);
      assert.ok(rss && Number(rss[1]) > 1e6, 'process_resident_memory_bytes');
      assert.match(text, /^process_start_time_seconds \d/m);
      // Unknown paths must not each create a series (cardinality).
      await service.client().get(`/no/such/path/${uniqueCode()}`);
      const again = (await service.client().get('/metrics')).text;
      assert.doesNotMatch(again, /route="\/no\/such/);
    });

    test('GET /metrics carries the store_* series docs/api.md lists', async () => {
      await service.client().post('/api/auth/login', { username: 'admin', password: 'wrong-password' });
      await admin.post('/api/stores', validStore(uniqueCode('MET')));
      const text = (await service.client().get('/metrics')).text;
      const names = new Set(samplesNames(text));
      for (const name of ['store_db_pool_connections', 'store_auth_logins_total', 'store_stores_total']) {
        assert.ok(names.has(name), `${name} is missing from /metrics`);
      }
      assert.ok(samples(text, 'store_db_pool_connections').some((s) => s.labels.state === 'idle'));
      assert.ok(samples(text, 'store_auth_logins_total').length >= 2, 'success and failure results');
      assert.ok(samples(text, 'store_stores_total').some((s) => s.labels.status === 'draft' && s.value >= 1));
      // The pool's waits (StoreDatabasePoolSaturated): every unit of work counts, +Inf holds all.
      assert.match(text, /^# TYPE store_db_pool_wait_seconds histogram$/m);
      const [count] = samples(text, 'store_db_pool_wait_seconds_count');
      assert.ok(count?.value >= 1, 'store_db_pool_wait_seconds_count');
      assert.ok(samples(text, 'store_db_pool_wait_seconds_bucket').some((s) => s.labels.le === '+Inf' && s.value === count.value));
      // Runs by kind and result from 0 before any run ends (StoreProvisioningFailures' increase()).
      assert.ok(samples(text, 'store_provisioning_runs_total').some((s) => s.labels.kind === 'provision' && s.labels.result === 'failed' && s.value === 0));
    });

    test('GET /api/openapi.json: public, OpenAPI 3.1, the same document as docs/openapi.json', async () => {
      const response = await service.client().get('/api/openapi.json');
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type'), /^application\/json/);
      assert.match(response.body.openapi, /^3\.1\.\d+$/);
      const file = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8'));
      assert.deepEqual(response.body, file, 'the binary serves the current docs/openapi.json (rebuild?)');
    });

    test('X-Request-Id is echoed when given, generated otherwise, on success and error', async () => {
      const given = await service.client().get('/health', { headers: { 'x-request-id': 'abc-123_XYZ.9' } });
      assert.equal(given.headers.get('x-request-id'), 'abc-123_XYZ.9');
      const generated = await service.client().get('/health');
      assert.match(generated.headers.get('x-request-id') ?? '', /^[\w.-]{8,}$/);
      const other = await service.client().get('/health');
      assert.notEqual(other.headers.get('x-request-id'), generated.headers.get('x-request-id'));
      const problem = await service.client().get('/api/stores', { headers: { 'x-request-id': 'err-req-1' } });
      assert.equal(problem.headers.get('x-request-id'), 'err-req-1');
      assert.equal(problem.body.requestId, 'err-req-1');
      // Unsafe ids (log injection) are replaced, not echoed.
      const unsafe = await service.client().get('/health', { headers: { 'x-request-id': 'a b"c' } });
      assert.notEqual(unsafe.headers.get('x-request-id'), 'a b"c');
      assert.match(unsafe.headers.get('x-request-id') ?? '', /^[\w.-]+$/);
    });

    test('security headers on success, error and 404', async () => {
      for (const [url, token] of [
        ['/health', null],
        ['/api/stores', admin.token],
        ['/api/stores', null],
        ['/nowhere', null],
      ]) {
        const response = await service.client().as(token).get(url);
        for (const [name, pattern] of Object.entries(SECURITY_HEADERS)) {
          assert.match(response.headers.get(name) ?? '', pattern, `${name} on ${url}`);
        }
      }
      const api = await admin.get('/api/stores');
      assert.match(api.headers.get('cache-control') ?? '', /no-(store|cache)/);
    });

    test('CORS preflight from an allowed origin → 204 with the allowed methods and headers', async () => {
      const response = await service.client().request('OPTIONS', '/api/stores', {
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'PATCH',
          'access-control-request-headers': 'authorization, content-type, if-match',
        },
      });
      assert.ok([200, 204].includes(response.status), `${response.status}`);
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(response.headers.get('access-control-allow-methods') ?? '', /PATCH/);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['authorization', 'content-type', 'if-match']) {
        assert.ok(allowed.includes(header), `allow-headers lacks ${header}: ${allowed}`);
      }
      assert.match(response.headers.get('vary') ?? '', /Origin/i);
    });

    test('CORS: a simple request from an allowed origin exposes ETag and Location', async () => {
      const response = await admin.get('/api/stores', { headers: { origin: ORIGIN } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), ORIGIN);
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
      for (const header of ['etag', 'location', 'x-request-id']) {
        assert.ok(exposed.includes(header), `expose-headers lacks ${header}`);
      }
      const second = await service.client().get('/health', { headers: { origin: 'https://other.example.com' } });
      assert.equal(second.headers.get('access-control-allow-origin'), 'https://other.example.com');
    });

    test('CORS: a foreign origin gets no Access-Control-Allow-Origin', async () => {
      const preflight = await service.client().request('OPTIONS', '/api/stores', {
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.ok(preflight.status >= 400 || preflight.headers.get('access-control-allow-methods') === null);
      const simple = await admin.get('/api/stores', { headers: { origin: 'https://evil.example.com' } });
      assert.equal(simple.headers.get('access-control-allow-origin'), null);
    });

    test('unknown route → 404 problem', async () => {
      for (const url of ['/api/nothing', '/api/stores/x/y/z', '/api', '/nowhere?x=1']) {
        const response = await admin.get(url);
        assertProblem(response, 404);
        assert.equal(response.body.instance, url.split('?')[0]);
      }
    });

    test('known path, wrong method → 405 problem with Allow', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      for (const [method, url, allowed] of [
        ['DELETE', '/api/stores', ['GET', 'POST']],
        ['PUT', `/api/stores/${id}`, ['GET', 'PATCH', 'DELETE']],
        ['POST', '/health', ['GET']],
        ['GET', '/api/auth/login', ['POST']],
        ['PUT', '/api/users', ['GET', 'POST']],
        ['POST', `/api/stores/${id}/audit`, ['GET']],
      ]) {
        const response = await admin.request(method, url);
        assertProblem(response, 405);
        const allow = (response.headers.get('allow') ?? '').split(',').map((m) => m.trim());
        for (const m of allowed) {
          assert.ok(allow.includes(m), `${method} ${url}: Allow "${response.headers.get('allow')}" lacks ${m}`);
        }
      }
    });

    test('HEAD /health answers without a body', async () => {
      const response = await service.client().request('HEAD', '/health');
      assert.ok([200, 405].includes(response.status));
      assert.equal(response.text, '');
    });

    test('body over 1 MiB → 413 problem, and the server keeps serving', async () => {
      const head =
        'POST /api/stores HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${admin.token}\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`;
      const raw = await rawExchange(service.port, [head, '{"notes":"' + 'x'.repeat(64 * 1024)]);
      const response = parseRawResponse(raw);
      assert.equal(response.status, 413, raw.slice(0, 300));
      assert.match(response.headers.get('content-type') ?? '', /application\/problem\+json/);
      const problem = JSON.parse(response.body);
      assert.equal(problem.status, 413);
      assert.equal((await service.client().get('/health')).status, 200);
    });

    test('chunked body over 1 MiB → 413; the server keeps serving', async () => {
      const chunk = 'x'.repeat(256 * 1024);
      const parts = [
        'POST /api/stores HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
          `Authorization: Bearer ${admin.token}\r\nTransfer-Encoding: chunked\r\n\r\n`,
      ];
      for (let i = 0; i < 6; ++i) {
        parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      }
      parts.push('0\r\n\r\n');
      const response = parseRawResponse(await rawExchange(service.port, parts));
      assert.equal(response.status, 413);
      assert.equal((await service.client().get('/health')).status, 200);
    });

    test('fetch with a 1.5 MiB body gets 413 (or a closed connection), then the server serves', async () => {
      let status = null;
      try {
        status = (await admin.post('/api/stores', validStore(uniqueCode(), { notes: 'x'.repeat(1536 * 1024) }))).status;
      } catch {
        status = 'closed';
      }
      assert.ok(status === 413 || status === 'closed', `got ${status}`);
      assert.equal((await service.client().get('/health')).status, 200);
    });

    test('a body just under 1 MiB is read and validated (422, not 413)', async () => {
      const response = await admin.post('/api/stores', validStore(uniqueCode(), { notes: 'x'.repeat(1000 * 1024) }));
      assertProblem(response, 422, { fields: ['notes'] });
    });

    const MALFORMED = [
      ['garbage request line', 'GARBAGE\r\n\r\n', [400]],
      ['binary noise', '\x00\x01\x02\x03\xff\xfe\r\n\r\n', [400]],
      ['bad HTTP version', 'GET /health HTTP/7.5\r\nHost: t\r\n\r\n', [400, 505]],
      ['header without colon', 'GET /health HTTP/1.1\r\nHost: t\r\nNoColonHere\r\n\r\n', [400]],
      ['invalid Content-Length', 'POST /api/auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n', [400]],
      ['bad percent-encoding', 'GET /api/stores?q=%zz HTTP/1.1\r\nHost: t\r\n\r\n', [400]],
      ['header too large', `GET /health HTTP/1.1\r\nHost: t\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`, [400, 431]],
      [
        'many headers',
        `GET /health HTTP/1.1\r\nHost: t\r\n${Array.from({ length: 2000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
        [400, 431],
      ],
    ];
    for (const [description, request, statuses] of MALFORMED) {
      test(`malformed HTTP: ${description} → ${statuses.join('/')}, and the server keeps serving`, async () => {
        const raw = await rawExchange(service.port, Buffer.from(request, 'latin1'));
        const response = parseRawResponse(raw);
        assert.ok(statuses.includes(response.status), `got: ${raw.slice(0, 200)}`);
        if (response.body.length > 0) {
          assert.doesNotMatch(response.body, /std::|\.cpp|terminate/);
        }
        assert.equal((await service.client().get('/health')).status, 200);
      });
    }

    test('a half-sent request that goes silent does not block others', async () => {
      const stalled = rawExchange(service.port, 'GET /health HTTP/1.1\r\nHost: t\r\n', { timeoutMs: 500 });
      assert.equal((await service.client().get('/health')).status, 200);
      await stalled;
    });

    test('keep-alive: several requests on one connection', async () => {
      const one = 'GET /health HTTP/1.1\r\nHost: t\r\n\r\n';
      const last = 'GET /health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n';
      const raw = await rawExchange(service.port, one + one + last);
      assert.equal(raw.match(/HTTP\/1\.1 200/g)?.length, 3, raw);
    });

    if (db === 'postgres') {
      test('GET /health/ready stays 200 "degraded" while the database refuses connections (the pod stays in rotation), "ready" after', async () => {
        const name = service.database;
        psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
        try {
          // Queries nobody asked before, so that no cached page answers them: they fail, and
          // the database breaker opens.
          const degraded = await waitFor(
            async () => {
              await admin.get(`/api/stores?q=${uniqueCode()}`);
              const response = await service.client().get('/health/ready');
              return response.body.checks?.database?.status === 'down' ? response : null;
            },
            { what: 'the database breaker to open' },
          );
          assert.equal(degraded.status, 200, 'a shared outage must not take the pod out of rotation');
          assert.equal(degraded.body.status, 'degraded');
          assert.ok(degraded.body.degraded.some((d) => d.name === 'database' && d.state === 'open'), degraded.text);
          assert.doesNotMatch(degraded.text, /FATAL|SQLSTATE|pg_hba|ERROR:/);
          const api = await admin.get(`/api/stores?q=${uniqueCode()}`);
          assertProblem(api, 503);
          // What any signed-in user (a viewer) reads about the outage carries no driver text.
          const health = await admin.get('/api/system/health');
          assert.equal(health.status, 200, health.text);
          assert.ok(health.body.dependencies.some((d) => d.name === 'database' && d.lastError), health.text);
          assert.doesNotMatch(health.text, /FATAL|SQLSTATE|pg_hba|ERROR:|postgres|connection to server/i);
          const alerts = await admin.get('/api/system/alerts');
          assert.equal(alerts.status, 200, alerts.text);
          assert.doesNotMatch(alerts.text, /FATAL|SQLSTATE|pg_hba|ERROR:|postgres|connection to server/i);
          assert.equal((await service.client().get('/health')).status, 200, 'liveness is not readiness');
        } finally {
          psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
        }
        await waitFor(async () => (await admin.get('/api/stores')).status === 200, { what: 'the API to recover' });
        // The breaker closes on successful calls, so keep sending queries no cache can answer.
        await waitFor(
          async () => {
            await admin.get(`/api/stores?q=${uniqueCode()}`);
            return (await service.client().get('/health/ready')).body.status === 'ready';
          },
          { what: 'readiness to report ready again' },
        );
      });
    }
  });
}
