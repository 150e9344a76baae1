#!/usr/bin/env node
// A small Vault-API test server: exactly the endpoints store-service's Vault client uses, with
// Vault's status codes, response shapes and token TTL semantics (HashiCorp Vault API docs:
// /v1/sys/health, /v1/auth/{approle,kubernetes}/login, /v1/auth/token/{lookup-self,renew-self},
// KV version 2 /v1/<mount>/{data,metadata}/<path>). HashiCorp Vault itself cannot be installed
// here; this fake is what the tests run against. It is NOT Vault: no policies, no storage
// backend, no seal keys; every token may read and write every path.
//
// Two listeners on loopback: the Vault API (--port) and a control API for tests (--control-port).
// The first stdout line is {"vaultPort":N,"controlPort":M,"scheme":"http"|"https"}.
//
// Faults (control API, POST /mode {"mode": ...}, or signals):
//   normal       answer every request
//   sealed       every Vault request gets 503 {"errors":["Vault is sealed"]}, sys/health 503  (SIGUSR1 toggles)
//   hang         accept requests and never answer them (a stalled server)                   (SIGUSR2 toggles)
//   slow         answer after {"delayMs": N}
//   down         close the Vault listener and every open connection: connection refused
// SIGSTOP/SIGCONT freeze the whole process, SIGTERM ends it.
//
// Tokens: logins issue service tokens with --ttl seconds (renewable) and --max-ttl seconds.
// renew-self extends the TTL to the requested increment (or the token's own TTL) but never
// beyond creation + max TTL, with Vault's "capped" warning; once expired (TTL or max TTL) a
// token is revoked and every request with it gets 403 {"errors":["permission denied"]}.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

// ----- options ------------------------------------------------------------------------------------

function parseArgs(argv) {
  const options = {
    port: 0,
    controlPort: 0,
    ttl: 2,
    maxTtl: 6,
    rootToken: 'root',
    approle: [], // role_id:secret_id
    k8s: [], // role:jwt
    tlsCert: null,
    tlsKey: null,
    kvMount: 'secret',
  };
  for (let i = 2; i < argv.length; ++i) {
    const name = argv[i];
    const value = argv[i + 1];
    switch (name) {
      case '--port': options.port = Number(value); break;
      case '--control-port': options.controlPort = Number(value); break;
      case '--ttl': options.ttl = Number(value); break;
      case '--max-ttl': options.maxTtl = Number(value); break;
      case '--root-token': options.rootToken = value; break;
      case '--approle': options.approle.push(value); break;
      case '--k8s': options.k8s.push(value); break;
      case '--tls-cert': options.tlsCert = value; break;
      case '--tls-key': options.tlsKey = value; break;
      case '--kv-mount': options.kvMount = value; break;
      default: throw new Error(`unknown option ${name}`);
    }
    i += 1;
  }
  return options;
}

const options = parseArgs(process.argv);

// ----- state ---------------------------------------------------------------------------------------

const state = {
  mode: 'normal',
  delayMs: 0,
  tokens: new Map(), // id -> token
  kv: new Map(), // path -> {versions: [{data, created_time, deletion_time, destroyed}], current_version, created_time, updated_time}
  approles: new Map(options.approle.map((pair) => pair.split(':')).map(([role, secret]) => [role, secret ?? ''])),
  k8sRoles: new Map(options.k8s.map((pair) => { const at = pair.indexOf(':'); return [pair.slice(0, at), pair.slice(at + 1)]; })),
  counters: { logins: 0, approleLogins: 0, k8sLogins: 0, renewals: 0, lookups: 0, kvReads: 0, kvWrites: 0, kvDeletes: 0, denied: 0, requests: 0 },
  log: [], // recent requests: {method, path, status}
};

const nowSeconds = () => Date.now() / 1000;
const iso = (seconds) => new Date(seconds * 1000).toISOString();
const duration = (seconds) => `${Math.round(seconds)}s`;

/** Parses a Vault duration ("30s", "5m", "1h", or a number of seconds). */
function parseDuration(value) {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return value;
  const match = /^(\d+)(s|m|h)?$/.exec(String(value));
  if (!match) return NaN;
  return Number(match[1]) * { s: 1, m: 60, h: 3600, undefined: 1 }[match[2]];
}

