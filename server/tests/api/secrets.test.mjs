// Secrets out of logs (docs/security.md "Secrets in logs and URLs"): without
// BOOTSTRAP_ADMIN_PASSWORD the generated admin password goes to <data_dir>/admin-password with
// mode 0600; the log names the file and never contains the password. (Tokens in WebSocket URLs:
// events.test.mjs; driver text: http.test.mjs and the circuit-breaker unit test.)
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { DATABASES, startService } from './harness.mjs';

for (const db of DATABASES) {
  describe(`generated admin password (${db})`, () => {
    test('is written to a 0600 file in the data directory whose path, not the password, is logged', async () => {
      const service = await startService({ db, env: { BOOTSTRAP_ADMIN_PASSWORD: '', LOG_LEVEL: 'debug' } });
      try {
        const file = path.join(service.dataDir, 'admin-password');
        const mode = statSync(file).mode & 0o777;
        assert.equal(mode.toString(8), '600');
        const password = readFileSync(file, 'utf8').trim();
        assert.ok(password.length >= 20, 'a long random password');

        const created = service.logs.find((entry) => /created user 'admin'/.test(entry.msg ?? ''));
        assert.ok(created, 'the creation is logged');
        assert.equal(created.passwordFile, file);
        const everything = JSON.stringify(service.logs) + service.stderr;
        assert.ok(!everything.includes(password), 'the password appears in the log');

        const session = await service.client().post('/api/auth/login', { username: 'admin', password });
        assert.equal(session.status, 200, session.text);
      } finally {
        await service.stopAndAssertClean();
      }
    });
  });
}

describe('given admin password', () => {
  test('writes no password file', async () => {
    const service = await startService();
    try {
      assert.throws(() => statSync(path.join(service.dataDir, 'admin-password')), /ENOENT/);
    } finally {
      await service.stopAndAssertClean();
    }
  });
});
