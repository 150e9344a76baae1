// Black-box harness: starts the real store-service binary on port 0 with a fresh data
// directory (and, for PostgreSQL, a fresh database), talks to it over real HTTP, and stops
// it with SIGTERM. No mocks; no sleeps except bounded polling.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = path.resolve(
  REPO_ROOT,
  process.env.STORE_SERVICE_BIN ?? 'build/release/store-service',
);
export const ADMIN_PASSWORD = 'bootstrap-admin-password-for-tests';
// Known so that tests can forge tokens with node:crypto (HS256).
export const JWT_SECRET = 'api-tests-jwt-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const DATABASES = (process.env.API_TEST_DATABASES ?? 'sqlite,postgres').split(',');

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 20_000;

// ---------------------------------------------------------------------------------------
// PostgreSQL: one server per test process (or the one run.sh started, API_TEST_PG_URL),
// one fresh database per service instance.

let postgres = null;

function startPostgresServer() {
  if (process.env.API_TEST_PG_URL) {
    return { url: process.env.API_TEST_PG_URL, owned: false };
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), 'api-pg-'));
  chmodSync(parent, 0o755); // the server runs as the postgres user and must reach DIR
  const dir = path.join(parent, 'pg');
  const started = spawnSync(path.join(REPO_ROOT, 'scripts/start-postgres.sh'), [dir], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (started.status !== 0) {
    throw new Error(`start-postgres.sh failed: ${started.stderr}`);
  }
  const url = started.stdout.trim().split('\n').pop();
  process.on('exit', () => {
    spawnSync(path.join(REPO_ROOT, 'scripts/stop-postgres.sh'), [dir], { timeout: 60_000 });
    rmSync(parent, { recursive: true, force: true });
  });
  return { url, owned: true };
}

/** Runs SQL on the server's maintenance database (or `database`) through psql. */
export function psql(sql, database = 'postgres') {
  if (postgres === null) {
    postgres = startPostgresServer();
  }
  const url = postgres.url.replace(/\/[^/]*$/, `/${database}`);
  const result = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) {
    throw new Error(`psql failed: ${result.stderr}`);
  }
  return result.stdout.trim();
}

function freshPostgresDatabase() {
  const name = `api_${crypto.randomBytes(6).toString('hex')}`;
  psql(`CREATE DATABASE ${name}`);
  return { name, url: postgres.url.replace(/\/[^/]*$/, `/${name}`) };
}

// ---------------------------------------------------------------------------------------
// The service.

export class Service {
  constructor({ child, dataDir, db, database, databaseUrl }) {
    this.child = child;
    this.databaseUrl = databaseUrl; // PostgreSQL URL, or null
    this.dataDir = dataDir;
    this.db = db;
    this.database = database; // PostgreSQL database name, or null
    this.logs = [];
    this.stderr = '';
    this.port = null;
    this.exit = new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  client() {
    return new Client(this.base);
  }

  /** Sends SIGTERM and waits (bounded) for the process to end; returns {code, signal}. */
  async stop() {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
    }
    const result = await withTimeout(this.exit, STOP_TIMEOUT_MS, 'service did not stop');
    rmSync(this.dataDir, { recursive: true, force: true });
    return result;
  }

  /**
   * Sends `signal` (e.g. SIGKILL, to simulate a crash) and waits for the process to end, keeping
   * the data directory and database so that `startService({ reuse: this })` can restart on them.
   */
  async kill(signal = 'SIGKILL') {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill(signal);
    }
    return withTimeout(this.exit, STOP_TIMEOUT_MS, `service did not end on ${signal}`);
  }

  /** Stops the service and asserts a clean exit (code 0). */
  async stopAndAssertClean() {
    const { code, signal } = await this.stop();
    assert.equal(signal, null, `service ended by signal ${signal}; stderr: ${this.stderr}`);
    assert.equal(code, 0, `service exit code ${code}; stderr: ${this.stderr}`);
  }
}

/**
 * Starts store-service with a fresh data directory. `db` is 'sqlite' or 'postgres'; `env`
 * adds or overrides environment variables. `reuse`, a killed Service, restarts on its data
 * directory and database instead of fresh ones (crash-restart tests).
 */