function newToken({ ttl, maxTtl, renewable = true, policies = ['default', 'store-service'], path, meta = null, displayName }) {
  const id = `hvs.${crypto.randomBytes(18).toString('base64url')}`;
  const now = nowSeconds();
  const token = {
    id,
    accessor: crypto.randomBytes(12).toString('base64url'),
    policies,
    path,
    meta,
    displayName,
    creationTime: now,
    creationTtl: ttl,
    // ttl 0 = never expires (root tokens)
    expiresAt: ttl > 0 ? now + ttl : null,
    maxExpiresAt: ttl > 0 && maxTtl > 0 ? now + maxTtl : null,
    explicitMaxTtl: maxTtl,
    renewable: ttl > 0 && renewable,
    renewals: 0,
  };
  state.tokens.set(id, token);
  return token;
}

newToken({ ttl: 0, maxTtl: 0, renewable: false, policies: ['root'], path: 'auth/token/root', displayName: 'root' }).id;
// The configured root token keeps its well-known id.
{
  const generated = [...state.tokens.values()][0];
  state.tokens.delete(generated.id);
  generated.id = options.rootToken;
  state.tokens.set(generated.id, generated);
}

/** The live token for a request, or null (expired tokens are revoked, as Vault does). */
function liveToken(id) {
  const token = id ? state.tokens.get(id) : undefined;
  if (!token) return null;
  if (token.expiresAt !== null && nowSeconds() >= token.expiresAt) {
    state.tokens.delete(id);
    return null;
  }
  return token;
}

function remainingTtl(token) {
  return token.expiresAt === null ? 0 : Math.max(0, Math.round(token.expiresAt - nowSeconds()));
}

function authBlock(token, warnings = null) {
  return {
    body: {
      request_id: crypto.randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data: null,
      wrap_info: null,
      warnings,
      auth: {
        client_token: token.id,
        accessor: token.accessor,
        policies: token.policies,
        token_policies: token.policies,
        metadata: token.meta,
        lease_duration: remainingTtl(token),
        renewable: token.renewable,
        entity_id: '',
        token_type: 'service',
        orphan: true,
        mfa_requirement: null,
        num_uses: 0,
      },
    },
  };
}

function envelope(data, warnings = null) {
  return {
    request_id: crypto.randomUUID(),
    lease_id: '',
    renewable: false,
    lease_duration: 0,
    data,
    wrap_info: null,
    warnings,
    auth: null,
  };
}

const errors = (status, ...messages) => ({ status, body: { errors: messages } });
const denied = () => {
  state.counters.denied += 1;
  return errors(403, 'permission denied');
};

// ----- Vault endpoints ----------------------------------------------------------------------------

function health() {
  // Vault: 200 active, 429 standby, 501 not initialised, 503 sealed.
  const body = {
    initialized: true,
    sealed: state.mode === 'sealed',
    standby: false,
    performance_standby: false,
    replication_performance_mode: 'disabled',
    replication_dr_mode: 'disabled',
    server_time_utc: Math.floor(nowSeconds()),
    version: '1.15.0+fake',
    cluster_name: 'vault-cluster-fake',
    cluster_id: '00000000-0000-0000-0000-000000000000',
  };
  return { status: state.mode === 'sealed' ? 503 : 200, body };
}

function approleLogin(body) {
  state.counters.logins += 1;
  state.counters.approleLogins += 1;
  if (typeof body.role_id !== 'string' || body.role_id === '') {
    return errors(400, 'missing role_id');
  }
  if (!state.approles.has(body.role_id) || state.approles.get(body.role_id) !== (body.secret_id ?? '')) {
    return errors(400, 'invalid role or secret ID');
  }
  const token = newToken({ ttl: options.ttl, maxTtl: options.maxTtl, path: 'auth/approle/login', meta: { role_name: body.role_id }, displayName: 'approle' });
  return { status: 200, ...authBlock(token) };
}

