// Vault mode against the Vault-API test server (server/tests/vault/fake-vault.mjs; HashiCorp
// Vault itself cannot run here, see docs/vault.md): provisioning writes store credentials to
// Vault KV v2, the JWT key and database URL come from Vault, and while Vault is down the service
// stays ready (degraded: vault), serves credentials it already holds, and retries the
// issue_credentials step until Vault is back.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import { after, before, describe, test } from 'node:test';

import {
  REPO_ROOT,
  adminClient,
  psql,
  startService,
  uniqueCode,
  validStore,
  waitFor,
  waitForRun,
  withTimeout,
} from './harness.mjs';

const FAKE = path.join(REPO_ROOT, 'server/tests/vault/fake-vault.mjs');
const VAULT_JWT_KEY = `vault-held-jwt-key-${crypto.randomBytes(16).toString('hex')}`;

/** Starts the fake Vault on free loopback ports; resolves once it prints its ports. */
async function startFakeVault(args = []) {
  const child = spawn(process.execPath, [FAKE, '--port', '0', '--control-port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const first = new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`fake Vault exited with ${code}`)));
  });
  const ports = await withTimeout(first, 10_000, 'fake Vault did not start');
  const control = async (method, url, body) => {
    const response = await fetch(`http://127.0.0.1:${ports.controlPort}${url}`, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    assert.ok(response.status < 300, `fake Vault control ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    addr: `http://127.0.0.1:${ports.vaultPort}`,
    control,
    state: () => control('GET', '/state'),
    mode: (mode, delayMs = 0) => control('POST', '/mode', { mode, delayMs }),
    seed: (secretPath, data) => control('POST', '/kv', { path: secretPath, data }),
    stop: () => {
      child.kill('SIGKILL');
    },
  };
}

function hs256Verifies(token, key) {
  const [header, payload, signature] = token.split('.');
  const expected = crypto.createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return signature === expected;
}

async function createPlannedStore(client, prefix) {
  const body = validStore(uniqueCode(prefix), { hardwarePlan: {}, networkPlan: [{ purpose: 'pos' }] });
  const created = await client.post('/api/stores', body);
  assert.equal(created.status, 201, created.text);
  return created.body;
}

async function startProvisioning(client, store) {
  const started = await client.post(`/api/stores/${store.id}/provision`, undefined, {
    headers: { 'if-match': `"${store.version}"` },
  });
  assert.equal(started.status, 202, started.text);
  return started.headers.get('location');
}

async function vaultDependency(client) {
  const health = await client.get('/api/system/health');
  assert.equal(health.status, 200, health.text);
  return health.body.dependencies.find((d) => d.name === 'vault');
}

describe('vault mode (AppRole, KV v2) [sqlite]', () => {
  let vault;
  let service;
  let admin;

  before(async () => {
    vault = await startFakeVault(['--approle', 'store-role:store-secret', '--ttl', '4', '--max-ttl', '60']);
    await vault.seed('store-service', { jwt_key: VAULT_JWT_KEY });
    service = await startService({
      env: {
        VAULT_ADDR: vault.addr,
        VAULT_ROLE_ID: 'store-role',
        VAULT_SECRET_ID: 'store-secret',
        VAULT_TIMEOUT_MS: '500',
        PROVISIONING_BACKOFF_BASE_MS: '50',
        PROVISIONING_BACKOFF_CAP_MS: '300',
        PROVISIONING_MAX_ATTEMPTS: '100',
        PROVISIONING_POLL_INTERVAL_MS: '50',
      },
    });
    admin = await adminClient(service);
    const pool = await admin.post('/api/network/pools', { cidr: '10.40.0.0/16', purpose: 'pos', segmentPrefix: 24 });
    assert.equal(pool.status, 201, pool.text);
  });
  after(async () => {
    await service?.stopAndAssertClean();
    vault?.stop();
  });

  test('the JWT signing key comes from Vault, not from JWT_SECRET', async () => {
    assert.equal(admin.token.split('.').length, 3);
    assert.ok(hs256Verifies(admin.token, VAULT_JWT_KEY), 'token is signed with the key held in Vault');
    const login = service.logs.find((entry) => entry.msg === 'service secrets');
    assert.equal(login?.jwt_key_from_vault, true);
    assert.equal(login?.database_url_from_vault, false);
    assert.equal((await vault.state()).counters.approleLogins, 1);
  });

  test('provisioning stores the credentials in Vault KV; the admin reads them back', async () => {
    const store = await createPlannedStore(admin, 'VLT');
    const run = await waitForRun(admin, await startProvisioning(admin, store));
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const state = await vault.state();
    const held = state.kv[`stores/${store.id}/credentials`];
    assert.ok(held?.data?.device_admin_password, `fake Vault holds no credentials: ${JSON.stringify(state.kv)}`);
    const credentials = await admin.get(`/api/stores/${store.id}/credentials`);
    assert.equal(credentials.status, 200, credentials.text);
    assert.deepEqual(credentials.body.credentials, held.data);
    assert.equal((await vaultDependency(admin)).state, 'closed');
  });

  test('a rotation writes the new version to Vault; releasing and revoking delete the old ones there', async () => {
    const store = await createPlannedStore(admin, 'VLR');
    assert.equal((await waitForRun(admin, await startProvisioning(admin, store))).status, 'succeeded');
    const base = `stores/${store.id}/credentials`;
    const first = (await vault.state()).kv[base].data;
    assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);
    let kv = (await vault.state()).kv;
    assert.deepEqual(kv[base].data, first, 'the kept version stays in Vault for rollback');
    assert.ok(kv[`${base}/v2`]?.data?.device_admin_password, JSON.stringify(Object.keys(kv)));
    assert.deepEqual((await admin.get(`/api/stores/${store.id}/credentials`)).body.credentials, kv[`${base}/v2`].data);
    const released = await admin.post(`/api/stores/${store.id}/credentials/versions/1/release`);
    assert.equal(released.status, 200, released.text);
    kv = (await vault.state()).kv;
    assert.equal(kv[base], undefined, 'a released version is deleted from Vault');
    assert.equal((await admin.post(`/api/stores/${store.id}/credentials/rotate`)).status, 200);
    assert.equal((await admin.post(`/api/stores/${store.id}/credentials/revoke`)).status, 200);
    kv = (await vault.state()).kv;
    assert.deepEqual(Object.keys(kv).filter((key) => key.startsWith(base)), [`${base}/v4`], 'revoke leaves only the new version');
  });

  test('Vault down: ready but degraded, cached credentials served, issue_credentials retried until Vault is back', async () => {
    const first = await createPlannedStore(admin, 'VLA');
    assert.equal((await waitForRun(admin, await startProvisioning(admin, first))).status, 'succeeded');
    const held = (await admin.get(`/api/stores/${first.id}/credentials`)).body.credentials;

    await vault.mode('down'); // listener closed: connections are refused, as with a stopped Vault
    const store = await createPlannedStore(admin, 'VLB');
    const location = await startProvisioning(admin, store);

    // The step fails, is rescheduled with a "retrying" message, again and again.
    const retrying = await waitFor(
      async () => {
        const run = (await admin.get(location)).body;
        const step = run.steps.find((s) => s.name === 'issue_credentials');
        return step.attempts >= 2 && /retrying/.test(step.message) && step;
      },
      { attempts: 300, intervalMs: 50, what: 'issue_credentials to be retried' },
    );
    assert.equal(retrying.status, 'pending');

    // The breaker opens; readiness stays 200 (only the primary database is required).
    await waitFor(async () => (await vaultDependency(admin)).state !== 'closed', {
      attempts: 400,
      intervalMs: 50,
      what: 'the vault breaker to open',
    });
    const ready = await service.client().get('/health/ready');
    assert.equal(ready.status, 200, ready.text);
    assert.equal(ready.body.status, 'degraded');
    assert.ok(ready.body.degraded.some((d) => d.name === 'vault'), ready.text);
    const alerts = await admin.get('/api/system/alerts');
    assert.ok(alerts.body.items.some((a) => a.source === 'vault' && a.severity === 'critical'), alerts.text);

    // What the service already holds is still served.
    const cached = await admin.get(`/api/stores/${first.id}/credentials`);
    assert.equal(cached.status, 200, cached.text);
    assert.deepEqual(cached.body.credentials, held);
    const midway = (await admin.get(location)).body;
    assert.notEqual(midway.status, 'failed', JSON.stringify(midway));

    await vault.mode('normal');
    const run = await waitForRun(admin, location, { timeoutMs: 30_000 });
    assert.equal(run.status, 'succeeded', JSON.stringify(run));
    const step = run.steps.find((s) => s.name === 'issue_credentials');
    assert.ok(step.attempts > 1, `issue_credentials attempts: ${step.attempts}`);
    const state = await vault.state();
    assert.ok(state.kv[`stores/${store.id}/credentials`]?.data?.device_admin_password);
    const credentials = await admin.get(`/api/stores/${store.id}/credentials`);
    assert.equal(credentials.status, 200, credentials.text);
    assert.deepEqual(credentials.body.credentials, state.kv[`stores/${store.id}/credentials`].data);

    // Calls succeed again: the breaker closes (half-open probes) and readiness is clean.
    await waitFor(
      async () => {
        await admin.get(`/api/stores/${store.id}/credentials`);
        return (await vaultDependency(admin)).state === 'closed';
      },
      { attempts: 300, intervalMs: 100, what: 'the vault breaker to close' },
    );
    const recovered = await service.client().get('/health/ready');
    assert.ok(!recovered.body.degraded.some((d) => d.name === 'vault'), recovered.text);
  });
});

describe('vault start-up', () => {
  test('VAULT_ADDR without a login method is a configuration error (exit 2)', async () => {
    await assert.rejects(
      startService({ env: { VAULT_ADDR: 'http://127.0.0.1:9' } }),
      /code 2\b.*vault\.addr is set but no Vault login/s,
    );
  });

  test('an unreachable Vault at start-up stops the start (no silent embedded fallback)', async () => {
    await assert.rejects(
      startService({ env: { VAULT_ADDR: 'http://127.0.0.1:9', VAULT_TOKEN: 'hvs.x', VAULT_TIMEOUT_MS: '300' } }),
      /code 1\b.*vault is unreachable/s,
    );
  });

  test('without VAULT_ADDR the embedded store is used and no vault breaker exists', async () => {
    const service = await startService();
    try {
      const admin = await adminClient(service);
      const health = await admin.get('/api/system/health');
      assert.ok(!health.body.dependencies.some((d) => d.name === 'vault'), health.text);
    } finally {
      await service.stopAndAssertClean();
    }
  });

  test('the database URL comes from Vault when it holds one [postgres]', { skip: !process.env.API_TEST_PG_URL && 'needs API_TEST_PG_URL (run.sh)' }, async () => {
    const name = `api_vault_${crypto.randomBytes(4).toString('hex')}`;
    psql(`CREATE DATABASE ${name}`);
    const url = process.env.API_TEST_PG_URL.replace(/\/[^/]*$/, `/${name}`);
    const vault = await startFakeVault();
    try {
      await vault.seed('store-service', { database_url: url });
      const service = await startService({ env: { VAULT_ADDR: vault.addr, VAULT_TOKEN: 'root' } });
      try {
        const ready = await service.client().get('/health/ready');
        assert.equal(ready.status, 200, ready.text);
        assert.equal(ready.body.checks.database.kind, 'postgresql');
        assert.ok(!service.logs.some((entry) => JSON.stringify(entry).includes(url)), 'the URL is never logged');
      } finally {
        await service.stopAndAssertClean();
      }
    } finally {
      vault.stop();
    }
  });
});
