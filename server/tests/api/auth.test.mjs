// Authentication: login, refresh rotation, logout, token checks, roles, throttling.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  DATABASES,
  UUID,
  adminClient,
  assertProblem,
  decodeJwt,
  forgeToken,
  startService,
  userClient,
  validStore,
  uniqueCode,
} from './harness.mjs';

const nowSeconds = () => Math.floor(Date.now() / 1000);

for (const db of DATABASES) {
  describe(`auth [${db}]`, () => {
    let service;
    let anonymous;
    let admin;

    before(async () => {
      service = await startService({ db });
      anonymous = service.client();
      admin = await adminClient(service);
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    const login = (body) => anonymous.post('/api/auth/login', body);

    test('login → 200 {accessToken, refreshToken, expiresIn, tokenType, user}', async () => {
      const response = await login({ username: 'admin', password: ADMIN_PASSWORD, rememberMe: false });
      assert.equal(response.status, 200, response.text);
      const body = response.body;
      assert.equal(typeof body.accessToken, 'string');
      assert.equal(typeof body.refreshToken, 'string');
      assert.ok(body.refreshToken.length >= 20);
      assert.equal(body.expiresIn, 900);
      assert.equal(body.tokenType, 'Bearer');
      assert.match(body.user.id, UUID);
      assert.equal(body.user.username, 'admin');
      assert.equal(body.user.role, 'admin');
      const { header, payload } = decodeJwt(body.accessToken);
      assert.equal(header.alg, 'HS256');
      assert.equal(payload.sub, body.user.id);
      assert.equal(payload.name, 'admin');
      assert.equal(payload.role, 'admin');
      assert.equal(payload.exp - payload.iat, 900);
      assert.equal(typeof payload.jti, 'string');
      assert.match(response.headers.get('cache-control') ?? '', /no-store/);
    });

    test('login with rememberMe true, and without rememberMe, → 200', async () => {
      for (const rememberMe of [true, undefined]) {
        const response = await login({ username: 'admin', password: ADMIN_PASSWORD, rememberMe });
        assert.equal(response.status, 200, response.text);
      }
    });

    test('GET /api/auth/me returns the caller', async () => {
      const response = await admin.get('/api/auth/me');
      assert.equal(response.status, 200);
      assert.equal(response.body.username, 'admin');
      assert.equal(response.body.role, 'admin');
      assert.match(response.body.id, UUID);
    });

    test('wrong password → 401 problem with WWW-Authenticate', async () => {
      const response = await login({ username: 'admin', password: 'not-the-password', rememberMe: false });
      assertProblem(response, 401, { path: '/api/auth/login' });
      assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.doesNotMatch(response.text, /accessToken/);
    });

    test('unknown user → 401, indistinguishable from a wrong password', async () => {
      const unknown = await login({ username: 'nobody-here', password: 'whatever-password', rememberMe: false });
      const wrong = await login({ username: 'admin', password: 'whatever-password', rememberMe: false });
      assertProblem(unknown, 401);
      assertProblem(wrong, 401);
      assert.equal(unknown.body.detail, wrong.body.detail);
    });

    test('missing fields → 400/422 naming them', async () => {
      for (const [body, fields] of [
        [{ password: 'x' }, ['username']],
        [{ username: 'admin' }, ['password']],
        [{}, ['username', 'password']],
        [{ username: '', password: '' }, ['username', 'password']],
        [{ username: 5, password: true }, ['username', 'password']],
      ]) {
        const response = await login(body);
        assert.ok([400, 422].includes(response.status), `${JSON.stringify(body)}: ${response.text}`);
        assertProblem(response, response.status, { fields });
      }
    });

    test('login: malformed JSON → 400, wrong content type → 415', async () => {
      assertProblem(
        await anonymous.request('POST', '/api/auth/login', {
          body: '{"username":',
          headers: { 'content-type': 'application/json' },
        }),
        400,
      );
      assertProblem(
        await anonymous.request('POST', '/api/auth/login', {
          body: 'username=admin&password=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
        415,
      );
    });

    test('refresh rotates: new tokens, the old refresh token is refused', async () => {
      // Presenting the old refresh token again is reuse: it ends the user's access tokens.
      const own = await userClient(service, admin, 'viewer');
      const session = await anonymous.login(own.user.username, own.password);
      const refreshed = await anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      assert.equal(refreshed.status, 200, refreshed.text);
      assert.notEqual(refreshed.body.refreshToken, session.refreshToken);
      assert.equal(typeof refreshed.body.accessToken, 'string');
      assert.equal(refreshed.body.user.username, own.user.username);
      assert.equal(refreshed.body.expiresIn, 900);
      const me = await anonymous.as(refreshed.body.accessToken).get('/api/auth/me');
      assert.equal(me.status, 200);
      const again = await anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      assertProblem(again, 401);
    });

    test('reusing a rotated refresh token revokes the whole family', async () => {
      // Reuse and logout end the user's access tokens too: a user of its own.
      const own = await userClient(service, admin, 'viewer');
      const session = await anonymous.login(own.user.username, own.password);
      const first = await anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken });
      assert.equal(first.status, 200);
      // The stolen (old) token is presented again: refused, and the rotated one dies with it.
      assertProblem(await anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken }), 401);
      assertProblem(await anonymous.post('/api/auth/refresh', { refreshToken: first.body.refreshToken }), 401);
    });

    test('8 concurrent refreshes of one token → exactly one 200', async () => {
      // Reuse and logout end the user's access tokens too: a user of its own.
      const own = await userClient(service, admin, 'viewer');
      const session = await anonymous.login(own.user.username, own.password);
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken })),
      );
      const statuses = responses.map((response) => response.status);
      assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(','));
      assert.equal(statuses.filter((status) => status === 401).length, 7, statuses.join(','));
    });

    test('refresh: unknown token 401, missing token 400/422', async () => {
      assertProblem(await anonymous.post('/api/auth/refresh', { refreshToken: 'no-such-token' }), 401);
      const missing = await anonymous.post('/api/auth/refresh', {});
      assert.ok([400, 422].includes(missing.status), missing.text);
      assertProblem(missing, missing.status, { fields: ['refreshToken'] });
    });

    test('logout → 204 and revokes the refresh token', async () => {
      // Reuse and logout end the user's access tokens too: a user of its own.
      const own = await userClient(service, admin, 'viewer');
      const session = await anonymous.login(own.user.username, own.password);
      const response = await anonymous.post('/api/auth/logout', { refreshToken: session.refreshToken });
      assert.equal(response.status, 204, response.text);
      assertProblem(await anonymous.post('/api/auth/refresh', { refreshToken: session.refreshToken }), 401);
    });

    describe('access tokens', () => {
      let claims;
      before(async () => {
        const session = await anonymous.login('admin', ADMIN_PASSWORD);
        claims = decodeJwt(session.accessToken).payload;
      });

      const me = (authorization) =>
        anonymous.request('GET', '/api/auth/me', authorization === undefined ? {} : { headers: { authorization } });

      test('a token forged with the configured secret is accepted (control)', async () => {
        const token = forgeToken({ ...claims, iat: nowSeconds(), exp: nowSeconds() + 600 });
        const response = await me(`Bearer ${token}`);
        assert.equal(response.status, 200, response.text);
      });

      test('missing Authorization → 401 with WWW-Authenticate: Bearer', async () => {
        const response = await me(undefined);
        assertProblem(response, 401, { path: '/api/auth/me' });
        assert.match(response.headers.get('www-authenticate') ?? '', /^Bearer/);
      });

      test('not a Bearer scheme, empty or garbage token → 401', async () => {
        for (const header of ['Basic YWRtaW46eA==', 'Bearer', 'Bearer ', 'Bearer garbage', 'Bearer a.b.c', 'Bearer ....', `Bearer ${'x'.repeat(5000)}`, 'bearer']) {
          assertProblem(await me(header), 401);
        }
      });

      test('expired token → 401', async () => {
        const token = forgeToken({ ...claims, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 });
        assertProblem(await me(`Bearer ${token}`), 401);
      });

      test('tampered payload (role raised, signature kept) → 401', async () => {
        const viewerToken = forgeToken({ ...claims, role: 'viewer', exp: nowSeconds() + 600 });
        const [header, , signature] = viewerToken.split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims, role: 'admin', exp: nowSeconds() + 600 })).toString('base64url');
        assertProblem(await me(`Bearer ${header}.${payload}.${signature}`), 401);
        // One flipped signature character.
        const good = forgeToken({ ...claims, exp: nowSeconds() + 600 });
        const flipped = good.slice(0, -2) + (good.at(-2) === 'A' ? 'B' : 'A') + good.at(-1);
        assertProblem(await me(`Bearer ${flipped}`), 401);
      });

      test('alg: none → 401', async () => {
        const token = forgeToken({ ...claims, exp: nowSeconds() + 600 }, { alg: 'none' });
        assertProblem(await me(`Bearer ${token}`), 401);
        assertProblem(await me(`Bearer ${token}c2lnbmF0dXJl`), 401);
        const upper = forgeToken({ ...claims, exp: nowSeconds() + 600 }, { alg: 'NONE' });
        assertProblem(await me(`Bearer ${upper}`), 401);
      });

      test('signed with another key, or another algorithm → 401', async () => {
        const other = forgeToken({ ...claims, exp: nowSeconds() + 600 }, { secret: 'another-secret-of-sufficient-length-1234567890' });
        assertProblem(await me(`Bearer ${other}`), 401);
        const hs512 = forgeToken({ ...claims, exp: nowSeconds() + 600 }, { alg: 'HS512' });
        assertProblem(await me(`Bearer ${hs512}`), 401);
      });

      test('claims missing → 401', async () => {
        const { sub, ...noSub } = claims;
        assertProblem(await me(`Bearer ${forgeToken({ ...noSub, exp: nowSeconds() + 600 })}`), 401);
        const { exp, ...noExp } = claims;
        assertProblem(await me(`Bearer ${forgeToken(noExp)}`), 401);
      });

      test('every /api route except login, refresh, logout and openapi needs a token', async () => {
        const id = '00000000-0000-4000-8000-000000000000';
        for (const [method, url] of [
          ['GET', '/api/auth/me'],
          ['GET', '/api/stores'],
          ['POST', '/api/stores'],
          ['GET', `/api/stores/${id}`],
          ['PATCH', `/api/stores/${id}`],
          ['DELETE', `/api/stores/${id}`],
          ['GET', `/api/stores/${id}/audit`],
          ['GET', '/api/audit'],
          ['GET', '/api/stats'],
          ['GET', '/api/users'],
          ['POST', '/api/users'],
          ['PATCH', `/api/users/${id}`],
          ['DELETE', `/api/users/${id}`],
        ]) {
          const response = await anonymous.request(method, url);
          assertProblem(response, 401);
        }
        assert.equal((await anonymous.get('/api/openapi.json')).status, 200);
      });
    });

    describe('roles', () => {
      let viewer;
      let operator;
      before(async () => {
        viewer = await userClient(service, admin, 'viewer');
        operator = await userClient(service, admin, 'operator');
      });

      test('viewer reads stores, audit and stats', async () => {
        for (const url of ['/api/stores', '/api/audit', '/api/stats', '/api/auth/me']) {
          assert.equal((await viewer.get(url)).status, 200, url);
        }
      });

      test('viewer cannot POST stores → 403 problem', async () => {
        const response = await viewer.post('/api/stores', validStore(uniqueCode()));
        assertProblem(response, 403, { path: '/api/stores' });
      });

      test('operator writes stores but cannot manage users → 403', async () => {
        assert.equal((await operator.post('/api/stores', validStore(uniqueCode()))).status, 201);
        assertProblem(await operator.get('/api/users'), 403);
        assertProblem(
          await operator.post('/api/users', { username: 'sneaky', password: 'sneaky-password-1', role: 'admin' }),
          403,
        );
        assertProblem(await operator.patch(`/api/users/${operator.user.id}`, { role: 'admin' }), 403);
        assertProblem(await operator.delete(`/api/users/${viewer.user.id}`), 403);
        assertProblem(await viewer.get('/api/users'), 403);
      });

      test('admin manages users and writes stores', async () => {
        assert.equal((await admin.get('/api/users')).status, 200);
        assert.equal((await admin.post('/api/stores', validStore(uniqueCode()))).status, 201);
      });

      test('a forged token with a role the user does not have is still only as good as its signature', async () => {
        // The control: a correctly signed viewer token cannot POST.
        const claims = decodeJwt(viewer.token).payload;
        const token = forgeToken({ ...claims, role: 'viewer' });
        assertProblem(await service.client().as(token).post('/api/stores', validStore(uniqueCode())), 403);
      });
    });
  });
}