function kubernetesLogin(body) {
  state.counters.logins += 1;
  state.counters.k8sLogins += 1;
  if (typeof body.role !== 'string' || body.role === '') {
    return errors(400, 'missing role');
  }
  if (typeof body.jwt !== 'string' || body.jwt === '') {
    return errors(400, 'missing jwt');
  }
  if (!state.k8sRoles.has(body.role)) {
    return errors(400, `invalid role name "${body.role}"`);
  }
  // Real Vault validates the JWT with the Kubernetes TokenReview API; the fake compares it.
  if (state.k8sRoles.get(body.role) !== body.jwt.trim()) {
    return denied();
  }
  const token = newToken({
    ttl: options.ttl,
    maxTtl: options.maxTtl,
    path: 'auth/kubernetes/login',
    meta: { role: body.role, service_account_name: 'store-service', service_account_namespace: 'store-platform' },
    displayName: 'kubernetes-store-platform-store-service',
  });
  return { status: 200, ...authBlock(token) };
}

function lookupSelf(token) {
  state.counters.lookups += 1;
  return {
    status: 200,
    body: envelope({
      accessor: token.accessor,
      creation_time: Math.floor(token.creationTime),
      creation_ttl: token.creationTtl,
      display_name: token.displayName,
      entity_id: '',
      expire_time: token.expiresAt === null ? null : iso(token.expiresAt),
      explicit_max_ttl: token.explicitMaxTtl,
      id: token.id,
      issue_time: iso(token.creationTime),
      meta: token.meta,
      num_uses: 0,
      orphan: true,
      path: token.path,
      policies: token.policies,
      renewable: token.renewable,
      ttl: remainingTtl(token),
      type: 'service',
    }),
  };
}

function renewSelf(token, body) {
  if (!token.renewable) {
    return errors(400, 'lease is not renewable');
  }
  const requested = parseDuration(body.increment);
  if (Number.isNaN(requested)) {
    return errors(400, `invalid increment "${body.increment}"`);
  }
  const increment = requested ?? token.creationTtl;
  const now = nowSeconds();
  let ttl = increment;
  let warnings = null;
  if (token.maxExpiresAt !== null && now + ttl > token.maxExpiresAt) {
    ttl = Math.max(0, token.maxExpiresAt - now);
    warnings = [
      `TTL of "${duration(increment)}" exceeded the effective max_ttl of "${duration(ttl)}"; TTL value is capped accordingly`,
    ];
  }
  token.expiresAt = now + ttl;
  token.renewals += 1;
  state.counters.renewals += 1;
  return { status: 200, ...authBlock(token, warnings) };
}

function kvEntry(path) {
  return state.kv.get(path);
}

function versionMetadata(entry, number) {
  const version = entry.versions[number - 1];
  return {
    created_time: version.created_time,
    custom_metadata: null,
    deletion_time: version.deletion_time,
    destroyed: version.destroyed,
    version: number,
  };
}

function kvRead(path, query) {
  state.counters.kvReads += 1;
  const entry = kvEntry(path);
  if (!entry || entry.versions.length === 0) {
    return errors(404);
  }
  const number = query.get('version') ? Number(query.get('version')) : entry.current_version;
  const version = entry.versions[number - 1];
  if (!version) {
    return errors(404);
  }
  const metadata = versionMetadata(entry, number);
  if (version.deletion_time !== '' || version.destroyed) {
    // Vault answers a deleted version with 404 and its metadata.
    return { status: 404, body: envelope({ data: null, metadata }) };
  }
  return { status: 200, body: envelope({ data: version.data, metadata }) };
}

function kvWrite(path, body) {
  state.counters.kvWrites += 1;
  if (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data)) {
    return errors(400, 'no data provided');
  }
  const now = new Date().toISOString();
  let entry = kvEntry(path);
  if (!entry) {
    entry = { versions: [], current_version: 0, created_time: now, updated_time: now };
    state.kv.set(path, entry);
  }
  const cas = body.options?.cas;
  if (cas !== undefined && cas !== entry.current_version) {
    return errors(400, 'check-and-set parameter did not match the current version');
  }
  entry.versions.push({ data: body.data, created_time: now, deletion_time: '', destroyed: false });
  entry.current_version = entry.versions.length;
  entry.updated_time = now;
  return { status: 200, body: envelope(versionMetadata(entry, entry.current_version)) };
}

