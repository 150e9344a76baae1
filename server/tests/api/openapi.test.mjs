// docs/openapi.json: complete (every routed method and path), internally consistent, and true
// (real responses validate against its schemas). The validator below covers the JSON Schema
// keywords the document uses; an unknown keyword fails the test rather than pass silently.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  DATABASES,
  REPO_ROOT,
  adminClient,
  startService,
  uniqueCode,
  userClient,
  validStore,
  waitFor,
} from './harness.mjs';

const doc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/openapi.json'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function routeTable() {
  const source = readFileSync(path.join(REPO_ROOT, 'server/src/http/routes.cpp'), 'utf8');
  return [...source.matchAll(/add(?:_cached)?\("([A-Z]+)",\s*"([^"]+)",\s*(k\w+)/g)].map((m) => ({
    method: m[1].toLowerCase(),
    path: m[2],
    public: m[3] === 'kPublic',
    // kViewer is the lowest role: every authenticated caller passes, so no 403 can happen.
    roleAboveViewer: m[3] === 'kOperator' || m[3] === 'kAdmin',
  }));
}

function resolve(ref) {
  assert.ok(ref.startsWith('#/'), `only local $refs: ${ref}`);
  let node = doc;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  assert.notEqual(node, undefined, `unresolved $ref ${ref}`);
  return node;
}

function* walk(node, where = '#') {
  if (node && typeof node === 'object') {
    yield [node, where];
    for (const [key, value] of Object.entries(node)) {
      yield* walk(value, `${where}/${key}`);
    }
  }
}