export async function startService({ db = 'sqlite', env = {}, reuse = null } = {}) {
  if (reuse !== null) {
    db = reuse.db;
  }
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'api-data-'));
  const environment = {
    PATH: process.env.PATH,
    LANG: 'C.UTF-8',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    JWT_SECRET,
    RATE_LIMIT_RPS: '0', // tests fire bursts; the limiter has its own test
    MAX_FAILED_LOGINS: '1000', // the throttle has its own instance
    MAX_LOGIN_DELAY_MS: '0', // likewise (auth.test.mjs "login throttle")
    HTTP_THREADS: '2',
    WORKER_THREADS: '4',
    LOG_LEVEL: 'info',
    ACCESS_LOG: 'false',
  };
  let database = null;
  let databaseUrl = null;
  if (db === 'postgres') {
    if (postgres === null) {
      postgres = startPostgresServer();
    }
    const fresh = reuse ? { name: reuse.database, url: reuse.databaseUrl } : freshPostgresDatabase();
    database = fresh.name;
    databaseUrl = fresh.url;
    environment.DATABASE_URL = fresh.url;
    environment.DATABASE_POOL_SIZE = '8';
  } else if (db !== 'sqlite') {
    throw new Error(`unknown database ${db}`);
  }
  Object.assign(environment, env);
  const child = spawn(
    BIN,
    ['serve', '--port', '0', '--bind', '127.0.0.1', '--data-dir', dataDir],
    { env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const service = new Service({ child, dataDir, db, database, databaseUrl });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    service.stderr += chunk;
  });
  const listening = new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      let entry;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = { msg: 'unparsed', line };
      }
      service.logs.push(entry);
      if (entry.msg === 'listening') {
        resolve(entry.port);
      }
    });
    child.on('exit', (code, signal) =>
      reject(new Error(`service exited before listening (code ${code}, signal ${signal}): ${service.stderr}`)),
    );
    child.on('error', reject);
  });
  try {
    service.port = await withTimeout(listening, START_TIMEOUT_MS, 'service did not start');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return service;
}

// ---------------------------------------------------------------------------------------
// HTTP client.

export class Client {
  constructor(base, token = null) {
    this.base = base;
    this.token = token;
  }

  as(token) {
    return new Client(this.base, token);
  }