function kvDeleteLatest(path) {
  state.counters.kvDeletes += 1;
  const entry = kvEntry(path);
  if (entry && entry.versions.length > 0) {
    entry.versions[entry.current_version - 1].deletion_time = new Date().toISOString();
  }
  return { status: 204, body: null };
}

function kvReadMetadata(path) {
  state.counters.kvReads += 1;
  const entry = kvEntry(path);
  if (!entry) {
    return errors(404);
  }
  const versions = {};
  entry.versions.forEach((_, index) => {
    const { created_time, deletion_time, destroyed } = versionMetadata(entry, index + 1);
    versions[String(index + 1)] = { created_time, deletion_time, destroyed };
  });
  return {
    status: 200,
    body: envelope({
      cas_required: false,
      created_time: entry.created_time,
      current_version: entry.current_version,
      custom_metadata: null,
      delete_version_after: '0s',
      max_versions: 0,
      oldest_version: entry.versions.length > 0 ? 1 : 0,
      updated_time: entry.updated_time,
      versions,
    }),
  };
}

function kvDeleteMetadata(path) {
  state.counters.kvDeletes += 1;
  state.kv.delete(path);
  return { status: 204, body: null };
}

/** Routes one Vault request; returns {status, body}. */
function vault(method, url, headers, body) {
  const path = url.pathname;
  if (path === '/v1/sys/health' && (method === 'GET' || method === 'HEAD')) {
    return health();
  }
  if (state.mode === 'sealed') {
    return errors(503, 'Vault is sealed');
  }
  if (path === '/v1/auth/approle/login' && (method === 'POST' || method === 'PUT')) {
    return approleLogin(body);
  }
  if (path === '/v1/auth/kubernetes/login' && (method === 'POST' || method === 'PUT')) {
    return kubernetesLogin(body);
  }
  const token = liveToken(headers['x-vault-token'] ?? (headers.authorization ?? '').replace(/^Bearer /, ''));
  if (token === null) {
    return denied();
  }
  if (path === '/v1/auth/token/lookup-self' && method === 'GET') {
    return lookupSelf(token);
  }
  if (path === '/v1/auth/token/renew-self' && (method === 'POST' || method === 'PUT')) {
    return renewSelf(token, body);
  }
  const kv = new RegExp(`^/v1/${options.kvMount}/(data|metadata)/(.+)$`).exec(path);
  if (kv) {
    const [, kind, secretPath] = kv;
    if (kind === 'data') {
      if (method === 'GET') return kvRead(secretPath, url.searchParams);
      if (method === 'POST' || method === 'PUT') return kvWrite(secretPath, body);
      if (method === 'DELETE') return kvDeleteLatest(secretPath);
    } else {
      if (method === 'GET') return kvReadMetadata(secretPath);
      if (method === 'DELETE') return kvDeleteMetadata(secretPath);
    }
    return errors(405, 'unsupported operation');
  }
  return errors(404, `no handler for route "${path.replace(/^\/v1\//, '')}". route entry not found.`);
}

// ----- HTTP plumbing ---------------------------------------------------------------------------------

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(''));
  });
}

function send(response, { status, body }) {
  if (body === null || body === undefined) {
    response.writeHead(status);
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(text);
}

const sockets = new Set();
const hanging = new Set();

async function handleVault(request, response) {
  const text = await readBody(request);
  const url = new URL(request.url, 'http://vault');
  if (state.mode === 'hang') {
    hanging.add(response);
    response.on('close', () => hanging.delete(response));
    return;
  }
  if (state.mode === 'slow' && state.delayMs > 0) {
    await new Promise((resolve) => setTimeout(resolve, state.delayMs));
  }
  let body = {};
  if (text.length > 0) {
    try {
      body = JSON.parse(text);
    } catch {
      send(response, errors(400, 'failed to parse JSON input: invalid character'));
      return;
    }
  }
  state.counters.requests += 1;
  const result = vault(request.method, url, request.headers, body ?? {});
  state.log.push({ method: request.method, path: url.pathname, status: result.status });
  if (state.log.length > 500) state.log.shift();
  send(response, result);
}

const tls = options.tlsCert && options.tlsKey
  ? { cert: fs.readFileSync(options.tlsCert), key: fs.readFileSync(options.tlsKey) }
  : null;
let vaultServer = null;
let vaultPort = options.port;

function listenVault(port) {
  vaultServer = tls ? https.createServer(tls, handleVault) : http.createServer(handleVault);
  vaultServer.keepAliveTimeout = 30_000;
  vaultServer.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    vaultServer.once('error', reject);
    vaultServer.listen(port, '127.0.0.1', () => resolve(vaultServer.address().port));
  });
}