// ----- a small JSON Schema 2020-12 validator -------------------------------------------------
const KNOWN = new Set([
  '$ref', 'type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'items',
  'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems',
  'anyOf', 'allOf', 'propertyNames', 'dependentRequired', 'format', 'description', 'examples',
  'default', 'title',
]);

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function validate(schema, value, where = '$') {
  const errors = [];
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) {
      errors.push(`${where}: schema keyword ${key} not supported by this test`);
    }
  }
  if (schema.$ref) {
    errors.push(...validate(resolve(schema.$ref), value, where));
  }
  if (schema.type) {
    const types = [].concat(schema.type);
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      errors.push(`${where}: ${actual} is not ${types.join('|')}`);
      return errors;
    }
  }
  if (schema.enum && !schema.enum.some((item) => JSON.stringify(item) === JSON.stringify(value))) {
    errors.push(`${where}: ${JSON.stringify(value)} not in enum`);
  }
  if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) {
    errors.push(`${where}: ${JSON.stringify(value)} is not ${JSON.stringify(schema.const)}`);
  }
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push(`${where}: "${value.slice(0, 60)}" does not match ${schema.pattern}`);
    }
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${where}: too short`);
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${where}: too long`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${where}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${where}: above maximum`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${where}: too few items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${where}: too many items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) {
      errors.push(`${where}: items not unique`);
    }
    if (schema.items) {
      value.forEach((item, i) => errors.push(...validate(schema.items, item, `${where}[${i}]`)));
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const name of schema.required ?? []) {
      if (!(name in value)) errors.push(`${where}: missing ${name}`);
    }
    for (const [name, names] of Object.entries(schema.dependentRequired ?? {})) {
      if (name in value) {
        for (const other of names) {
          if (!(other in value)) errors.push(`${where}: ${name} needs ${other}`);
        }
      }
    }
    for (const [name, member] of Object.entries(value)) {
      if (schema.propertyNames) {
        errors.push(...validate(schema.propertyNames, name, `${where}{${name}}`));
      }
      if (schema.properties && name in schema.properties) {
        errors.push(...validate(schema.properties[name], member, `${where}.${name}`));
      } else if (schema.additionalProperties === false) {
        errors.push(`${where}: unexpected member ${name}`);
      } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
        errors.push(...validate(schema.additionalProperties, member, `${where}.${name}`));
      }
    }
  }
  for (const sub of schema.allOf ?? []) {
    errors.push(...validate(sub, value, where));
  }
  if (schema.anyOf && !schema.anyOf.some((sub) => validate(sub, value, where).length === 0)) {
    errors.push(`${where}: matches none of anyOf`);
  }
  return errors;
}

/** Asserts that `response` is documented for (method, template) and validates its body. */
function assertDocumented(method, template, response) {
  const operation = doc.paths[template]?.[method];
  assert.ok(operation, `${method} ${template} is not documented`);
  let documented = operation.responses[String(response.status)];
  assert.ok(documented, `${method} ${template}: status ${response.status} is not documented`);
  if (documented.$ref) documented = resolve(documented.$ref);
  // Every documented header that is present matches its schema (integers arrive as text).
  for (const [name, reference] of Object.entries(documented.headers ?? {})) {
    const header = reference.$ref ? resolve(reference.$ref) : reference;
    const text = response.headers.get(name);
    if (text === null) {
      assert.ok(!header.required, `${method} ${template} ${response.status}: header ${name} is missing`);
      continue;
    }
    const schema = header.schema.$ref ? resolve(header.schema.$ref) : header.schema;
    const value = [].concat(schema.type).includes('integer') && /^-?\d+$/.test(text) ? Number(text) : text;
    const errors = validate(header.schema, value, name);
    assert.deepEqual(errors, [], `${method} ${template} ${response.status}: header ${name}: ${text}`);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim();
  if (response.text === '') {
    return;
  }
  const media = documented.content?.[type];
  assert.ok(media, `${method} ${template} ${response.status}: ${type} is not documented`);
  const errors = validate(media.schema, response.body);
  assert.deepEqual(errors, [], `${method} ${template} ${response.status} does not match the document`);
}

// ----- the document itself ---------------------------------------------------------------------

describe('docs/openapi.json', () => {
  test('is OpenAPI 3.1 with info, paths, components and bearerAuth', () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    assert.equal(typeof doc.info.title, 'string');
    assert.equal(typeof doc.info.version, 'string');
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
      ...doc.components.securitySchemes.bearerAuth,
      type: 'http',
      scheme: 'bearer',
    });
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
  });

  test('documents every route of routes.cpp, and nothing else', () => {
    const routes = routeTable();
    assert.ok(routes.length >= 20, `read ${routes.length} routes`);
    for (const route of routes) {
      assert.ok(doc.paths[route.path]?.[route.method], `${route.method.toUpperCase()} ${route.path} is not documented`);
    }
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => m in item)) {
        assert.ok(
          routes.some((route) => route.path === template && route.method === method),
          `${method.toUpperCase()} ${template} is documented but not routed`,
        );
      }
    }
  });

  test('public routes opt out of security; the others inherit bearerAuth and document 401 (403 above viewer)', () => {
    for (const route of routeTable()) {
      const operation = doc.paths[route.path][route.method];
      if (route.public) {
        assert.deepEqual(operation.security, [], `${route.method} ${route.path} should be public`);
      } else {
        assert.equal(operation.security, undefined, `${route.method} ${route.path} should need a token`);
        assert.ok(operation.responses['401'], `${route.method} ${route.path} documents no 401`);
        assert.equal(
          Boolean(operation.responses['403']),
          route.roleAboveViewer,
          `${route.method} ${route.path}: 403 must be documented exactly when the route needs more than viewer`,
        );
      }
    }
  });

  test('every {param} is declared as a required path parameter', () => {
    for (const [template, item] of Object.entries(doc.paths)) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const method of METHODS.filter((m) => m in item)) {
        const parameters = [...(item.parameters ?? []), ...(item[method].parameters ?? [])].map((p) =>
          p.$ref ? resolve(p.$ref) : p,
        );
        for (const name of names) {
          const declared = parameters.find((p) => p.in === 'path' && p.name === name);
          assert.ok(declared?.required, `${method} ${template}: path parameter ${name}`);
        }
      }
    }
  });

  test('operation ids are unique; every response has a description; errors are problem+json', () => {
    const ids = new Set();
    for (const [template, item] of Object.entries(doc.paths)) {
      for (const method of METHODS.filter((m) => m in item)) {
        const operation = item[method];
        assert.ok(operation.operationId && !ids.has(operation.operationId), `${method} ${template} operationId`);
        ids.add(operation.operationId);
        for (const [status, reference] of Object.entries(operation.responses)) {
          const response = reference.$ref ? resolve(reference.$ref) : reference;
          assert.equal(typeof response.description, 'string', `${method} ${template} ${status}`);
          if (Number(status) >= 400 && template !== '/health/ready') {
            assert.ok(response.content?.['application/problem+json'], `${method} ${template} ${status} is not a problem`);
          }
        }
      }
    }
  });

  test('every $ref resolves and every schema keyword is one this suite understands', () => {
    for (const [node] of walk(doc)) {
      if (typeof node.$ref === 'string') {
        resolve(node.$ref);
      }
    }
    const check = (schema, where) => {
      for (const key of Object.keys(schema)) {
        assert.ok(KNOWN.has(key), `${where}: keyword ${key}`);
      }
      for (const [name, sub] of Object.entries(schema.properties ?? {})) check(sub, `${where}.${name}`);
      for (const [i, sub] of [...(schema.allOf ?? []), ...(schema.anyOf ?? [])].entries()) check(sub, `${where}[${i}]`);
      for (const key of ['items', 'additionalProperties', 'propertyNames']) {
        if (schema[key] && typeof schema[key] === 'object') check(schema[key], `${where}.${key}`);
      }
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      check(schema, name);
    }
  });

  test('the schemas accept the example store and refuse broken ones', () => {
    const create = doc.components.schemas.StoreCreate;
    assert.deepEqual(validate(create, validStore('NYC-0042')), []);
    // The code's pattern is configuration (stores.code_pattern): the document states its length.
    assert.notDeepEqual(validate(create, validStore('N'.repeat(33))), []);
    assert.notDeepEqual(validate(create, { ...validStore('NYC-0042'), status: 'draft' }), []);
    assert.notDeepEqual(validate(create, validStore('NYC-0042', { networkPlan: [{ purpose: 'pos', vlanId: 4095 }] })), []);
    assert.notDeepEqual(validate(create, validStore('NYC-0042', { hardwarePlan: { laser: 1 } })), []);
  });
});

// ----- real responses match the document ---------------------------------------------------------

for (const db of DATABASES) {
  describe(`responses match docs/openapi.json [${db}]`, () => {
    let service;
    let admin;
    let operator;
    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      operator = await userClient(service, admin, 'operator');
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    test('operations, auth, stores, audit, stats and users', async () => {
      const anonymous = service.client();
      const check = async (method, template, promise) => {
        const response = await promise;
        assertDocumented(method, template, response);
        return response;
      };
      await check('get', '/health', anonymous.get('/health'));
      await check('get', '/health/ready', anonymous.get('/health/ready'));
      await check('get', '/metrics', anonymous.get('/metrics'));
      await check('get', '/api/openapi.json', anonymous.get('/api/openapi.json'));
      // Refresh-token reuse and logout end the user's access tokens: a user of its own.
      const spare = await userClient(service, admin, 'viewer');
      const session = await check('post', '/api/auth/login', anonymous.post('/api/auth/login', { username: spare.user.username, password: spare.password }));
      await check('post', '/api/auth/login', anonymous.post('/api/auth/login', { username: 'admin', password: 'wrong-password' }));
      await check('post', '/api/auth/login', anonymous.post('/api/auth/login', {}));
      const refreshed = await check('post', '/api/auth/refresh', anonymous.post('/api/auth/refresh', { refreshToken: session.body.refreshToken }));
      await check('post', '/api/auth/refresh', anonymous.post('/api/auth/refresh', { refreshToken: session.body.refreshToken }));
      await check('post', '/api/auth/logout', anonymous.post('/api/auth/logout', { refreshToken: refreshed.body.refreshToken }));
      await check('get', '/api/auth/me', admin.get('/api/auth/me'));
      await check('get', '/api/auth/me', anonymous.get('/api/auth/me'));

      const created = await check('post', '/api/stores', operator.post('/api/stores', validStore(uniqueCode())));
      await check('post', '/api/stores', operator.post('/api/stores', validStore(created.body.code)));
      await check('post', '/api/stores', operator.post('/api/stores', validStore('bad')));
      await check('post', '/api/stores', operator.request('POST', '/api/stores', { body: '{', headers: { 'content-type': 'application/json' } }));
      await check('post', '/api/stores', operator.request('POST', '/api/stores', { body: 'x', headers: { 'content-type': 'text/plain' } }));
      const minimal = validStore(uniqueCode());
      delete minimal.location.latitude;
      delete minimal.location.longitude;
      delete minimal.openingDate;
      delete minimal.networkPlan;
      await check('post', '/api/stores', operator.post('/api/stores', minimal));
      await check('get', '/api/stores', operator.get('/api/stores?pageSize=1'));
      const first = await operator.get('/api/stores?pageSize=1');
      await check('get', '/api/stores', operator.get(`/api/stores?pageSize=1&cursor=${first.body.nextCursor}`));
      await check('get', '/api/stores', operator.get('/api/stores?pageSize=0'));
      const id = created.body.id;
      await check('get', '/api/stores/{id}', operator.get(`/api/stores/${id}`));
      await check('get', '/api/stores/{id}', operator.get('/api/stores/00000000-0000-4000-8000-000000000000'));
      await check('get', '/api/stores/{id}', operator.get('/api/stores/x'));
      await check('patch', '/api/stores/{id}', operator.patch(`/api/stores/${id}`, { name: 'Patched' }));
      await check('patch', '/api/stores/{id}', operator.patch(`/api/stores/${id}`, { name: 'Patched' }, { headers: { 'if-match': '"1"' } }));
      await check('patch', '/api/stores/{id}', operator.patch(`/api/stores/${id}`, { name: 'Again' }, { headers: { 'if-match': '"1"' } }));
      await check('patch', '/api/stores/{id}', operator.patch(`/api/stores/${id}`, { status: 'active' }, { headers: { 'if-match': '"2"' } }));
      await check('get', '/api/stores/{id}/audit', operator.get(`/api/stores/${id}/audit`));
      await check('delete', '/api/stores/{id}', operator.delete(`/api/stores/${id}`));
      await check('delete', '/api/stores/{id}', operator.delete(`/api/stores/${id}`, { headers: { 'if-match': '"2"' } }));
      await check('get', '/api/audit', operator.get('/api/audit'));
      await check('get', '/api/audit', operator.get('/api/audit?page=0'));
      await check('get', '/api/stats', operator.get('/api/stats'));

      const user = await check('post', '/api/users', admin.post('/api/users', { username: `doc-${uniqueCode().toLowerCase()}`, password: 'long-enough-password', role: 'viewer' }));
      await check('post', '/api/users', admin.post('/api/users', { username: 'X', password: 'short', role: 'boss' }));
      await check('get', '/api/users', admin.get('/api/users'));
      await check('get', '/api/users', operator.get('/api/users'));
      await check('patch', '/api/users/{id}', admin.patch(`/api/users/${user.body.id}`, { role: 'operator', disabled: true }));
      await check('patch', '/api/users/{id}', admin.patch('/api/users/00000000-0000-4000-8000-000000000000', { role: 'viewer' }));
      await check('delete', '/api/users/{id}', admin.delete(`/api/users/${user.body.id}`));
      const me = await admin.get('/api/auth/me');
      await check('delete', '/api/users/{id}', admin.delete(`/api/users/${me.body.id}`));

      const token = await check('post', '/api/tokens', admin.post('/api/tokens', { name: 'doc bot', role: 'viewer', expiresAt: new Date(Date.now() + 3_600_000).toISOString() }));
      assert.equal(token.status, 201, token.text);
      await check('post', '/api/tokens', admin.post('/api/tokens', { name: '', role: 'boss' }));
      await check('post', '/api/tokens', operator.post('/api/tokens', { name: 'x', role: 'viewer' }));
      await check('get', '/api/auth/me', anonymous.as(token.body.token).get('/api/auth/me'));
      await check('get', '/api/tokens', admin.get('/api/tokens'));
      await check('delete', '/api/tokens/{id}', admin.delete(`/api/tokens/${token.body.id}`));
      await check('delete', '/api/tokens/{id}', admin.delete(`/api/tokens/${token.body.id}`));
      await check('delete', '/api/tokens/{id}', admin.delete('/api/tokens/x'));
    });

    test('provisioning, inventory, address pools, bulk and CSV', async () => {
      const viewer = await userClient(service, admin, 'viewer');
      const check = async (method, template, promise) => {
        const response = await promise;
        assertDocumented(method, template, response);
        return response;
      };
      const csv = (client, url, body, type = 'text/csv') =>
        client.request('POST', url, { body, headers: { 'content-type': type } });
      const missing = '00000000-0000-4000-8000-000000000000';

      const pool = await check('post', '/api/network/pools', admin.post('/api/network/pools', { cidr: '10.20.0.0/16', purpose: 'pos' }));
      await check('post', '/api/network/pools', admin.post('/api/network/pools', { cidr: '10.20.0.0/17', purpose: 'pos' }));
      await check('post', '/api/network/pools', admin.post('/api/network/pools', { cidr: 'x', purpose: 'dmz' }));
      await check('post', '/api/network/pools', operator.post('/api/network/pools', { cidr: '10.21.0.0/16', purpose: 'pos' }));
      const spare = await check('post', '/api/network/pools', admin.post('/api/network/pools', { cidr: '10.22.0.0/16', purpose: 'iot' }));
      await check('get', '/api/network/pools', viewer.get('/api/network/pools'));
      const model = await check('post', '/api/hardware/models', operator.post('/api/hardware/models', { kind: 'router', vendor: 'Cisco', model: 'ISR1100' }));
      await check('post', '/api/hardware/models', operator.post('/api/hardware/models', { kind: 'laser' }));
      await check('post', '/api/hardware/models', viewer.post('/api/hardware/models', { kind: 'router', vendor: 'a', model: 'b' }));
      await check('get', '/api/hardware/models', viewer.get('/api/hardware/models'));
      await check('post', '/api/hardware/items', operator.post('/api/hardware/items', { serial: 'DOC-RT-1', modelId: model.body.id }));
      await check('post', '/api/hardware/items', operator.post('/api/hardware/items', { serial: 'DOC-RT-1', modelId: model.body.id }));
      await check('post', '/api/hardware/items', operator.post('/api/hardware/items', { serial: 'x', modelId: model.body.id }));
      await check('get', '/api/hardware/items', viewer.get('/api/hardware/items?kind=router&page=1&pageSize=10'));
      await check('get', '/api/hardware/items', viewer.get('/api/hardware/items?status=lost'));
      await check('post', '/api/hardware/items/import', csv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\nDOC-AP-1,access_point,Ubiquiti,U6\nx,router,Cisco,ISR1100\n'));
      await check('post', '/api/hardware/items/import', csv(operator, '/api/hardware/items/import', 'serial,kind,vendor,model\n"DOC,router\n'));
      await check('post', '/api/hardware/items/import', csv(operator, '/api/hardware/items/import', 'serial\n', 'text/plain'));
      await check('post', '/api/hardware/items/import', csv(viewer, '/api/hardware/items/import', 'serial,kind,vendor,model\n'));

      const created = await operator.post('/api/stores', validStore(uniqueCode('DOC'), {
        hardwarePlan: { router: 1 },
        networkPlan: [{ purpose: 'pos' }],
      }));
      const id = created.body.id;
      await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${id}/provision`));
      await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${id}/provision`, undefined, { headers: { 'if-match': '"9"' } }));
      await check('post', '/api/stores/{id}/decommission', operator.post(`/api/stores/${id}/decommission`, undefined, { headers: { 'if-match': '"1"' } }));
      await check('post', '/api/stores/{id}/rollback', operator.post(`/api/stores/${id}/rollback`, undefined, { headers: { 'if-match': '"1"' } }));
      await check('get', '/api/stores/{id}/config-bundle', viewer.get(`/api/stores/${id}/config-bundle`));
      await check('get', '/api/stores/{id}/credentials', admin.get(`/api/stores/${id}/credentials`));
      const started = await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${id}/provision`, undefined, { headers: { 'if-match': '"1"' } }));
      await check('get', '/api/stores/{id}/runs/{runId}', viewer.get(started.headers.get('location')));
      let run;
      for (let i = 0; i < 400 && !['succeeded', 'failed'].includes(run?.status); ++i) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = (await viewer.get(started.headers.get('location'))).body;
      }
      assert.equal(run.status, 'succeeded', JSON.stringify(run));
      await check('get', '/api/stores/{id}/runs/{runId}', viewer.get(started.headers.get('location')));
      await check('get', '/api/stores/{id}/runs/{runId}', viewer.get(`/api/stores/${id}/runs/${missing}`));
      await check('get', '/api/stores/{id}/runs', viewer.get(`/api/stores/${id}/runs`));
      await check('get', '/api/stores/{id}/network', viewer.get(`/api/stores/${id}/network`));
      await check('get', '/api/stores/{id}/network', viewer.get(`/api/stores/${missing}/network`));
      await check('get', '/api/stores/{id}/hardware', viewer.get(`/api/stores/${id}/hardware`));
      await check('get', '/api/stores/{id}/credentials', admin.get(`/api/stores/${id}/credentials`));
      await check('get', '/api/stores/{id}/credentials', operator.get(`/api/stores/${id}/credentials`));
      // The credential lifecycle: versions, rotate, reveal a kept version, restore, release, revoke.
      const credentials = `/api/stores/${id}/credentials`;
      await check('get', '/api/stores/{id}/credentials/versions', viewer.get(`${credentials}/versions`));
      await check('get', '/api/stores/{id}/credentials/versions', viewer.get(`/api/stores/${missing}/credentials/versions`));
      await check('post', '/api/stores/{id}/credentials/rotate', operator.post(`${credentials}/rotate`));
      await check('post', '/api/stores/{id}/credentials/rotate', admin.post(`${credentials}/rotate`));
      await check('get', '/api/stores/{id}/credentials', admin.get(`${credentials}?version=1`));
      await check('get', '/api/stores/{id}/credentials', admin.get(`${credentials}?version=x`));
      await check('post', '/api/stores/{id}/credentials/versions/{version}/restore', admin.post(`${credentials}/versions/1/restore`));
      await check('post', '/api/stores/{id}/credentials/versions/{version}/restore', admin.post(`${credentials}/versions/1/restore`));
      await check('post', '/api/stores/{id}/credentials/versions/{version}/restore', admin.post(`${credentials}/versions/0/restore`));
      await check('post', '/api/stores/{id}/credentials/versions/{version}/release', admin.post(`${credentials}/versions/2/release`));
      await check('post', '/api/stores/{id}/credentials/versions/{version}/release', admin.post(`${credentials}/versions/9/release`));
      await check('post', '/api/stores/{id}/credentials/revoke', admin.post(`${credentials}/revoke`));
      await check('get', '/api/stores/{id}/credentials', admin.get(`${credentials}?version=1`));
      await check('get', '/api/stores/{id}/credentials/versions', viewer.get(`${credentials}/versions`));
      const bundle = await fetch(`${service.base}/api/stores/${id}/config-bundle`, { headers: { authorization: `Bearer ${viewer.token}` } });
      assert.equal(bundle.status, 200);
      assert.ok(doc.paths['/api/stores/{id}/config-bundle'].get.responses['200'].content[bundle.headers.get('content-type')]);
      await check('get', '/api/network/pools', viewer.get('/api/network/pools'));
      await check('delete', '/api/network/pools/{id}', admin.delete(`/api/network/pools/${pool.body.id}`));
      await check('delete', '/api/network/pools/{id}', admin.delete(`/api/network/pools/${spare.body.id}`));
      await check('delete', '/api/network/pools/{id}', admin.delete(`/api/network/pools/${spare.body.id}`));
      await check('delete', '/api/network/pools/{id}', operator.delete(`/api/network/pools/${spare.body.id}`));
      await check('get', '/api/stats', viewer.get('/api/stats'));
      await check('get', '/api/system/health', viewer.get('/api/system/health'));
      await check('get', '/api/system/alerts', viewer.get('/api/system/alerts?limit=5'));
      await check('get', '/api/system/alerts', viewer.get('/api/system/alerts?limit=0'));
      await check('get', '/api/system/settings', viewer.get('/api/system/settings'));
      await check('get', '/api/system/settings', viewer.get('/api/system/settings?x=1'));

      await check('post', '/api/stores/bulk', operator.post('/api/stores/bulk', { action: 'decommission', ids: [id, id, missing] }));
      await check('post', '/api/stores/bulk', operator.post('/api/stores/bulk', { action: 'explode', ids: [] }));
      await check('post', '/api/stores/bulk', viewer.post('/api/stores/bulk', { action: 'activate', ids: [id] }));
      await check('get', '/api/stores/{id}/runs', viewer.get(`/api/stores/${id}/runs`));
      await check('get', '/api/stores/export.csv', viewer.get('/api/stores/export.csv?type=standard'));
      await check('get', '/api/stores/export.csv', viewer.get('/api/stores/export.csv?status=nope'));
      await check('post', '/api/stores/import', csv(operator, '/api/stores/import', 'code,name,type,address,city,region,country,postalCode,timezone\nDOC-1234,Doc,standard,a,b,c,US,1,UTC\nbad,,,,,,,,\n'));
      await check('post', '/api/stores/import', csv(operator, '/api/stores/import', 'code\n'));
      await check('post', '/api/stores/import', csv(operator, '/api/stores/import', 'code\n', 'application/json'));
      await check('post', '/api/stores/import', csv(viewer, '/api/stores/import', 'code\n'));
      await check('get', '/api/stores/{id}/audit', viewer.get(`/api/stores/${id}/audit`));
      await check('get', '/api/audit', viewer.get('/api/audit?pageSize=500'));

      // Store templates: create, read, edit, stores from it (JSON and CSV), followers, sync, delete.
      const templateBody = {
        name: `Doc template ${uniqueCode('TPL')}`,
        type: 'express',
        tags: ['mall'],
        hardwarePlan: { router: 1 },
        networkPlan: [{ purpose: 'pos', vlanId: 10 }],
      };
      const template = await check('post', '/api/templates', operator.post('/api/templates', templateBody));
      const tid = template.body.id;
      await check('post', '/api/templates', operator.post('/api/templates', templateBody));
      await check('post', '/api/templates', operator.post('/api/templates', { name: ' x', type: 'kiosk', networkPlan: [{ purpose: 'pos', cidr: '10.0.0.0/24' }] }));
      await check('post', '/api/templates', viewer.post('/api/templates', templateBody));
      await check('get', '/api/templates', viewer.get('/api/templates'));
      await check('get', '/api/templates/{id}', viewer.get(`/api/templates/${tid}`));
      await check('get', '/api/templates/{id}', viewer.get(`/api/templates/${missing}`));
      await check('get', '/api/templates/{id}', viewer.get('/api/templates/nope'));
      const seeds = { stores: [validStore(uniqueCode('TPL')), validStore('bad code!')].map(({ code, name, location, openingDate }) => ({ code, name, location, openingDate })) };
      await check('post', '/api/templates/{id}/stores', operator.post(`/api/templates/${tid}/stores`, seeds));
      await check('post', '/api/templates/{id}/stores', operator.post(`/api/templates/${tid}/stores`, { stores: [{ code: 1 }] }));
      await check('post', '/api/templates/{id}/stores', csv(operator, `/api/templates/${tid}/stores`, `code,name,address,city,region,country,postalCode,timezone\n${uniqueCode('TPL')},Doc,a,b,c,US,1,UTC\n`));
      await check('post', '/api/templates/{id}/stores', csv(operator, `/api/templates/${tid}/stores`, 'code,type\n'));
      await check('post', '/api/templates/{id}/stores', operator.post(`/api/templates/${missing}/stores`, seeds));
      await check('patch', '/api/templates/{id}', operator.patch(`/api/templates/${tid}`, { hardwarePlan: { router: 2 } }, { headers: { 'if-match': '"1"' } }));
      await check('patch', '/api/templates/{id}', operator.patch(`/api/templates/${tid}`, { notes: 'x' }, { headers: { 'if-match': '"1"' } }));
      await check('patch', '/api/templates/{id}', operator.patch(`/api/templates/${tid}`, { version: 3 }, { headers: { 'if-match': '"2"' } }));
      await check('patch', '/api/templates/{id}', operator.patch(`/api/templates/${tid}`, { notes: 'x' }));
      await check('get', '/api/templates/{id}/stores', viewer.get(`/api/templates/${tid}/stores`));
      await check('get', '/api/templates/{id}/stores', viewer.get(`/api/templates/${missing}/stores`));
      await check('post', '/api/templates/{id}/sync', operator.post(`/api/templates/${tid}/sync`, { templateVersion: 1 }));
      await check('post', '/api/templates/{id}/sync', operator.post(`/api/templates/${tid}/sync`, { templateVersion: 2, storeIds: [missing] }));
      await check('post', '/api/templates/{id}/sync', operator.post(`/api/templates/${tid}/sync`, { templateVersion: 2 }));
      await check('post', '/api/templates/{id}/sync', operator.post(`/api/templates/${tid}/sync`, { storeIds: ['x'] }));
      await check('get', '/api/stores', viewer.get(`/api/stores?q=TPL`));
      await check('delete', '/api/templates/{id}', operator.delete(`/api/templates/${tid}`, { headers: { 'if-match': '"2"' } }));
      await check('delete', '/api/templates/{id}', operator.delete(`/api/templates/${tid}`, { headers: { 'if-match': '"1"' } }));
      const unused = await operator.post('/api/templates', { ...templateBody, name: `${templateBody.name} unused` });
      await check('delete', '/api/templates/{id}', operator.delete(`/api/templates/${unused.body.id}`, { headers: { 'if-match': '"1"' } }));
      await check('delete', '/api/templates/{id}', operator.delete(`/api/templates/${unused.body.id}`, { headers: { 'if-match': '"1"' } }));
      await check('get', '/api/audit', viewer.get('/api/audit?pageSize=500'));
      await check('get', '/api/audit', viewer.get('/api/audit?action=template.deleted'));

      // Go-live calendar and forecast: the stores above open on 2027-03-01 and lack stock.
      await check('get', '/api/calendar', viewer.get('/api/calendar?from=2027-02-15&to=2027-03-15'));
      await check('get', '/api/calendar', viewer.get('/api/calendar?from=2027-03-15&to=2027-02-15'));
      await check('get', '/api/calendar', viewer.get('/api/calendar'));
      const forecast = await check('get', '/api/forecast', viewer.get('/api/forecast?horizon=366'));
      assert.ok(forecast.body.warnings.length > 0, 'no warning to check against the document');
      await check('get', '/api/forecast', viewer.get('/api/forecast'));
      await check('get', '/api/forecast', viewer.get('/api/forecast?horizon=0'));

      // Plan before apply: a plan, a stale plan's 409 with its changes, bad plan ids.
      const draft = (await operator.post('/api/stores', validStore(uniqueCode()))).body;
      const plan = await check('post', '/api/stores/{id}/plan', operator.post(`/api/stores/${draft.id}/plan`));
      assert.ok(plan.body.problems.length > 0, 'a plan with problems, to check them against the document');
      await check('post', '/api/stores/{id}/plan', viewer.post(`/api/stores/${draft.id}/plan`));
      await check('post', '/api/stores/{id}/plan', operator.post(`/api/stores/${missing}/plan`));
      await operator.patch(`/api/stores/${draft.id}`, { notes: 'edited' }, { headers: { 'if-match': '"1"' } });
      const stale = await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${draft.id}/provision`, { planId: plan.body.planId }, { headers: { 'if-match': '"2"' } }));
      assert.equal(stale.status, 409, stale.text);
      assert.ok(stale.body.changes.length > 0, stale.text);
      await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${draft.id}/provision`, { planId: missing }, { headers: { 'if-match': '"2"' } }));
      await check('post', '/api/stores/{id}/provision', operator.post(`/api/stores/${draft.id}/provision`, { planId: 'x' }, { headers: { 'if-match': '"2"' } }));

      // Rollouts: created, its canary ended, listed, read, acted on (200 and 409), and refused
      // (422, 400, 403, 404).
      const wave = [draft.id, (await operator.post('/api/stores', validStore(uniqueCode()))).body.id];
      const rollout = await check('post', '/api/rollouts', operator.post('/api/rollouts', { name: 'Doc rollout', action: 'provision', storeIds: wave, canarySize: 1, batchSize: 1, waitSeconds: 60 }));
      assert.equal(rollout.status, 201, rollout.text);
      const rid = rollout.body.id;
      await check('get', '/api/audit', viewer.get('/api/audit?action=rollout.created'));
      await waitFor(async () => {
        const { body } = await viewer.get(`/api/rollouts/${rid}`);
        return body.status !== 'running' || body.nextWaveAt !== null; // halted, or waiting after the canary
      }, { attempts: 400, what: 'the canary to end' });
      const read = await check('get', '/api/rollouts/{id}', viewer.get(`/api/rollouts/${rid}`));
      assert.ok(read.body.items.some((item) => item.finishedAt !== null), read.text);
      await check('get', '/api/rollouts', viewer.get('/api/rollouts'));
      await check('get', '/api/rollouts', viewer.get('/api/rollouts?status=halted&limit=1'));
      await check('get', '/api/rollouts', viewer.get('/api/rollouts?status=x'));
      await check('post', '/api/rollouts/{id}/pause', operator.post(`/api/rollouts/${rid}/pause`));
      await check('post', '/api/rollouts/{id}/resume', operator.post(`/api/rollouts/${rid}/resume`));
      await check('post', '/api/rollouts/{id}/abort', viewer.post(`/api/rollouts/${rid}/abort`));
      await check('post', '/api/rollouts/{id}/abort', operator.post(`/api/rollouts/${rid}/abort`));
      await check('post', '/api/rollouts/{id}/retry-failed', operator.post(`/api/rollouts/${rid}/retry-failed`));
      await check('post', '/api/rollouts/{id}/retry-failed', operator.post(`/api/rollouts/${missing}/retry-failed`));
      await check('get', '/api/rollouts/{id}', viewer.get(`/api/rollouts/${missing}`));
      await check('get', '/api/rollouts/{id}', viewer.get('/api/rollouts/x'));
      await check('post', '/api/rollouts', operator.post('/api/rollouts', { name: 'x', action: 'provision', storeIds: [missing, missing] }));
      await check('post', '/api/rollouts', operator.post('/api/rollouts', { name: 'x', action: 'decommission', filter: { tag: 'pilot' } }));
      await check('post', '/api/rollouts', viewer.post('/api/rollouts', { name: 'x', action: 'provision', storeIds: wave }));
    });
  });
}
