// Users (admin only): list, create, patch, delete, self-protection.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import {
  ADMIN_PASSWORD,
  DATABASES,
  ISO_TIME,
  UUID,
  adminClient,
  assertProblem,
  randomSuffix,
  startService,
} from './harness.mjs';

const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

for (const db of DATABASES) {
  describe(`users [${db}]`, () => {
    let service;
    let admin;
    let adminId;

    before(async () => {
      service = await startService({ db });
      admin = await adminClient(service);
      adminId = (await admin.get('/api/auth/me')).body.id;
    });
    after(async () => {
      await service?.stopAndAssertClean();
    });

    async function createUser(role = 'viewer') {
      const username = `user-${randomSuffix()}`;
      const password = `password-${username}`;
      const response = await admin.post('/api/users', { username, password, role });
      assert.equal(response.status, 201, response.text);
      return { ...response.body, password };
    }

    const loginStatus = async (username, password) =>
      (await service.client().post('/api/auth/login', { username, password })).status;

    test('GET /api/users → {items} with the bootstrap admin', async () => {
      const response = await admin.get('/api/users');
      assert.equal(response.status, 200);
      const bootstrap = response.body.items.find((user) => user.username === 'admin');
      assert.ok(bootstrap);
      assert.equal(bootstrap.role, 'admin');
      assert.equal(bootstrap.disabled, false);
      assert.doesNotMatch(response.text, /password|hash|argon/i);
    });

    test('the bootstrap admin is audited with plain values (username and role, not JSON text)', async () => {
      const users = await admin.get('/api/users');
      const bootstrap = users.body.items.find((user) => user.username === 'admin');
      let entry;
      for (let page = 1; page <= 50 && !entry; page += 1) {
        const audit = await admin.get(`/api/audit?page=${page}&pageSize=100`);
        assert.equal(audit.status, 200, audit.text);
        entry = audit.body.items.find((candidate) => candidate.entityId === bootstrap.id && candidate.action === 'user.created');
        if (audit.body.items.length < 100) break;
      }
      assert.ok(entry, 'the bootstrap admin has a user.created entry');
      assert.equal(entry.actor, 'system');
      assert.deepEqual(entry.changes, [
        { field: 'username', before: null, after: 'admin' },
        { field: 'role', before: null, after: 'admin' },
      ]);
    });

    test('POST /api/users → 201 user, Location; the user can log in', async () => {
      const username = `new.user_${randomSuffix()}`;
      const response = await admin.post('/api/users', { username, password: 'a-long-password', role: 'operator' });
      assert.equal(response.status, 201, response.text);
      const user = response.body;
      assert.match(user.id, UUID);
      assert.equal(user.username, username);
      assert.equal(user.role, 'operator');
      assert.equal(user.disabled, false);
      assert.match(user.createdAt, ISO_TIME);
      assert.match(user.updatedAt, ISO_TIME);
      assert.equal(response.headers.get('location'), `/api/users/${user.id}`);
      assert.doesNotMatch(response.text, /password|hash/i);
      const session = await service.client().login(username, 'a-long-password');
      assert.equal(session.user.role, 'operator');
      const listed = await admin.get('/api/users');
      assert.ok(listed.body.items.some((item) => item.id === user.id));
    });

    test('POST duplicate username → 409', async () => {
      const user = await createUser();
      const again = await admin.post('/api/users', { username: user.username, password: 'another-password', role: 'viewer' });
      assertProblem(again, 409);
    });

    for (const [description, body, field] of [
      ['username too short', { username: 'ab', password: 'long-enough-pw', role: 'viewer' }, 'username'],
      ['username upper case', { username: 'Alice', password: 'long-enough-pw', role: 'viewer' }, 'username'],
      ['username with space', { username: 'al ice', password: 'long-enough-pw', role: 'viewer' }, 'username'],
      ['username of 65', { username: 'a'.repeat(65), password: 'long-enough-pw', role: 'viewer' }, 'username'],
      ['password of 11', { username: 'alice-x', password: 'short-pw-11', role: 'viewer' }, 'password'],
      ['role unknown', { username: 'alice-y', password: 'long-enough-pw', role: 'root' }, 'role'],
      ['username missing', { password: 'long-enough-pw', role: 'viewer' }, 'username'],
      ['password missing', { username: 'alice-z', role: 'viewer' }, 'password'],
      ['role missing', { username: 'alice-w', password: 'long-enough-pw' }, 'role'],
      ['unknown field', { username: 'alice-v', password: 'long-enough-pw', role: 'viewer', email: 'a@b.c' }, 'email'],
      ['role not a string', { username: 'alice-u', password: 'long-enough-pw', role: 1 }, 'role'],
    ]) {
      test(`POST invalid: ${description} → 422 naming ${field}`, async () => {
        const response = await admin.post('/api/users', body);
        assertProblem(response, 422, { fields: [field] });
      });
    }

    test('POST malformed JSON → 400; wrong content type → 415', async () => {
      assertProblem(
        await admin.request('POST', '/api/users', { body: '{', headers: { 'content-type': 'application/json' } }),
        400,
      );
      assertProblem(
        await admin.request('POST', '/api/users', { body: 'x', headers: { 'content-type': 'text/plain' } }),
        415,
      );
    });

    test('PATCH role → 200; the next login carries the new role', async () => {
      const user = await createUser('viewer');
      const response = await admin.patch(`/api/users/${user.id}`, { role: 'operator' });
      assert.equal(response.status, 200, response.text);
      assert.equal(response.body.role, 'operator');
      assert.equal(response.body.id, user.id);
      const session = await service.client().login(user.username, user.password);
      assert.equal(session.user.role, 'operator');
    });

    test('PATCH disabled → the user can no longer log in; re-enable restores', async () => {
      const user = await createUser();
      const session = await service.client().login(user.username, user.password);
      const disabled = await admin.patch(`/api/users/${user.id}`, { disabled: true });
      assert.equal(disabled.status, 200);
      assert.equal(disabled.body.disabled, true);
      assert.equal(await loginStatus(user.username, user.password), 401);
      // Disabling ends existing sessions: the refresh token is refused.
      assertProblem(await service.client().post('/api/auth/refresh', { refreshToken: session.refreshToken }), 401);
      assert.equal((await admin.patch(`/api/users/${user.id}`, { disabled: false })).status, 200);
      assert.equal(await loginStatus(user.username, user.password), 200);
    });

    test('PATCH password → the old one fails, the new one works', async () => {
      const user = await createUser();
      const response = await admin.patch(`/api/users/${user.id}`, { password: 'a-brand-new-password' });
      assert.equal(response.status, 200, response.text);
      assert.equal(await loginStatus(user.username, user.password), 401);
      assert.equal(await loginStatus(user.username, 'a-brand-new-password'), 200);
    });

    test('PATCH invalid: bad role, short password, unknown field, wrong types → 422', async () => {
      const user = await createUser();
      assertProblem(await admin.patch(`/api/users/${user.id}`, { role: 'god' }), 422, { fields: ['role'] });
      assertProblem(await admin.patch(`/api/users/${user.id}`, { password: 'short' }), 422, { fields: ['password'] });
      assertProblem(await admin.patch(`/api/users/${user.id}`, { username: 'renamed' }), 422, { fields: ['username'] });
      assertProblem(await admin.patch(`/api/users/${user.id}`, { disabled: 'yes' }), 422, { fields: ['disabled'] });
    });

    test('PATCH unknown user → 404; not a UUID → 400', async () => {
      assertProblem(await admin.patch(`/api/users/${MISSING_UUID}`, { role: 'viewer' }), 404);
      assertProblem(await admin.patch('/api/users/abc', { role: 'viewer' }), 400, { fields: ['id'] });
    });

    test('an admin cannot demote or disable themself → 409', async () => {
      assertProblem(await admin.patch(`/api/users/${adminId}`, { role: 'viewer' }), 409);
      assertProblem(await admin.patch(`/api/users/${adminId}`, { disabled: true }), 409);
      assert.equal(await loginStatus('admin', ADMIN_PASSWORD), 200);
    });

    test('DELETE a user → 204; they cannot log in; again → 404', async () => {
      const user = await createUser();
      const response = await admin.delete(`/api/users/${user.id}`);
      assert.equal(response.status, 204, response.text);
      assert.equal(await loginStatus(user.username, user.password), 401);
      assertProblem(await admin.delete(`/api/users/${user.id}`), 404);
      const listed = await admin.get('/api/users');
      assert.ok(!listed.body.items.some((item) => item.id === user.id));
    });

    test('an admin cannot delete themself → 409', async () => {
      assertProblem(await admin.delete(`/api/users/${adminId}`), 409);
      assert.equal(await loginStatus('admin', ADMIN_PASSWORD), 200);
    });

    test('DELETE not a UUID → 400', async () => {
      assertProblem(await admin.delete('/api/users/me'), 400);
    });

    test('user changes are audited', async () => {
      const user = await createUser();
      await admin.patch(`/api/users/${user.id}`, { role: 'operator' });
      await admin.delete(`/api/users/${user.id}`);
      const audit = await admin.get('/api/audit?pageSize=10');
      const mine = audit.body.items.filter((entry) => entry.entityId === user.id);
      assert.deepEqual(mine.map((entry) => entry.action), ['user.deleted', 'user.updated', 'user.created']);
      assert.ok(mine.every((entry) => entry.entityType === 'user' && entry.actor === 'admin'));
      assert.deepEqual(
        mine[1].changes.find((change) => change.field === 'role'),
        { field: 'role', before: 'viewer', after: 'operator' },
      );
      assert.doesNotMatch(audit.text, new RegExp(user.password));
    });
  });
}
