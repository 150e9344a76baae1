// Versioned configuration bundles: every render kept, named by the SHA-256 of its archive,
// listed newest first, each version downloadable, a per-file unified diff between two; the
// renders are audited and survive a rollback (history), while "the bundle in force" does not.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  adminClient,
  assertProblem,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitForRun,
} from './harness.mjs';

const sha256 = (buffer) => crypto.createHash('sha256').update(buffer).digest('hex');

async function download(service, client, url) {
  const response = await fetch(`${service.base}${url}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

for (const db of DATABASES) {
  describe(`config bundle versions (${db})`, () => {
    let service;
    let operator;
    let viewer;
    before(async () => {
      // activate fails twice (one attempt per run): the first two runs end failed after
      // render_configs, so a rollback and a new provision render again.
      service = await startService({
        db,
        env: {
          PROVISIONING_BACKOFF_BASE_MS: '20',
          PROVISIONING_MAX_ATTEMPTS: '1',
          PROVISIONING_INJECT_FAILURES: 'activate=2',
        },
      });
      const admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      const pool = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24 });
      assert.equal(pool.status, 201, pool.text);
    });
    after(() => service?.stopAndAssertClean());

    async function transition(id, action) {
      const current = await operator.get(`/api/stores/${id}`);
      const started = await operator.post(`/api/stores/${id}/${action}`, undefined, {
        headers: { 'if-match': current.headers.get('etag') },
      });
      assert.equal(started.status, 202, `${action}: ${started.text}`);
      return waitForRun(operator, started.headers.get('location'));
    }

    test('renders are kept by content; versions download and compare per file', async () => {
      const code = uniqueCode('BDL');
      const created = await operator.post('/api/stores', validStore(code, {
        name: 'Old name',
        hardwarePlan: {},
        networkPlan: [{ purpose: 'pos', vlanId: null, cidr: null }],
      }));
      assert.equal(created.status, 201, created.text);
      const id = created.body.id;
      const base = `/api/stores/${id}/config-bundles`;
      assert.deepEqual((await viewer.get(base)).body, { items: [] });

      // 1st render (A), activate fails; rollback; rename; 2nd render (B), fails; rollback;
      // 3rd render (C), activate succeeds. Each rollback revoked the store's credentials, so each
      // provisioning issued a new version (v1, v2, v3) and its bundle names that version's path:
      // B and C differ in that line only. (A version named by its content: store-credentials.test.mjs,
      // where restoring credentials renders the earlier bundle version again.)
      const first = await transition(id, 'provision');
      assert.equal(first.status, 'failed', JSON.stringify(first));
      const a = await download(service, viewer, `/api/stores/${id}/config-bundle`);
      assert.equal(a.status, 200);
      assert.equal(a.headers.get('x-content-sha256'), sha256(a.body));
      assert.equal((await transition(id, 'rollback')).status, 'succeeded');
      assertProblem(await viewer.get(`/api/stores/${id}/config-bundle`), 404);
      const version = (await operator.get(`/api/stores/${id}`)).body.version;
      const renamed = await operator.patch(`/api/stores/${id}`, { name: 'New name' }, { headers: { 'if-match': `"${version}"` } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal((await transition(id, 'provision')).status, 'failed');
      assert.equal((await transition(id, 'rollback')).status, 'succeeded');
      const third = await transition(id, 'provision');
      assert.equal(third.status, 'succeeded', JSON.stringify(third));

      const history = await viewer.get(base);
      assert.equal(history.status, 200, history.text);
      const items = history.body.items;
      assert.equal(items.length, 3, history.text);
      const shaA = sha256(a.body);
      assert.equal(items[2].sha256, shaA);
      assert.notEqual(items[0].sha256, items[1].sha256, 'C names credentials v3, B named v2');
      assert.notEqual(items[0].sha256, shaA);
      assert.equal(items[0].runId, third.id);
      assert.ok(items[0].id > items[1].id && items[1].id > items[2].id);
      for (const item of items) {
        assert.equal(item.fileName, `${code}-config.tar.gz`);
        assert.equal(item.diffable, true);
      }
      const shaB = items[1].sha256;
      const shaC = items[0].sha256;

      const current = await download(service, viewer, `/api/stores/${id}/config-bundle`);
      assert.equal(sha256(current.body), shaC);
      const old = await download(service, viewer, `${base}/${shaA}`);
      assert.equal(old.status, 200);
      assert.equal(old.headers.get('content-type'), 'application/gzip');
      assert.ok(old.body.equals(a.body), 'a version downloads byte for byte as it was');
      assert.equal(items[2].size, a.body.length);

      const diff = await viewer.get(`${base}/${shaA}/diff/${shaB}`);
      assert.equal(diff.status, 200, diff.text);
      assert.equal(diff.body.from, shaA);
      assert.equal(diff.body.to, shaB);
      const readme = diff.body.files.find((f) => f.path === 'README.txt');
      assert.equal(readme.change, 'changed');
      // One hunk: the changed first line (the name) and the changed secrets line (the credentials
      // version) are 5 lines apart, closer than diff -u's 2 × 3 lines of context.
      assert.match(readme.diff, /^--- a\/README\.txt\n\+\+\+ b\/README\.txt\n@@ -1,7 \+1,7 @@\n-Store /);
      assert.ok(readme.diff.includes(`-Store ${code} - Old name\n+Store ${code} - New name\n`), readme.diff);
      assert.deepEqual(
        diff.body.files.filter((f) => f.path !== 'README.txt').map((f) => [f.change, f.diff]),
        diff.body.files.filter((f) => f.path !== 'README.txt').map(() => ['unchanged', '']),
      );
      assert.ok(readme.diff.includes(`-Secrets: resolve \${secret:NAME} from stores/${id}/credentials in`), readme.diff);
      assert.ok(readme.diff.includes(`+Secrets: resolve \${secret:NAME} from stores/${id}/credentials/v2 in`), readme.diff);
      const next = await viewer.get(`${base}/${shaB}/diff/${shaC}`);
      assert.deepEqual(
        next.body.files.filter((f) => f.change !== 'unchanged').map((f) => f.path),
        ['README.txt'],
      );
      assert.match(next.body.files.find((f) => f.path === 'README.txt').diff, /\n-Secrets: .*\/credentials\/v2 in the secret store\.\n\+Secrets: .*\/credentials\/v3 in the secret store\.\n/);
      const same = await viewer.get(`${base}/${shaB}/diff/${shaB}`);
      assert.ok(same.body.files.every((f) => f.change === 'unchanged'));

      const audit = await viewer.get(`/api/stores/${id}/audit?pageSize=500`);
      const renders = audit.body.items.filter((e) => e.action === 'store.bundle_rendered');
      assert.equal(renders.length, 3);
      assert.deepEqual(renders[2].changes, [{ field: 'configBundle', before: null, after: shaA }]);
      assert.deepEqual(renders[1].changes, [{ field: 'configBundle', before: shaA, after: shaB }]);
      assert.deepEqual(renders[0].changes, [{ field: 'configBundle', before: shaB, after: shaC }]);
    });

    test('bad or unknown versions get 400 and 404 problems', async () => {
      const created = await operator.post('/api/stores', validStore(uniqueCode('BDX')));
      const id = created.body.id;
      const base = `/api/stores/${id}/config-bundles`;
      assertProblem(await viewer.get(`${base}/not-a-sha`), 400, { fields: ['sha256'] });
      assertProblem(await viewer.get(`${base}/${'A'.repeat(64)}`), 400, { fields: ['sha256'] });
      assertProblem(await viewer.get(`${base}/${'a'.repeat(64)}`), 404);
      assertProblem(await viewer.get(`${base}/${'a'.repeat(64)}/diff/${'b'.repeat(63)}`), 400, { fields: ['other'] });
      assertProblem(await viewer.get(`${base}/${'a'.repeat(64)}/diff/${'b'.repeat(64)}`), 404);
      assertProblem(await viewer.get(`/api/stores/00000000-0000-4000-8000-000000000000/config-bundles`), 404);
      assertProblem(await viewer.get(`${base}?x=1`), 400);
    });
  });
}