function closeVault() {
  return new Promise((resolve) => {
    if (vaultServer === null) {
      resolve();
      return;
    }
    vaultServer.close(() => resolve());
    vaultServer = null;
    for (const socket of sockets) socket.destroy();
  });
}

function releaseHanging() {
  for (const response of hanging) response.destroy();
  hanging.clear();
}

async function setMode(mode, delayMs = 0) {
  const modes = ['normal', 'sealed', 'hang', 'slow', 'down'];
  if (!modes.includes(mode)) {
    return errors(400, `mode must be one of ${modes.join(', ')}`);
  }
  const wasDown = state.mode === 'down';
  if (state.mode === 'hang' && mode !== 'hang') releaseHanging();
  state.mode = mode;
  state.delayMs = delayMs;
  if (mode === 'down' && !wasDown) {
    await closeVault();
  } else if (mode !== 'down' && wasDown) {
    await listenVault(vaultPort); // the same port again
  }
  return { status: 200, body: { mode: state.mode, delayMs: state.delayMs } };
}

// ----- control API (tests only) ----------------------------------------------------------------------

function kvSnapshot() {
  const out = {};
  for (const [path, entry] of state.kv) {
    const current = entry.versions[entry.current_version - 1];
    out[path] = {
      currentVersion: entry.current_version,
      versions: entry.versions.length,
      data: current && current.deletion_time === '' && !current.destroyed ? current.data : null,
    };
  }
  return out;
}

async function handleControl(request, response) {
  const text = await readBody(request);
  const url = new URL(request.url, 'http://control');
  const body = text ? JSON.parse(text) : {};
  const route = `${request.method} ${url.pathname}`;
  if (route === 'GET /state') {
    send(response, {
      status: 200,
      body: {
        mode: state.mode,
        delayMs: state.delayMs,
        counters: state.counters,
        tokens: [...state.tokens.values()].filter((t) => liveToken(t.id)).map((t) => ({
          accessor: t.accessor, path: t.path, ttl: remainingTtl(t), renewals: t.renewals,
        })),
        kv: kvSnapshot(),
        log: state.log.slice(-100),
      },
    });
  } else if (route === 'POST /mode') {
    send(response, await setMode(body.mode, Number(body.delayMs ?? 0)));
  } else if (route === 'POST /tokens') {
    // A token as `vault token create -ttl=.. -explicit-max-ttl=..` would make.
    const token = newToken({
      ttl: Number(body.ttl ?? options.ttl),
      maxTtl: Number(body.maxTtl ?? options.maxTtl),
      renewable: body.renewable ?? true,
      path: 'auth/token/create',
      displayName: 'token',
    });
    send(response, { status: 200, body: { token: token.id, ttl: remainingTtl(token) } });
  } else if (route === 'POST /kv') {
    // Seeds a secret as `vault kv put` would.
    send(response, kvWrite(body.path, { data: body.data }));
  } else if (route === 'POST /revoke-all') {
    for (const [id, token] of state.tokens) {
      if (!token.policies.includes('root')) state.tokens.delete(id);
    }
    send(response, { status: 204, body: null });
  } else {
    send(response, errors(404, `no control route ${route}`));
  }
}

const control = http.createServer((request, response) => {
  handleControl(request, response).catch((error) => send(response, errors(500, String(error))));
});

process.on('SIGUSR1', () => { setMode(state.mode === 'sealed' ? 'normal' : 'sealed'); });
process.on('SIGUSR2', () => { setMode(state.mode === 'hang' ? 'normal' : 'hang'); });
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));

vaultPort = await listenVault(options.port);
const controlPort = await new Promise((resolve) => {
  control.listen(options.controlPort, '127.0.0.1', () => resolve(control.address().port));
});
process.stdout.write(`${JSON.stringify({ vaultPort, controlPort, scheme: tls ? 'https' : 'http' })}\n`);