describe('login throttle (MAX_FAILED_LOGINS=3)', () => {
  let service;
  before(async () => {
    service = await startService({ db: 'sqlite', env: { MAX_FAILED_LOGINS: '3' } });
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('after 3 failures the user gets 429 with Retry-After, even with the right password', async () => {
    const client = service.client();
    for (let i = 0; i < 3; ++i) {
      const response = await client.post('/api/auth/login', { username: 'admin', password: `wrong-${i}-password` });
      assertProblem(response, 401);
    }
    const refused = await client.post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    assertProblem(refused, 429, { path: '/api/auth/login' });
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter > 0, `Retry-After: ${refused.headers.get('retry-after')}`);
    const still = await client.post('/api/auth/login', { username: 'admin', password: 'wrong-again-password' });
    assertProblem(still, 429);
  });

  test('failures of one user do not lock another user out', async () => {
    const response = await service.client().post('/api/auth/login', { username: 'someone-else', password: 'some-password-1' });
    assertProblem(response, 401);
  });
});

describe('request rate limit (RATE_LIMIT_RPS=0.01, burst 3)', () => {
  let service;
  before(async () => {
    service = await startService({ db: 'sqlite', env: { RATE_LIMIT_RPS: '0.01', RATE_LIMIT_BURST: '3' } });
  });
  after(async () => {
    await service?.stopAndAssertClean();
  });

  test('the 4th request from one address → 429 with Retry-After; health stays open', async () => {
    const client = service.client();
    for (let i = 0; i < 3; ++i) {
      assert.equal((await client.get('/api/openapi.json')).status, 200);
    }
    const limited = await client.get('/api/openapi.json');
    assertProblem(limited, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await client.get('/health')).status, 200);
    assert.equal((await client.get('/metrics')).status, 200);
  });
});
