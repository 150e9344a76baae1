// Provisioning workflow: transitions (If-Match, 202 + Location), the durable run and its steps,
// what it allocates (segments, hardware, credentials, config bundle) and releases again, pool
// exhaustion, out-of-stock, injected transient and permanent failures, rollback, bulk actions,
// stats, and 200 stores provisioned concurrently without a lost or overlapping subnet.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import {
  DATABASES,
  ISO_TIME,
  UUID,
  adminClient,
  assertProblem,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitFor,
  waitForRun,
} from './harness.mjs';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';
const PROVISION_STEPS = [
  'validate',
  'allocate_network',
  'allocate_hardware',
  'issue_credentials',
  'render_configs',
  'activate',
];
const DECOMMISSION_STEPS = ['release_hardware', 'revoke_credentials', 'release_network', 'archive'];
const ROLLBACK_STEPS = ['release_hardware', 'revoke_credentials', 'release_network', 'reset_to_draft'];

// ----- IPv4 arithmetic -----------------------------------------------------------------------

function ipToInt(ip) {
  return ip.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** [first, last] addresses of a CIDR, as integers. */
function range(cidr) {
  const [ip, prefix] = cidr.split('/');
  const size = 2 ** (32 - Number(prefix));
  const first = ipToInt(ip);
  assert.equal(first % size, 0, `${cidr} is not aligned`);
  return [first, first + size - 1];
}

function overlaps(a, b) {
  const [a0, a1] = range(a);
  const [b0, b1] = range(b);
  return a0 <= b1 && b0 <= a1;
}

function assertNoOverlap(cidrs) {
  for (let i = 0; i < cidrs.length; ++i) {
    for (let j = i + 1; j < cidrs.length; ++j) {
      assert.ok(!overlaps(cidrs[i], cidrs[j]), `${cidrs[i]} overlaps ${cidrs[j]}`);
    }
  }
}

/** Gateway = first host; the DHCP range lies inside the subnet, after the gateway. */
function assertSegmentAddresses(segment) {
  const [first, last] = range(segment.cidr);
  assert.equal(ipToInt(segment.gateway), first + 1, `gateway of ${segment.cidr}`);
  const start = ipToInt(segment.dhcpStart);
  const end = ipToInt(segment.dhcpEnd);
  assert.ok(start > first + 1 && start <= end && end < last, `DHCP range of ${JSON.stringify(segment)}`);
}

// ----- tar.gz ----------------------------------------------------------------------------------

/** Unpacks a gzip'd ustar archive into {path: text}. */
function untgz(buffer) {
  const tar = zlib.gunzipSync(buffer);
  const files = {};
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) {
      break;
    }
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    files[name] = tar.subarray(offset + 512, offset + 512 + size).toString('utf8');
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

// ----- fixtures ----------------------------------------------------------------------------------

/** A store body with the given plans; no hardware and pos + guest by default. */
function planned(prefix, { hardwarePlan = {}, networkPlan = [{ purpose: 'pos' }, { purpose: 'guest' }] } = {}) {
  return validStore(uniqueCode(prefix), { hardwarePlan, networkPlan });
}

async function createStore(client, body) {
  const created = await client.post('/api/stores', body);
  assert.equal(created.status, 201, created.text);
  return created.body;
}

/** POSTs a transition with the store's current ETag; asserts 202 and returns the response. */
async function transition(client, id, action) {
  const current = await client.get(`/api/stores/${id}`);
  assert.equal(current.status, 200, current.text);
  const response = await client.post(`/api/stores/${id}/${action}`, undefined, {
    headers: { 'if-match': current.headers.get('etag') },
  });
  assert.equal(response.status, 202, `${action}: ${response.text}`);
  return response;
}

/** Runs a transition to its end; returns the finished run. */
async function runToEnd(client, id, action) {
  const started = await transition(client, id, action);
  return waitForRun(client, started.headers.get('location'));
}

async function poolsByPurpose(client) {
  const pools = await client.get('/api/network/pools');
  assert.equal(pools.status, 200, pools.text);
  return Object.fromEntries(pools.body.items.map((pool) => [pool.purpose, pool]));
}

/** Adds stock items of `kind` through the API (model created once per kind). */
async function stock(client, kind, count, models) {
  if (!models[kind]) {
    const model = await client.post('/api/hardware/models', { kind, vendor: 'Acme', model: `${kind}-1` });
    assert.equal(model.status, 201, model.text);
    models[kind] = model.body.id;
  }
  const serials = [];
  for (let i = 0; i < count; ++i) {
    const serial = `${kind.slice(0, 3).toUpperCase()}-${uniqueCode('S')}`;
    const item = await client.post('/api/hardware/items', { serial, modelId: models[kind] });
    assert.equal(item.status, 201, item.text);
    serials.push(serial);
  }
  return serials;
}

function step(run, name) {
  const found = run.steps.find((candidate) => candidate.name === name);
  assert.ok(found, `run has no step ${name}: ${JSON.stringify(run)}`);
  return found;
}

function assertAllSucceeded(run, names) {
  assert.equal(run.status, 'succeeded', JSON.stringify(run));
  assert.deepEqual(run.steps.map((s) => s.name), names);
  let previousEnd = '';
  for (const s of run.steps) {
    assert.equal(s.status, 'succeeded', `${s.name}: ${JSON.stringify(s)}`);
    assert.ok(s.attempts >= 1, `${s.name} attempts`);
    assert.match(s.startedAt, ISO_TIME);
    assert.match(s.finishedAt, ISO_TIME);
    assert.ok(s.startedAt <= s.finishedAt, `${s.name} finished before it started`);
    assert.ok(previousEnd <= s.startedAt, `${s.name} started before the previous step finished`);
    previousEnd = s.finishedAt;
  }
  assert.match(run.finishedAt, ISO_TIME);
  assert.equal(run.error, null);
}

for (const db of DATABASES) {
  describe(`provisioning workflow [${db}]`, () => {
    let service;
    let admin;
    let operator;
    let viewer;
    const models = {};

    before(async () => {
      service = await startService({ db, env: { PROVISIONING_BACKOFF_BASE_MS: '20' } });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      viewer = await userClient(service, admin, 'viewer');
      for (const [cidr, purpose] of [
        ['10.20.0.0/16', 'pos'],
        ['10.30.0.0/16', 'guest'],
      ]) {
        const pool = await admin.post('/api/network/pools', { cidr, purpose, segmentPrefix: 24 });
        assert.equal(pool.status, 201, pool.text);
      }
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('transitions need If-Match (428 / 412), a legal status (409 naming it) and operator+', async () => {
      const store = await createStore(operator, planned('PRE'));
      const url = `/api/stores/${store.id}/provision`;
      assertProblem(await operator.post(url), 428);
      const stale = assertProblem(await operator.post(url, undefined, { headers: { 'if-match': '"7"' } }), 412);
      assert.equal(stale.currentVersion, 1);
      for (const action of ['decommission', 'rollback']) {
        const illegal = assertProblem(
          await operator.post(`/api/stores/${store.id}/${action}`, undefined, { headers: { 'if-match': '"1"' } }),
          409,
        );
        assert.match(illegal.detail, /draft/, `${action} of a draft names the current status`);
      }
      assertProblem(await viewer.post(url, undefined, { headers: { 'if-match': '"1"' } }), 403);
      assertProblem(await operator.post(`/api/stores/${MISSING_UUID}/provision`, undefined, { headers: { 'if-match': '"1"' } }), 404);
      assertProblem(await operator.post('/api/stores/nope/provision', undefined, { headers: { 'if-match': '"1"' } }), 400);
      assertProblem(await viewer.get(`/api/stores/${store.id}/runs/${MISSING_UUID}`), 404);
      assertProblem(await viewer.get(`/api/stores/${MISSING_UUID}/runs`), 404);
      assertProblem(await viewer.get(`/api/stores/${store.id}/config-bundle`), 404);
      assertProblem(await admin.get(`/api/stores/${store.id}/credentials`), 404);
      const unchanged = await viewer.get(`/api/stores/${store.id}`);
      assert.equal(unchanged.body.status, 'draft');
      assert.equal(unchanged.body.version, 1, 'refused transitions change nothing');
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/runs`)).body.items, []);
    });

    test('provision: 202 + Location, every step in order, segments, hardware, bundle, credentials', async () => {
      const routers = await stock(operator, 'router', 1, models);
      const aps = await stock(operator, 'access_point', 2, models);
      await stock(operator, 'switch', 1, models);
      const body = planned('PRV', {
        hardwarePlan: { router: 1, access_point: 2, switch: 1 },
        networkPlan: [
          { purpose: 'pos', vlanId: 11, cidr: '10.20.5.0/24' },
          { purpose: 'guest', vlanId: null, cidr: null },
        ],
      });
      const store = await createStore(operator, body);
      const poolsBefore = await poolsByPurpose(viewer);

      const started = await operator.post(`/api/stores/${store.id}/provision`, undefined, {
        headers: { 'if-match': '"1"' },
      });
      assert.equal(started.status, 202, started.text);
      assert.match(started.body.runId, UUID);
      assert.equal(started.headers.get('location'), `/api/stores/${store.id}/runs/${started.body.runId}`);
      assert.equal(started.headers.get('etag'), '"2"', 'the transition bumps the version');
      assert.equal(started.body.store.status, 'provisioning');
      assert.equal(started.body.store.version, 2);
      assert.equal(started.body.run.id, started.body.runId);
      assert.equal(started.body.run.kind, 'provision');
      assert.equal(started.body.run.status, 'queued');
      assert.deepEqual(started.body.run.steps.map((s) => [s.name, s.status, s.attempts]),
        PROVISION_STEPS.map((name) => [name, 'pending', 0]));

      const run = await waitForRun(viewer, started.headers.get('location'));
      assertAllSucceeded(run, PROVISION_STEPS);
      assert.equal(run.kind, 'provision');
      assert.equal(run.storeId, store.id);
      assert.equal(run.requestedBy, operator.user.username);
      for (const s of run.steps) {
        assert.equal(s.attempts, 1, `${s.name} needed no retry`);
      }
      const runs = await viewer.get(`/api/stores/${store.id}/runs`);
      assert.deepEqual(runs.body.items.map((r) => r.id), [run.id]);

      const active = await viewer.get(`/api/stores/${store.id}`);
      assert.equal(active.body.status, 'active');
      assert.equal(active.body.version, 3);

      // Network: the manual VLAN and CIDR are honoured, guest gets the lowest free /24 and VLAN 30.
      const network = await viewer.get(`/api/stores/${store.id}/network`);
      assert.equal(network.status, 200, network.text);
      const byPurpose = Object.fromEntries(network.body.items.map((s) => [s.purpose, s]));
      assert.deepEqual(Object.keys(byPurpose).sort(), ['guest', 'pos']);
      assert.equal(byPurpose.pos.vlanId, 11);
      assert.equal(byPurpose.pos.cidr, '10.20.5.0/24');
      assert.equal(byPurpose.pos.gateway, '10.20.5.1');
      assert.equal(byPurpose.pos.poolId, poolsBefore.pos.id);
      assert.equal(byPurpose.guest.vlanId, 30);
      assert.equal(byPurpose.guest.cidr, '10.30.0.0/24');
      assert.equal(byPurpose.guest.poolId, poolsBefore.guest.id);
      for (const segment of network.body.items) {
        assertSegmentAddresses(segment);
      }
      assertNoOverlap(network.body.items.map((s) => s.cidr));
      const poolsAfter = await poolsByPurpose(viewer);
      for (const purpose of ['pos', 'guest']) {
        assert.equal(poolsAfter[purpose].usedSegments, poolsBefore[purpose].usedSegments + 1);
        assert.equal(poolsAfter[purpose].freeSegments, poolsBefore[purpose].freeSegments - 1);
      }

      // Hardware: the planned quantities, allocated to this store.
      const hardware = await viewer.get(`/api/stores/${store.id}/hardware`);
      assert.equal(hardware.status, 200, hardware.text);
      const kinds = {};
      for (const item of hardware.body.items) {
        assert.equal(item.status, 'allocated');
        assert.equal(item.storeId, store.id);
        kinds[item.kind] = (kinds[item.kind] ?? 0) + 1;
      }
      assert.deepEqual(kinds, { router: 1, access_point: 2, switch: 1 });
      const serials = hardware.body.items.map((item) => item.serial);
      assert.ok(serials.includes(routers[0]));
      const listed = await viewer.get(`/api/hardware/items?storeId=${store.id}&status=allocated`);
      assert.equal(listed.body.total, 4);

      // Credentials: admin only, audited.
      assertProblem(await operator.get(`/api/stores/${store.id}/credentials`), 403);
      assertProblem(await viewer.get(`/api/stores/${store.id}/credentials`), 403);
      const credentials = await admin.get(`/api/stores/${store.id}/credentials`);
      assert.equal(credentials.status, 200, credentials.text);
      assert.equal(credentials.body.storeId, store.id);
      const secrets = credentials.body.credentials;
      for (const name of ['device_admin_password', 'wifi_guest_psk', 'wifi_corporate_psk']) {
        assert.equal(typeof secrets[name], 'string', name);
        assert.ok(secrets[name].length >= 8, `${name} is too short`);
      }
      const audit = await viewer.get(`/api/stores/${store.id}/audit?pageSize=500`);
      const actions = audit.body.items.map((entry) => entry.action);
      for (const action of ['store.provision_requested', 'store.credentials_issued', 'store.status_changed', 'store.credentials_viewed']) {
        assert.ok(actions.includes(action), `audit lacks ${action}: ${actions}`);
      }
      const viewed = audit.body.items.find((entry) => entry.action === 'store.credentials_viewed');
      assert.equal(viewed.actor, 'admin');
      assert.doesNotMatch(audit.text, new RegExp(Object.values(secrets).join('|')), 'the audit holds no secret');

      // Config bundle: a tar.gz of text files, secrets only as placeholders.
      const bundle = await fetch(`${service.base}/api/stores/${store.id}/config-bundle`, {
        headers: { authorization: `Bearer ${viewer.token}` },
      });
      assert.equal(bundle.status, 200);
      assert.equal(bundle.headers.get('content-type'), 'application/gzip');
      assert.match(bundle.headers.get('content-disposition') ?? '', new RegExp(`attachment; filename="${body.code}-config\\.tar\\.gz"`));
      const files = untgz(Buffer.from(await bundle.arrayBuffer()));
      const names = Object.keys(files);
      assert.ok(names.includes('README.txt'), names.join(' '));
      assert.ok(names.includes(`router/${routers[0]}.conf`), names.join(' '));
      for (const serial of aps) {
        assert.ok(names.includes(`access-point/${serial}.conf`), `${serial}: ${names.join(' ')}`);
      }
      const router = files[`router/${routers[0]}.conf`];
      for (const segment of network.body.items) {
        assert.match(router, new RegExp(`interface vlan${segment.vlanId}\\n`));
        assert.ok(router.includes(`ip address ${segment.gateway} 255.255.255.0`), router);
        assert.ok(router.includes(`range ${segment.dhcpStart} ${segment.dhcpEnd}`), router);
        assert.ok(files['README.txt'].includes(segment.cidr));
      }
      for (const serial of aps) {
        const ap = files[`access-point/${serial}.conf`];
        assert.ok(ap.includes(`[ssid ${body.code}-guest]`), ap);
        assert.ok(ap.includes('vlan=30'), ap);
        assert.ok(ap.includes('${secret:wifi_guest_psk}'), ap);
      }
      for (const [name, content] of Object.entries(files)) {
        for (const value of Object.values(secrets)) {
          assert.ok(!content.includes(value), `${name} contains an actual secret`);
        }
      }
    });

    test('decommission: hardware back in stock, subnets back to the pools, credentials revoked', async () => {
      const serials = await stock(operator, 'pos_terminal', 2, models);
      const poolsBefore = await poolsByPurpose(viewer);
      const store = await createStore(operator, planned('DEC', { hardwarePlan: { pos_terminal: 2 } }));
      assertAllSucceeded(await runToEnd(operator, store.id, 'provision'), PROVISION_STEPS);
      assert.deepEqual(
        (await viewer.get(`/api/stores/${store.id}/hardware`)).body.items.map((item) => item.serial).sort(),
        [...serials].sort(),
      );
      assert.equal((await poolsByPurpose(viewer)).pos.usedSegments, poolsBefore.pos.usedSegments + 1);

      // Decommissioning needs the admin role by default (permissions.decommission).
      const started = await transition(admin, store.id, 'decommission');
      assert.equal(started.body.store.status, 'decommissioning');
      assert.equal(started.body.run.kind, 'decommission');
      assert.match(started.headers.get('location'), new RegExp(`^/api/stores/${store.id}/runs/${started.body.runId}$`));
      const run = await waitForRun(viewer, started.headers.get('location'));
      assertAllSucceeded(run, DECOMMISSION_STEPS);
      assert.equal((await viewer.get(`/api/stores/${store.id}`)).body.status, 'decommissioned');
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/hardware`)).body.items, []);
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/network`)).body.items, []);
      for (const serial of serials) {
        const item = await viewer.get(`/api/hardware/items?q=${serial}`);
        assert.equal(item.body.total, 1);
        assert.equal(item.body.items[0].status, 'in_stock');
        assert.equal(item.body.items[0].storeId, null);
      }
      const poolsAfter = await poolsByPurpose(viewer);
      for (const purpose of ['pos', 'guest']) {
        assert.equal(poolsAfter[purpose].usedSegments, poolsBefore[purpose].usedSegments, `${purpose} usage`);
      }
      assertProblem(await admin.get(`/api/stores/${store.id}/credentials`), 404);
      assertProblem(await viewer.get(`/api/stores/${store.id}/config-bundle`), 404);
      const runs = await viewer.get(`/api/stores/${store.id}/runs`);
      assert.deepEqual(runs.body.items.map((r) => r.kind).sort(), ['decommission', 'provision']);
      // A decommissioned store is final.
      assertProblem(
        await operator.post(`/api/stores/${store.id}/provision`, undefined, { headers: { 'if-match': '"5"' } }),
        409,
      );
    });

    test('an exhausted pool fails allocate_network with "is full"; rollback returns the store to draft', async () => {
      const pool = await admin.post('/api/network/pools', { cidr: '10.99.0.0/23', purpose: 'iot', segmentPrefix: 24 });
      assert.equal(pool.status, 201, pool.text);
      assert.equal(pool.body.capacity, 2);
      const plan = { networkPlan: [{ purpose: 'iot' }] };
      const stores = [];
      for (let i = 0; i < 3; ++i) {
        stores.push(await createStore(operator, planned('FULL', plan)));
      }
      assertAllSucceeded(await runToEnd(operator, stores[0].id, 'provision'), PROVISION_STEPS);
      assertAllSucceeded(await runToEnd(operator, stores[1].id, 'provision'), PROVISION_STEPS);
      const failed = await runToEnd(operator, stores[2].id, 'provision');
      assert.equal(failed.status, 'failed', JSON.stringify(failed));
      assert.equal(step(failed, 'validate').status, 'succeeded');
      const network = step(failed, 'allocate_network');
      assert.equal(network.status, 'failed');
      assert.match(network.message, /is full/);
      assert.match(network.message, /10\.99\.0\.0\/23/);
      assert.match(failed.error, /allocate_network/);
      assert.match(failed.error, /is full/);
      assert.equal(step(failed, 'activate').status, 'pending', 'later steps did not run');
      assert.equal((await viewer.get(`/api/stores/${stores[2].id}`)).body.status, 'failed');
      assert.deepEqual((await viewer.get(`/api/stores/${stores[2].id}/network`)).body.items, []);
      assert.equal((await poolsByPurpose(viewer)).iot.freeSegments, 0);

      const rollback = await transition(operator, stores[2].id, 'rollback');
      assert.equal(rollback.body.store.status, 'failed', 'failed until everything is released');
      assert.equal(rollback.body.run.kind, 'rollback');
      assertAllSucceeded(await waitForRun(viewer, rollback.headers.get('location')), ROLLBACK_STEPS);
      assert.equal((await viewer.get(`/api/stores/${stores[2].id}`)).body.status, 'draft');

      // Decommissioning one store frees a subnet; the draft can then be provisioned.
      assertAllSucceeded(await runToEnd(admin, stores[0].id, 'decommission'), DECOMMISSION_STEPS);
      assert.equal((await poolsByPurpose(viewer)).iot.freeSegments, 1);
      assertAllSucceeded(await runToEnd(operator, stores[2].id, 'provision'), PROVISION_STEPS);
      const segments = (await viewer.get(`/api/stores/${stores[2].id}/network`)).body.items;
      assert.equal(segments.length, 1);
      assert.equal(segments[0].cidr, '10.99.0.0/24', 'the lowest free subnet is reused');
      assert.equal(segments[0].vlanId, 40);
    });

    test('out of stock fails the validate step naming the kind, before anything is allocated', async () => {
      const store = await createStore(operator, planned('OOS', { hardwarePlan: { printer: 3 } }));
      const run = await runToEnd(operator, store.id, 'provision');
      assert.equal(run.status, 'failed', JSON.stringify(run));
      const validate = step(run, 'validate');
      assert.equal(validate.status, 'failed');
      assert.match(validate.message, /printer/);
      assert.match(validate.message, /stock/);
      assert.equal(step(run, 'allocate_network').status, 'pending');
      assert.equal((await viewer.get(`/api/stores/${store.id}`)).body.status, 'failed');
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/network`)).body.items, []);
      assert.deepEqual((await viewer.get(`/api/stores/${store.id}/hardware`)).body.items, []);
      // failed → decommissioning is not (SPEC: retry or roll back), alone or in bulk.
      const failedVersion = (await viewer.get(`/api/stores/${store.id}`)).body.version;
      const refused = assertProblem(
        await operator.post(`/api/stores/${store.id}/decommission`, undefined, {
          headers: { 'if-match': `"${failedVersion}"` },
        }),
        409,
      );
      assert.match(refused.detail, /cannot decommission a store that is failed/);
      const bulk = await operator.post('/api/stores/bulk', { action: 'decommission', ids: [store.id] });
      assert.equal(bulk.status, 200, bulk.text);
      assert.deepEqual([bulk.body.accepted, bulk.body.results[0].accepted], [0, false]);
      assert.match(bulk.body.results[0].reason, /failed/);
      // failed → provisioning is allowed: once stock arrives, a retry succeeds.
      await stock(operator, 'printer', 3, models);
      assertAllSucceeded(await runToEnd(operator, store.id, 'provision'), PROVISION_STEPS);
      assert.equal((await viewer.get(`/api/stores/${store.id}/hardware`)).body.items.length, 3);
    });

    test('bulk: a result per id (accepted, not found, wrong status, listed twice); limits and roles', async () => {
      const draft = await createStore(operator, planned('BLK'));
      const active = await createStore(operator, planned('BLK'));
      assertAllSucceeded(await runToEnd(operator, active.id, 'provision'), PROVISION_STEPS);
      const response = await operator.post('/api/stores/bulk', {
        action: 'activate',
        ids: [draft.id, MISSING_UUID, active.id, draft.id],
      });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.action, 'activate');
      assert.equal(response.body.accepted, 1);
      assert.equal(response.body.rejected, 3);
      const [ok, missing, wrong, twice] = response.body.results;
      assert.equal(ok.id, draft.id);
      assert.equal(ok.accepted, true);
      assert.match(ok.runId, UUID);
      assert.equal(ok.reason, null);
      assert.deepEqual([missing.id, missing.accepted, missing.runId], [MISSING_UUID, false, null]);
      assert.match(missing.reason, /does not exist|not found/);
      assert.deepEqual([wrong.id, wrong.accepted], [active.id, false]);
      assert.match(wrong.reason, /active/);
      assert.deepEqual([twice.id, twice.accepted], [draft.id, false]);
      assert.match(twice.reason, /twice|duplicate/);
      assertAllSucceeded(await waitForRun(viewer, `/api/stores/${draft.id}/runs/${ok.runId}`), PROVISION_STEPS);
      assert.equal((await viewer.get(`/api/stores/${draft.id}`)).body.status, 'active');

      // An operator may not decommission (permissions.decommission: admin): refused per store, with the reason.
      const refused = await operator.post('/api/stores/bulk', { action: 'decommission', ids: [draft.id, active.id] });
      assert.equal(refused.status, 200, refused.text);
      assert.equal(refused.body.accepted, 0);
      for (const result of refused.body.results) {
        assert.equal(result.reason, 'decommission needs the admin role (you are operator)');
      }
      const decommission = await admin.post('/api/stores/bulk', { action: 'decommission', ids: [draft.id, active.id] });
      assert.equal(decommission.status, 200, decommission.text);
      assert.equal(decommission.body.accepted, 2);
      for (const result of decommission.body.results) {
        assertAllSucceeded(await waitForRun(viewer, `/api/stores/${result.id}/runs/${result.runId}`), DECOMMISSION_STEPS);
      }

      const tooMany = Array.from({ length: 1001 }, () => MISSING_UUID);
      assertProblem(await operator.post('/api/stores/bulk', { action: 'activate', ids: tooMany }), 422, { fields: ['ids'] });
      assertProblem(await operator.post('/api/stores/bulk', { action: 'activate', ids: [] }), 422, { fields: ['ids'] });
      assertProblem(await operator.post('/api/stores/bulk', { action: 'explode', ids: [draft.id] }), 422, { fields: ['action'] });
      assertProblem(await viewer.post('/api/stores/bulk', { action: 'activate', ids: [draft.id] }), 403);
      const limit = await operator.post('/api/stores/bulk', {
        action: 'activate',
        ids: Array.from({ length: 1000 }, () => MISSING_UUID),
      });
      assert.equal(limit.status, 200, 'exactly 1,000 ids are accepted');
      assert.equal(limit.body.results.length, 1000);
    });

    test('stats: counts by status and type, and the provisioning runs of the last 24 h', async () => {
      const stats = await viewer.get('/api/stats');
      assert.equal(stats.status, 200, stats.text);
      const stores = await viewer.get('/api/stores?pageSize=500');
      const expected = { byStatus: {}, byType: {}, succeeded: 0, failed: 0, provisions: 0 };
      for (const store of stores.body.items) {
        expected.byStatus[store.status] = (expected.byStatus[store.status] ?? 0) + 1;
        expected.byType[store.type] = (expected.byType[store.type] ?? 0) + 1;
        for (const run of (await viewer.get(`/api/stores/${store.id}/runs`)).body.items) {
          expected[run.status] += 1;
          expected.provisions += run.kind === 'provision' && run.status === 'succeeded' ? 1 : 0;
        }
      }
      assert.equal(stats.body.total, stores.body.total);
      for (const [status, count] of Object.entries(stats.body.byStatus)) {
        assert.equal(count, expected.byStatus[status] ?? 0, `byStatus.${status}`);
      }
      for (const [type, count] of Object.entries(stats.body.byType)) {
        assert.equal(count, expected.byType[type] ?? 0, `byType.${type}`);
      }
      assert.ok(stats.body.byStatus.active > 0 && stats.body.byStatus.decommissioned > 0);
      const provisioning = stats.body.provisioning;
      assert.ok(expected.succeeded >= 10 && expected.failed >= 2, JSON.stringify(expected));
      assert.equal(provisioning.succeededLast24h, expected.succeeded);
      assert.equal(provisioning.failedLast24h, expected.failed);
      assert.equal(provisioning.active, 0);
      const hours = Object.entries(provisioning.throughputByHour);
      assert.ok(hours.length >= 1 && hours.length <= 2, JSON.stringify(provisioning));
      for (const [hour] of hours) {
        assert.match(hour, /^\d{4}-\d{2}-\d{2}T\d{2}:00:00(\.\d+)?Z$/);
      }
      assert.equal(hours.reduce((sum, [, count]) => sum + count, 0), expected.provisions);
    });
  });

  describe(`provisioning faults [${db}]`, () => {
    test('transient failures are retried with backoff: allocate_network=2 → succeeds on attempt 3', async () => {
      const service = await startService({
        db,
        env: {
          PROVISIONING_INJECT_FAILURES: 'allocate_network=2',
          PROVISIONING_BACKOFF_BASE_MS: '20',
          PROVISIONING_POLL_INTERVAL_MS: '50',
        },
      });
      try {
        const admin = await adminClient(service);
        assert.equal((await admin.post('/api/network/pools', { cidr: '10.20.0.0/16', purpose: 'pos' })).status, 201);
        const store = await createStore(admin, planned('FLT', { networkPlan: [{ purpose: 'pos' }] }));
        const run = await runToEnd(admin, store.id, 'provision');
        assertAllSucceeded(run, PROVISION_STEPS);
        assert.equal(step(run, 'allocate_network').attempts, 3);
        assert.equal(step(run, 'validate').attempts, 1);
        assert.equal(step(run, 'allocate_hardware').attempts, 1);
        const segments = (await admin.get(`/api/stores/${store.id}/network`)).body.items;
        assert.equal(segments.length, 1, 'retries allocate once');
        assert.equal((await admin.get(`/api/stores/${store.id}`)).body.status, 'active');
      } finally {
        await service.stopAndAssertClean();
      }
    });

    test('a step that keeps failing ends the run failed; rollback releases what was reserved', async () => {
      const service = await startService({
        db,
        env: {
          PROVISIONING_INJECT_FAILURES: 'render_configs=1000',
          PROVISIONING_MAX_ATTEMPTS: '2',
          PROVISIONING_BACKOFF_BASE_MS: '20',
          PROVISIONING_POLL_INTERVAL_MS: '50',
        },
      });
      try {
        const admin = await adminClient(service);
        assert.equal((await admin.post('/api/network/pools', { cidr: '10.20.0.0/16', purpose: 'pos' })).status, 201);
        assert.equal((await admin.post('/api/network/pools', { cidr: '10.30.0.0/16', purpose: 'guest' })).status, 201);
        const serials = await stock(admin, 'router', 1, {});
        const store = await createStore(admin, planned('GIVE', { hardwarePlan: { router: 1 } }));
        const run = await runToEnd(admin, store.id, 'provision');
        assert.equal(run.status, 'failed', JSON.stringify(run));
        const render = step(run, 'render_configs');
        assert.equal(render.status, 'failed');
        assert.equal(render.attempts, 2);
        assert.match(render.message, /gave up after 2 attempts/);
        assert.match(run.error, /^render_configs: /);
        for (const name of ['validate', 'allocate_network', 'allocate_hardware', 'issue_credentials']) {
          assert.equal(step(run, name).status, 'succeeded', name);
        }
        assert.equal((await admin.get(`/api/stores/${store.id}`)).body.status, 'failed');
        assert.equal((await admin.get(`/api/stores/${store.id}/network`)).body.items.length, 2);
        assert.equal((await admin.get(`/api/stores/${store.id}/hardware`)).body.items.length, 1);
        assert.equal((await admin.get(`/api/stores/${store.id}/credentials`)).status, 200);
        const audit = await admin.get(`/api/stores/${store.id}/audit?pageSize=500`);
        assert.ok(audit.body.items.some((entry) => entry.action === 'run.failed'));

        const rollback = await transition(admin, store.id, 'rollback');
        assert.equal(rollback.body.store.status, 'failed', 'failed until everything is released');
        assertAllSucceeded(await waitForRun(admin, rollback.headers.get('location')), ROLLBACK_STEPS);
        assert.equal((await admin.get(`/api/stores/${store.id}`)).body.status, 'draft');
        assert.deepEqual((await admin.get(`/api/stores/${store.id}/network`)).body.items, []);
        assert.deepEqual((await admin.get(`/api/stores/${store.id}/hardware`)).body.items, []);
        const item = await admin.get(`/api/hardware/items?q=${serials[0]}`);
        assert.equal(item.body.items[0].status, 'in_stock');
        assertProblem(await admin.get(`/api/stores/${store.id}/credentials`), 404);
        for (const pool of Object.values(await poolsByPurpose(admin))) {
          assert.equal(pool.usedSegments, 0, pool.cidr);
        }
        // A draft after rollback can be deleted.
        const current = await admin.get(`/api/stores/${store.id}`);
        const deleted = await admin.delete(`/api/stores/${store.id}`, { headers: { 'if-match': current.headers.get('etag') } });
        assert.equal(deleted.status, 204, deleted.text);
      } finally {
        await service.stopAndAssertClean();
      }
    });

    test('a rollback still releasing never takes the allocations of a store provisioned again meanwhile', async () => {
      // The first provision fails at render_configs (2 injected failures, 2 attempts) holding
      // network, hardware and credentials. The rollback's release_network fails once and waits
      // a backoff; meanwhile the store stays failed and a new provision is refused.
      const service = await startService({
        db,
        env: {
          PROVISIONING_INJECT_FAILURES: 'render_configs=2,release_network=1',
          PROVISIONING_MAX_ATTEMPTS: '2',
          PROVISIONING_BACKOFF_BASE_MS: '1000',
          PROVISIONING_POLL_INTERVAL_MS: '50',
        },
      });
      try {
        const admin = await adminClient(service);
        assert.equal((await admin.post('/api/network/pools', { cidr: '10.20.0.0/16', purpose: 'pos' })).status, 201);
        assert.equal((await admin.post('/api/network/pools', { cidr: '10.30.0.0/16', purpose: 'guest' })).status, 201);
        await stock(admin, 'router', 2, {});
        const store = await createStore(admin, planned('RACE', { hardwarePlan: { router: 1 } }));
        assert.equal((await runToEnd(admin, store.id, 'provision')).status, 'failed');

        const rollback = await transition(admin, store.id, 'rollback');
        const rollbackLocation = rollback.headers.get('location');
        await waitFor(
          async () => {
            const run = (await admin.get(rollbackLocation)).body;
            const release = step(run, 'release_network');
            return run.status === 'failed' || run.status === 'succeeded' || (release.attempts === 1 && release.status === 'pending');
          },
          { attempts: 200, intervalMs: 20, what: 'the rollback to wait on release_network' },
        );
        const current = await admin.get(`/api/stores/${store.id}`);
        assert.equal(current.body.status, 'failed', 'not a draft while it still holds resources');
        const again = await admin.post(`/api/stores/${store.id}/provision`, undefined, {
          headers: { 'if-match': current.headers.get('etag') },
        });
        // Refused while the rollback is unfinished.
        assert.equal(again.status, 409, again.text);
        assert.equal((await waitForRun(admin, rollbackLocation)).status, 'succeeded');
        if (again.status === 409) {
          assert.match(assertProblem(again, 409).detail, /in progress/);
          assertAllSucceeded(await runToEnd(admin, store.id, 'provision'), PROVISION_STEPS);
        } else {
          assertAllSucceeded(await waitForRun(admin, again.headers.get('location')), PROVISION_STEPS);
        }
        const runs = (await admin.get(`/api/stores/${store.id}/runs`)).body.items;
        assert.ok(runs.every((run) => ['succeeded', 'failed'].includes(run.status)), JSON.stringify(runs));

        const active = await admin.get(`/api/stores/${store.id}`);
        assert.equal(active.body.status, 'active');
        const network = (await admin.get(`/api/stores/${store.id}/network`)).body.items;
        assert.deepEqual(network.map((segment) => segment.purpose).sort(), ['guest', 'pos'], 'an active store keeps its segments');
        assert.equal((await admin.get(`/api/stores/${store.id}/hardware`)).body.items.length, 1);
        assert.equal((await admin.get(`/api/stores/${store.id}/credentials`)).status, 200);
        for (const pool of Object.values(await poolsByPurpose(admin))) {
          assert.equal(pool.usedSegments, 1, pool.cidr);
        }
      } finally {
        await service.stopAndAssertClean();
      }
    });
  });

  describe(`200 stores provisioned concurrently [${db}]`, () => {
    let service;
    before(async () => {
      service = await startService({ db, env: { PROVISIONING_WORKERS: '4', PROVISIONING_POLL_INTERVAL_MS: '50' } });
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    /** Runs `task` over `items` with at most `limit` in flight; returns the results in order. */
    async function pool(items, limit, task) {
      const results = new Array(items.length);
      let next = 0;
      const lanes = Array.from({ length: limit }, async () => {
        while (next < items.length) {
          const index = next++;
          results[index] = await task(items[index], index);
        }
      });
      await Promise.all(lanes);
      return results;
    }

    test('every store active, 400 segments, none overlapping, none lost', async () => {
      const admin = await adminClient(service);
      for (const [cidr, purpose] of [
        ['10.64.0.0/16', 'pos'],
        ['10.65.0.0/16', 'guest'],
      ]) {
        assert.equal((await admin.post('/api/network/pools', { cidr, purpose, segmentPrefix: 25 })).status, 201);
      }
      const COUNT = 200;
      const stores = await pool(Array.from({ length: COUNT }), 16, () => createStore(admin, planned('CONC')));
      const started = await pool(stores, 32, (store) =>
        admin.post(`/api/stores/${store.id}/provision`, undefined, { headers: { 'if-match': '"1"' } }),
      );
      for (const response of started) {
        assert.equal(response.status, 202, response.text);
      }
      await waitFor(
        async () => {
          const stats = await admin.get('/api/stats');
          return stats.body.byStatus.provisioning === 0 && stats.body.provisioning.active === 0;
        },
        { attempts: 600, intervalMs: 100, what: 'all 200 runs to finish' },
      );
      const runs = await pool(started, 16, (response) => admin.get(response.headers.get('location')));
      const failed = runs.filter((run) => run.body.status !== 'succeeded');
      assert.deepEqual(failed.map((run) => [run.body.status, run.body.error]), [], 'every run succeeded');
      const listed = await admin.get('/api/stores?pageSize=500&status=active');
      assert.equal(listed.body.total, COUNT);

      const networks = await pool(stores, 16, (store) => admin.get(`/api/stores/${store.id}/network`));
      const cidrs = [];
      for (const [i, network] of networks.entries()) {
        assert.deepEqual(network.body.items.map((s) => s.purpose).sort(), ['guest', 'pos'], stores[i].code);
        for (const segment of network.body.items) {
          assert.equal(segment.vlanId, segment.purpose === 'pos' ? 10 : 30);
          assertSegmentAddresses(segment);
          cidrs.push(segment.cidr);
        }
      }
      assert.equal(cidrs.length, 2 * COUNT);
      assert.equal(new Set(cidrs).size, 2 * COUNT, 'no subnet was handed out twice');
      assertNoOverlap(cidrs);
      const pools = await poolsByPurpose(admin);
      assert.equal(pools.pos.usedSegments, COUNT);
      assert.equal(pools.guest.usedSegments, COUNT);
      // Lowest free first: together the stores fill exactly the first 200 /25s of each pool.
      const posStarts = cidrs.filter((c) => c.startsWith('10.64.')).map((c) => range(c)[0]).sort((a, b) => a - b);
      assert.equal(posStarts.at(-1) - posStarts[0], (COUNT - 1) * 128);
    });
  });
}

for (const db of DATABASES) {
  describe(`permissions per transition [${db}]`, () => {
    let service;
    let admin;
    let operator;

    before(async () => {
      // Configured the other way round from the defaults: retry needs admin, decommission operator.
      service = await startService({
        db,
        env: { PERMISSIONS_RETRY: 'admin', PERMISSIONS_DECOMMISSION: 'operator' },
      });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
      const pool = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24 });
      assert.equal(pool.status, 201, pool.text);
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('GET /api/system/settings names the role of each transition', async () => {
      const settings = await operator.get('/api/system/settings');
      assert.equal(settings.status, 200, settings.text);
      assert.deepEqual(settings.body.transitions, {
        provision: 'operator',
        retry: 'admin',
        rollback: 'operator',
        decommission: 'operator',
        rotate: 'admin',
      });
    });

    test('below the configured role → 403 naming the transition and the role, nothing changed; at it → 202', async () => {
      // A store that fails its first run (a printer nobody has in stock): retrying it needs admin.
      const failing = await createStore(operator, planned('PRM', { hardwarePlan: { printer: 1 }, networkPlan: [{ purpose: 'pos' }] }));
      assert.equal((await runToEnd(operator, failing.id, 'provision')).status, 'failed');
      const current = await operator.get(`/api/stores/${failing.id}`);
      const refused = assertProblem(
        await operator.post(`/api/stores/${failing.id}/provision`, undefined, {
          headers: { 'if-match': current.headers.get('etag') },
        }),
        403,
      );
      assert.equal(refused.detail, 'retry needs the admin role (you are operator)');
      // Planning it is refused alike (a plan shows what the caller could start), and a rollout
      // the operator makes fails that store with the same reason: the canary halts it.
      const planRefused = assertProblem(await operator.post(`/api/stores/${failing.id}/plan`), 403);
      assert.equal(planRefused.detail, 'retry needs the admin role (you are operator)');
      const rollout = await operator.post('/api/rollouts', { name: 'Retry by rollout', action: 'provision', storeIds: [failing.id] });
      assert.equal(rollout.status, 201, rollout.text);
      const halted = await waitFor(async () => {
        const { body } = await operator.get(`/api/rollouts/${rollout.body.id}`);
        return body.status === 'halted' && body;
      }, { attempts: 400, what: 'the rollout to halt' });
      assert.equal(halted.items[0].error, 'retry needs the admin role (you are operator)');
      assert.equal(halted.items[0].runId, null);
      const after403 = await operator.get(`/api/stores/${failing.id}`);
      assert.equal(after403.body.version, current.body.version, 'nothing was written');
      assert.equal((await operator.get(`/api/stores/${failing.id}/runs`)).body.items.length, 1);
      const bulk = await operator.post('/api/stores/bulk', { action: 'activate', ids: [failing.id] });
      assert.equal(bulk.body.results[0].reason, 'retry needs the admin role (you are operator)');
      // Rolling back stays the operator's (default), and so does provisioning a draft.
      assert.equal((await runToEnd(operator, failing.id, 'rollback')).status, 'succeeded');
      const store = await createStore(operator, planned('PRM', { networkPlan: [{ purpose: 'pos' }] }));
      assert.equal((await runToEnd(operator, store.id, 'provision')).status, 'succeeded');
      // Decommissioning was opened to operators by configuration.
      assert.equal((await runToEnd(operator, store.id, 'decommission')).status, 'succeeded');
    });
  });
}

describe('permissions configuration', () => {
  test('a transition role other than operator or admin stops the service at start', async () => {
    await assert.rejects(
      startService({ env: { PERMISSIONS_DECOMMISSION: 'viewer' } }),
      /permissions\.decommission.*must be operator or admin/,
    );
  });
});