  /**
   * One request. `json` is serialised with content-type application/json; `body` is sent
   * as is. Returns {status, headers, body (parsed JSON when possible), text}.
   */
  async request(method, url, { json, body, headers = {}, token = this.token } = {}) {
    const sent = { ...headers };
    if (token) {
      sent.authorization = `Bearer ${token}`;
    }
    if (json !== undefined) {
      body = JSON.stringify(json);
      if (!Object.keys(sent).some((name) => name.toLowerCase() === 'content-type')) {
        sent['content-type'] = 'application/json';
      }
    }
    const response = await fetch(this.base + url, { method, headers: sent, body });
    const text = await response.text();
    let parsed = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  get(url, options) {
    return this.request('GET', url, options);
  }
  post(url, json, options = {}) {
    return this.request('POST', url, { ...options, json });
  }
  patch(url, json, options = {}) {
    return this.request('PATCH', url, { ...options, json });
  }
  delete(url, options) {
    return this.request('DELETE', url, options);
  }

  /** Logs in and returns the session body; asserts 200. */
  async login(username, password) {
    const response = await this.post('/api/auth/login', { username, password, rememberMe: false });
    assert.equal(response.status, 200, `login ${username}: ${response.text}`);
    return response.body;
  }
}

/** A client logged in as admin, plus helpers to create users of each role. */
export async function adminClient(service) {
  const anonymous = service.client();
  const session = await anonymous.login('admin', ADMIN_PASSWORD);
  return anonymous.as(session.accessToken);
}

/** Creates a user with `role` through the API and returns a client logged in as that user. */
export async function userClient(service, admin, role, username = `${role}-${randomSuffix()}`) {
  const password = `password-of-${username}`;
  const created = await admin.post('/api/users', { username, password, role });
  assert.equal(created.status, 201, created.text);
  const session = await service.client().login(username, password);
  const client = service.client().as(session.accessToken);
  client.user = created.body;
  client.password = password;
  return client;
}

export function randomSuffix() {
  return crypto.randomBytes(4).toString('hex');
}

// ---------------------------------------------------------------------------------------
// Assertions.

const LEAKS = [
  /\bSELECT\b|\bINSERT\b|\bUPDATE\s+\w+\s+SET\b|\bFROM\s+\w+\b.*\bWHERE\b/,
  /sqlite|libpq|postgres|PGRES|SQLSTATE|ERROR:\s/i,
  /std::|\.cpp\b|\.hpp\b|terminate called|what\(\)|0x[0-9a-f]{8,}/i,
  /\bat [\w.<>]+ \(/, // stack frames
];

/** Asserts an RFC 9457 problem: media type, members, status, no leaked internals. */
export function assertProblem(response, status, { fields = [], path: instance } = {}) {
  assert.equal(response.status, status, `expected ${status}, got ${response.status}: ${response.text}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = response.body;
  assert.equal(typeof body, 'object', `problem body is not JSON: ${response.text}`);
  for (const member of ['type', 'title', 'detail', 'instance']) {
    assert.equal(typeof body[member], 'string', `problem has no ${member}: ${response.text}`);
  }
  assert.equal(body.status, status);
  if (instance !== undefined) {
    assert.equal(body.instance, instance);
  }
  for (const leak of LEAKS) {
    assert.doesNotMatch(response.text, leak, `problem leaks internals: ${response.text}`);
  }
  const named = (body.errors ?? []).map((error) => error.field);
  for (const error of body.errors ?? []) {
    assert.equal(typeof error.field, 'string');
    assert.equal(typeof error.message, 'string');
  }
  for (const field of fields) {
    assert.ok(named.includes(field), `problem does not name ${field}: ${response.text}`);
  }
  return body;
}

// ---------------------------------------------------------------------------------------
// Tokens.

const b64url = (value) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** The key id the service puts in the header of tokens signed with `secret` (SHA-256 prefix). */
export function keyIdOf(secret) {
  return crypto.createHash('sha256').update(secret).digest('hex').slice(0, 16);
}

/**
 * Builds a JWT; `alg` 'HS256' signs with `secret`, 'none' leaves the signature empty. The header
 * names the key (`kid`, the service's form for `secret`) unless `kid` is given (null: none).
 */
export function forgeToken(claims, { alg = 'HS256', secret = JWT_SECRET, kid = keyIdOf(secret) } = {}) {
  const header = kid === null ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid };
  const input = `${b64url(header)}.${b64url(claims)}`;
  if (alg === 'none') {
    return `${input}.`;
  }
  const signature = crypto.createHmac('sha256', secret).update(input).digest('base64url');
  return `${input}.${signature}`;
}

export function decodeJwt(token) {
  const [header, payload] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
  };
}

// ---------------------------------------------------------------------------------------
// Raw HTTP over a socket, for what fetch cannot send.

/**
 * Writes `data` to a fresh connection and collects what the server sends until it closes
 * (or `timeoutMs`). Write errors (the server may close early) are ignored.
 */
export function rawExchange(port, data, { timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks = [];
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    }, timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (error) => {
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') {
        return; // answered and closed while we were still writing
      }
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.on('connect', () => {
      for (const part of Array.isArray(data) ? data : [data]) {
        socket.write(part);
      }
    });
  });
}

/** Parses the first HTTP response of a raw exchange. */
export function parseRawResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const [statusLine, ...lines] = head.split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Map();
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const body = end < 0 ? '' : text.slice(end + 4);
  return { status, headers, body };
}

/** Resolves true when a TCP connection to `port` is refused. */
export function connectionRefused(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', (error) => resolve(error.code === 'ECONNREFUSED'));
  });
}

// ---------------------------------------------------------------------------------------
// Waiting, bounded.

export async function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a truthy value; at most `attempts` tries. */
export async function waitFor(probe, { attempts = 200, intervalMs = 25, what = 'condition' } = {}) {
  for (let i = 0; i < attempts; ++i) {
    const value = await probe();
    if (value) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} attempts`);
}

// ---------------------------------------------------------------------------------------
// Fixtures.

/** A valid store body; `overrides` are merged at the top level. */
export function validStore(code, overrides = {}) {
  return {
    code,
    name: `Store ${code}`,
    type: 'standard',
    location: {
      address: '5th Ave 1',
      city: 'New York',
      region: 'NY',
      country: 'US',
      postalCode: '10001',
      timezone: 'America/New_York',
      latitude: 40.75,
      longitude: -73.98,
    },
    openingDate: '2027-03-01',
    contact: { manager: 'Jane Doe', email: 'jane@example.com', phone: '+1 212 555 0100' },
    tags: ['pilot', 'east'],
    notes: '',
    hardwarePlan: { pos_terminal: 6, router: 1, switch: 2, access_point: 4, printer: 2 },
    networkPlan: [
      { purpose: 'pos', vlanId: 10, cidr: '10.20.0.0/24' },
      { purpose: 'guest', vlanId: null, cidr: null },
    ],
    ...overrides,
  };
}

let codeCounter = 0;
/** A store code unique within this process: PREFIX-NNNNNN. */
export function uniqueCode(prefix = 'T') {
  codeCounter += 1;
  const letters = (prefix + crypto.randomBytes(2).toString('hex').toUpperCase()).slice(0, 6);
  return `${letters}-${String(codeCounter).padStart(6, '0')}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

// ---------------------------------------------------------------------------------------
// Provisioning.

/**
 * Polls a run (by its Location, /api/stores/{id}/runs/{runId}) until it has succeeded or
 * failed; bounded by `timeoutMs`. Returns the finished run.
 */
export async function waitForRun(client, location, { timeoutMs = 20_000, intervalMs = 50 } = {}) {
  let last = null;
  try {
    return await waitFor(
      async () => {
        const response = await client.get(location);
        assert.equal(response.status, 200, response.text);
        last = response.body;
        return ['succeeded', 'failed'].includes(last.status) && last;
      },
      { attempts: Math.ceil(timeoutMs / intervalMs), intervalMs, what: `run ${location}` },
    );
  } catch (error) {
    error.message += `; last seen: ${JSON.stringify(last)}`;
    throw error;
  }
}

/** Sends `csv` as text/csv (or `type`) with POST. */
export function postCsv(client, url, csv, type = 'text/csv') {
  return client.request('POST', url, { body: csv, headers: { 'content-type': type } });
}
