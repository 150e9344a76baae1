// Regenerates docs/images/dashboard.png, the README's screenshot: the real service with ~30
// seeded stores in every status (two runs waiting in a retry, one out of stock, one
// decommissioned), the dashboard at 1440 × 900 in Debian's Chromium.
// Usage: npm run build && node e2e/readme-screenshot.mjs [OUT.png]
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { seedDemo } from './seed-demo.mjs';
import { api, startService } from './service.mjs';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = resolve(frontend, process.env.STORE_SERVICE_BIN ?? '../build/release/store-service');
const DIST = join(frontend, 'dist');
const OUT = resolve(process.argv[2] ?? join(frontend, '../docs/images/dashboard.png'));
const PASSWORD = `shot-${randomBytes(12).toString('hex')}`;

if (!existsSync(BIN)) throw new Error(`no service binary at ${BIN}`);
if (!existsSync(join(DIST, 'index.html'))) throw new Error('no dist/index.html: npm run build');

const service = await startService({
  bin: BIN,
  staticDir: DIST,
  prefix: 'store-shot-',
  env: {
    BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    RATE_LIMIT_RPS: '0',
    // The first two runs to reach render_configs wait minutes in a retry: "provisioning".
    PROVISIONING_INJECT_FAILURES: 'render_configs=2',
    PROVISIONING_BACKOFF_BASE_MS: '300000',
    PROVISIONING_BACKOFF_CAP_MS: '600000',
  },
});
const { base } = service;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
});
try {
  const login = await api(base, null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
  });
  const token = login.json.accessToken;
  await seedDemo(base, token, { count: 30, active: 18, inFlight: 2, log: (m) => console.log(m) });

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  // The latency chart needs two /metrics samples (10 s apart) with traffic between them.
  for (let i = 0; i < 22; i += 1) {
    await api(base, token, 'GET', '/api/stores?pageSize=100');
    await api(base, token, 'GET', '/api/stats');
    await page.waitForTimeout(2000);
  }
  await page.getByRole('img', { name: /Request latency/ }).waitFor({ timeout: 30000 });
  await page.mouse.move(0, 899);
  await page.waitForTimeout(500);
  mkdirSync(dirname(OUT), { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`screenshot: ${OUT} (${Math.round(statSync(OUT).size / 1024)} KB)`);
} finally {
  await browser.close().catch(() => undefined);
  service.stop();
}
