// A store's credentials after provisioning (issue 16 point 6; docs/api.md "Credential
// lifecycle"): versions, rotation (a new version, the bundle re-rendered to name it, the one
// before kept for rollback), restore, release, revoke, the "rotation due" marker, the role of
// permissions.rotate, audit entries, live updates — on both databases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  DATABASES,
  ISO_TIME,
  adminClient,
  assertProblem,
  psql,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitForRun,
} from './harness.mjs';
import { openWebSocket } from './ws-client.mjs';

const MISSING = '00000000-0000-4000-8000-000000000000';
const DAY_MS = 24 * 3600 * 1000;

/** Runs SQL against the service's own database (to age a version: no API makes time pass). */
function sql(service, statement) {
  if (service.db === 'postgres') {
    psql(statement, service.database);
    return;
  }
  const result = spawnSync('sqlite3', ['-cmd', '.timeout 5000', path.join(service.dataDir, 'store.db'), statement], {
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
}

for (const db of DATABASES) {
  describe(`store credential lifecycle [${db}]`, () => {
    let service;
    let admin;
    let operator;
    let viewer;

    before(async () => {
      service = await startService({ db, env: { PROVISIONING_BACKOFF_BASE_MS: '20' } });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      const pool = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24 });
      assert.equal(pool.status, 201, pool.text);
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    /** A store provisioned to active (no hardware, one pos segment). */
    async function activeStore() {
      const created = await operator.post(
        '/api/stores',
        validStore(uniqueCode('CRD'), { hardwarePlan: {}, networkPlan: [{ purpose: 'pos' }] }),
      );
      assert.equal(created.status, 201, created.text);
      const started = await operator.post(`/api/stores/${created.body.id}/provision`, undefined, {
        headers: { 'if-match': '"1"' },
      });
      assert.equal(started.status, 202, started.text);
      const run = await waitForRun(operator, started.headers.get('location'));
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      return created.body;
    }
    const versionsOf = async (id) => {
      const response = await viewer.get(`/api/stores/${id}/credentials/versions`);
      assert.equal(response.status, 200, response.text);
      return response.body;
    };
    const reveal = (id, version) =>
      admin.get(`/api/stores/${id}/credentials${version ? `?version=${version}` : ''}`);
    const bundleFiles = async (id, sha) => {
      const renders = await viewer.get(`/api/stores/${id}/config-bundles`);
      assert.equal(renders.status, 200, renders.text);
      return renders.body.items.map((item) => item.sha256);
    };

    test('a provisioned store has version 1, current, due for rotation 90 days after it was issued', async () => {
      const store = await activeStore();
      const history = await versionsOf(store.id);
      assert.equal(history.storeId, store.id);
      assert.equal(history.current, 1);
      assert.equal(history.rotationDue, false);
      assert.equal(history.versions.length, 1);
      const [first] = history.versions;
      assert.equal(first.version, 1);
      assert.equal(first.state, 'current');
      assert.equal(first.path, `stores/${store.id}/credentials`);
      assert.equal(first.createdBy, operator.user.username, 'the run acts for whoever provisioned');
      assert.match(first.createdAt, ISO_TIME);
      assert.equal(first.endedAt, null);
      assert.equal(Date.parse(history.rotationDueAt) - Date.parse(first.createdAt), 90 * DAY_MS);
      const revealed = await reveal(store.id);
      assert.equal(revealed.status, 200, revealed.text);
      assert.equal(revealed.body.version, 1);
      assert.doesNotMatch(JSON.stringify(history), new RegExp(revealed.body.credentials.device_admin_password), 'versions never hold a secret');
    });

    test('rotate: a new current version with new secrets, the old one kept and still revealable, the bundle names the new path', async () => {
      const store = await activeStore();
      const before = (await reveal(store.id)).body.credentials;
      const [bundleBefore] = await bundleFiles(store.id);

      // permissions.rotate is admin by default: an operator is refused with the reason.
      const refused = assertProblem(await operator.post(`/api/stores/${store.id}/credentials/rotate`), 403);
      assert.equal(refused.detail, 'rotate needs the admin role (you are operator)');
      assertProblem(await viewer.post(`/api/stores/${store.id}/credentials/rotate`), 403);
      assert.equal((await versionsOf(store.id)).versions.length, 1, 'a refusal changes nothing');

      const rotated = await admin.post(`/api/stores/${store.id}/credentials/rotate`);
      assert.equal(rotated.status, 200, rotated.text);
      assert.equal(rotated.body.current, 2);
      assert.deepEqual(rotated.body.versions.map((v) => [v.version, v.state]), [[2, 'current'], [1, 'kept']]);
      assert.equal(rotated.body.versions[0].path, `stores/${store.id}/credentials/v2`);
      assert.equal(rotated.body.versions[0].createdBy, 'admin');
      assert.deepEqual(await versionsOf(store.id), rotated.body, 'the answer is what is stored');

      const current = await reveal(store.id);
      assert.equal(current.body.version, 2);
      for (const name of Object.keys(before)) {
        assert.notEqual(current.body.credentials[name], before[name], `${name} was not renewed`);
      }
      const old = await reveal(store.id, 1);
      assert.equal(old.status, 200, old.text);
      assert.equal(old.body.version, 1);
      assert.deepEqual(old.body.credentials, before, 'the kept version is the one devices still use');

      // The bundle was re-rendered: a new version whose README names the new secret path.
      const [bundleAfter, previous] = await bundleFiles(store.id);
      assert.notEqual(bundleAfter, bundleBefore);
      assert.equal(previous, bundleBefore);
      const diff = await viewer.get(`/api/stores/${store.id}/config-bundles/${bundleBefore}/diff/${bundleAfter}`);
      assert.equal(diff.status, 200, diff.text);
      const readme = diff.body.files.find((f) => f.path === 'README.txt');
      assert.equal(readme.change, 'changed');
      assert.match(readme.diff, new RegExp(`\\+Secrets: resolve \\$\\{secret:NAME\\} from stores/${store.id}/credentials/v2 `));

      const audit = await viewer.get(`/api/stores/${store.id}/audit?pageSize=500`);
      const entry = audit.body.items.find((e) => e.action === 'store.credentials_rotated');
      assert.ok(entry, audit.text);
      assert.equal(entry.actor, 'admin');
      assert.deepEqual(entry.changes, [
        { field: 'credentials', before: `stores/${store.id}/credentials`, after: `stores/${store.id}/credentials/v2` },
      ]);
      assert.ok(audit.body.items.filter((e) => e.action === 'store.bundle_rendered').length >= 2);
      assert.doesNotMatch(audit.text, new RegExp(Object.values(current.body.credentials).join('|')), 'the audit holds no secret');
    });

    test('restore a kept version: current again, the bundle back to the same version; then release the other', async () => {
      const store = await activeStore();
      const [original] = await bundleFiles(store.id);
      assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);

      const restored = await admin.post(`/api/stores/${store.id}/credentials/versions/1/restore`);
      assert.equal(restored.status, 200, restored.text);
      assert.equal(restored.body.current, 1);
      assert.deepEqual(restored.body.versions.map((v) => [v.version, v.state]), [[2, 'kept'], [1, 'current']]);
      const [now] = await bundleFiles(store.id);
      assert.equal(now, original, 'the same files render the same version (content-addressed)');
      assert.equal((await reveal(store.id)).body.version, 1);

      const again = assertProblem(await admin.post(`/api/stores/${store.id}/credentials/versions/1/restore`), 409);
      assert.equal(again.detail, 'version 1 is current already');
      const current = assertProblem(await admin.post(`/api/stores/${store.id}/credentials/versions/1/release`), 409);
      assert.match(current.detail, /version 1 is current: rotate first/);

      const released = await admin.post(`/api/stores/${store.id}/credentials/versions/2/release`);
      assert.equal(released.status, 200, released.text);
      const v2 = released.body.versions.find((v) => v.version === 2);
      assert.equal(v2.state, 'released');
      assert.equal(v2.endedBy, 'admin');
      assert.match(v2.endedAt, ISO_TIME);
      // Released: its secrets are gone — not revealable, not restorable; releasing again is a retry.
      const gone = assertProblem(await reveal(store.id, 2), 409);
      assert.equal(gone.detail, 'version 2 was released: its secrets are gone');
      assertProblem(await admin.post(`/api/stores/${store.id}/credentials/versions/2/restore`), 409);
      assert.equal((await admin.post(`/api/stores/${store.id}/credentials/versions/2/release`)).status, 200);

      const audit = await viewer.get(`/api/stores/${store.id}/audit?pageSize=500`);
      const actions = audit.body.items.map((e) => e.action);
      assert.equal(actions.filter((a) => a === 'store.credentials_restored').length, 1);
      assert.equal(actions.filter((a) => a === 'store.credentials_released').length, 1, 'the retry is not audited twice');
    });

    test('revoke: a new current version and every older one destroyed at once', async () => {
      const store = await activeStore();
      assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);
      const revoked = await admin.post(`/api/stores/${store.id}/credentials/revoke`);
      assert.equal(revoked.status, 200, revoked.text);
      assert.deepEqual(revoked.body.versions.map((v) => [v.version, v.state]), [[3, 'current'], [2, 'revoked'], [1, 'revoked']]);
      for (const version of [1, 2]) {
        assertProblem(await reveal(store.id, version), 409);
      }
      assert.equal((await reveal(store.id)).body.version, 3);
      const audit = await viewer.get(`/api/stores/${store.id}/audit?pageSize=500`);
      const entry = audit.body.items.find((e) => e.action === 'store.credentials_revoked');
      assert.deepEqual(entry.changes, [
        { field: 'credentials', before: `stores/${store.id}/credentials/v2`, after: `stores/${store.id}/credentials/v3` },
      ]);
    });

    test('decommissioning revokes every live version, the kept one too', async () => {
      const store = await activeStore();
      assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);
      const current = await viewer.get(`/api/stores/${store.id}`);
      const started = await admin.post(`/api/stores/${store.id}/decommission`, undefined, {
        headers: { 'if-match': current.headers.get('etag') },
      });
      assert.equal(started.status, 202, started.text);
      const run = await waitForRun(admin, started.headers.get('location'));
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      const history = await versionsOf(store.id);
      assert.equal(history.current, null);
      assert.equal(history.rotationDueAt, null, 'nothing current: nothing to rotate');
      assert.deepEqual(history.versions.map((v) => v.state), ['revoked', 'revoked']);
      assertProblem(await reveal(store.id), 404);
      assertProblem(await reveal(store.id, 1), 409);
      const refused = assertProblem(await admin.post(`/api/stores/${store.id}/credentials/rotate`), 409);
      assert.match(refused.detail, /this store is decommissioned/);
    });

    test('bad input: 400 for a malformed version or store id, 404 for unknown ones, 409 for a store that is not active', async () => {
      const store = await activeStore();
      for (const bad of ['0', 'x', '-1', '1.5', '99999999999999999999']) {
        assertProblem(await admin.post(`/api/stores/${store.id}/credentials/versions/${bad}/restore`), 400);
        assertProblem(await reveal(store.id, bad), 400);
      }
      assertProblem(await admin.get(`/api/stores/${store.id}/credentials?versions=1`), 400);
      assertProblem(await admin.post(`/api/stores/${store.id}/credentials/versions/7/release`), 404);
      assertProblem(await reveal(store.id, 7), 404);
      assertProblem(await admin.post('/api/stores/nope/credentials/rotate'), 400);
      assertProblem(await admin.post(`/api/stores/${MISSING}/credentials/rotate`), 404);
      assertProblem(await viewer.get(`/api/stores/${MISSING}/credentials/versions`), 404);
      const draft = await operator.post('/api/stores', validStore(uniqueCode('DRF')));
      const notActive = assertProblem(await admin.post(`/api/stores/${draft.body.id}/credentials/rotate`), 409);
      assert.match(notActive.detail, /only an active store's credentials change; this store is draft/);
      assert.deepEqual((await versionsOf(draft.body.id)).versions, []);
      assert.deepEqual((await versionsOf(store.id)).versions.map((v) => v.version), [1], 'nothing half-written');
    });

    test('rotation due: once the current version is older than the configured age; a rotation clears it', async () => {
      const store = await activeStore();
      sql(
        service,
        db === 'postgres'
          ? `UPDATE store_credential_versions SET created_at = now() - interval '91 days' WHERE store_id = '${store.id}'`
          : `UPDATE store_credential_versions SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-91 days') WHERE store_id = '${store.id}'`,
      );
      const due = await versionsOf(store.id);
      assert.equal(due.rotationDue, true, JSON.stringify(due));
      assert.ok(Date.parse(due.rotationDueAt) < Date.now());
      const rotated = await admin.post(`/api/stores/${store.id}/credentials/rotate`);
      assert.equal(rotated.body.rotationDue, false);
      assert.ok(Date.parse(rotated.body.rotationDueAt) > Date.now() + 89 * DAY_MS);
    });

    test('a rotation is a live update: store.updated reaches the dashboard', async () => {
      const store = await activeStore();
      const opened = await openWebSocket(service.port, '/api/events', { protocols: ['bearer', viewer.token] });
      assert.equal(opened.status, 101);
      try {
        assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);
        for (;;) {
          const event = await opened.ws.nextEvent('store.updated', 10_000);
          if (event.data.id === store.id) {
            assert.equal(event.data.actor, 'admin');
            break;
          }
        }
      } finally {
        opened.ws.close();
      }
    });

    test('concurrent rotations: never two current versions, every answer 200 or 409', async () => {
      const store = await activeStore();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => admin.post(`/api/stores/${store.id}/credentials/rotate`)),
      );
      for (const answer of answers) {
        assert.ok([200, 409].includes(answer.status), `${answer.status} ${answer.text}`);
      }
      const history = await versionsOf(store.id);
      assert.equal(history.versions.filter((v) => v.state === 'current').length, 1);
      assert.equal(history.versions.length, 1 + answers.filter((a) => a.status === 200).length);
      assert.equal(history.current, Math.max(...history.versions.map((v) => v.version)));
      assert.equal((await reveal(store.id)).body.version, history.current);
    });
  });
}

describe('credential permissions configuration', () => {
  let service;
  after(async () => {
    await service?.stop();
  });

  test('permissions.rotate=operator lets operators rotate; the settings say so', async () => {
    service = await startService({ env: { PERMISSIONS_ROTATE: 'operator', PROVISIONING_CREDENTIALS_MAX_AGE_DAYS: '0' } });
    const admin = await adminClient(service);
    const operator = await userClient(service, admin, 'operator');
    const settings = await operator.get('/api/system/settings');
    assert.equal(settings.body.transitions.rotate, 'operator');
    const created = await operator.post('/api/stores', validStore(uniqueCode('OPR'), { hardwarePlan: {}, networkPlan: [] }));
    const started = await operator.post(`/api/stores/${created.body.id}/provision`, undefined, { headers: { 'if-match': '"1"' } });
    assert.equal((await waitForRun(operator, started.headers.get('location'))).status, 'succeeded');
    const rotated = await operator.post(`/api/stores/${created.body.id}/credentials/rotate`);
    assert.equal(rotated.status, 200, rotated.text);
    assert.equal(rotated.body.rotationDueAt, null, 'a max age of 0 never marks rotation due');
  });

  test('a rotate role other than operator or admin stops the service at start', async () => {
    await assert.rejects(startService({ env: { PERMISSIONS_ROTATE: 'viewer' } }), /permissions\.rotate.*must be operator or admin/);
  });
});
