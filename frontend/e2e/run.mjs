// End-to-end tests: the real store-service binary, a fresh data directory, Debian's
// Chromium driven by playwright-core, axe-core on every page, screenshots at three widths.
// Usage: npm run build && npm run e2e   (STORE_SERVICE_BIN overrides the binary path)
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { axeCheck } from './axe.mjs';
import { runJourney, wizardToNetworkStep } from './journey.mjs';
import { api, startService } from './service.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const BIN = resolve(frontend, process.env.STORE_SERVICE_BIN ?? '../build/release/store-service');
const DIST = join(frontend, 'dist');
const SHOTS = resolve(frontend, process.env.SCREENSHOT_DIR ?? '../build/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WIDTHS = [375, 768, 1440];
const PASSWORD = `e2e-${randomBytes(12).toString('hex')}`;

function fail(msg) {
  console.error(`e2e: ${msg}`);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
}
if (!existsSync(BIN)) fail(`no service binary at ${BIN} (build it, or set STORE_SERVICE_BIN)`);
if (!existsSync(join(DIST, 'index.html'))) fail('no dist/index.html: run `npm run build` first');

// ---------------------------------------------------------------- helpers
function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function waitFor(fn, msg, timeoutMs = 10000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${msg}${last ? ` (${last.message})` : ''}`);
}

async function login(page, base, { remember = true } = {}) {
  await page.goto(`${base}/login`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(PASSWORD);
  if (remember) await page.getByLabel('Remember me').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(400);
}

/**
 * Scrolls down the page half a screen at a time and back up: what a page builds only once
 * scrolled to (OnScreen panels, the phone's further store cards) is then in the screenshot
 * and in axe's check.
 */
async function scrollThrough(page) {
  for (let i = 0; i < 40; i += 1) {
    const more = await page.evaluate(() => {
      const before = window.scrollY;
      window.scrollBy(0, window.innerHeight / 2);
      return window.scrollY > before;
    });
    await page.waitForTimeout(150);
    if (!more) break;
  }
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
}

// ---------------------------------------------------------------- the tests
const results = [];
let currentPage = null;
mkdirSync(SHOTS, { recursive: true });
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
    results.push({ name, status: 'passed' });
  } catch (e) {
    console.log(`FAIL ${name}: ${e.message.split('\n').slice(0, 6).join('\n  ')}`);
    const shot = join(SHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
    await currentPage?.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    results.push({ name, status: 'failed' });
  }
}

const service = await startService({
  bin: BIN,
  staticDir: DIST,
  env: { BOOTSTRAP_ADMIN_PASSWORD: PASSWORD },
});
const { base } = service;
console.log(`e2e: service at ${base}`);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

try {
  const tokenRes = await api(base, null, 'POST', '/api/auth/login', {
    username: 'admin',
    password: PASSWORD,
    rememberMe: false,
  });
  const token = tokenRes.json.accessToken;

  const ctxA = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    bypassCSP: true,
  });
  const page = await ctxA.newPage();
  currentPage = page;
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  const code = `E2E-${String(Date.now()).slice(-4)}`;
  let storeId = null;

  await test('unauthenticated visit goes to login and back to the page afterwards', async () => {
    await page.goto(`${base}/monitoring`);
    await page.waitForURL(/\/login\?next=%2Fmonitoring/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Monitoring', level: 1 }).waitFor();
  });

  // GET /login is the pre-rendered page (login.html, src/login/sign-in.ts), not the app.
  await test('the login page works with its own few KB of script, then opens ?next=', async () => {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    const scripts = [];
    const onResponse = (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r);
    };
    page.on('response', onResponse);
    await page.goto(`${base}/login?next=%2Fstores`, { waitUntil: 'load' });
    page.off('response', onResponse);
    let bytes = 0;
    for (const r of scripts) bytes += (await r.body()).length;
    expect(scripts.length > 0 && bytes <= 100 * 1024, `login loaded ${bytes} bytes of JS`);
    expect((await page.locator('#root').count()) === 0, 'GET /login answered the app');
    await page.getByText('Sign in to open that page.').waitFor();
    await axeCheck(page, 'the pre-rendered login page');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your username').waitFor();
    await axeCheck(page, 'the pre-rendered login page with field errors');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong-password-2');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong username or password.').waitFor();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname === '/stores', `ended on ${page.url()}`);
  });

  await test('log in with remember me keeps the tokens in localStorage', async () => {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
    await login(page, base, { remember: true });
    const stored = await page.evaluate(() => Object.keys(localStorage).join(','));
    expect(stored.includes('store-platform.session'), `localStorage holds ${stored}`);
  });

  // The whole job through the browser, on this service's SQLite database.
  await runJourney({
    browser,
    base,
    password: PASSWORD,
    db: 'sqlite',
    test,
    expect,
    shots: SHOTS,
    setCurrentPage: (p) => {
      currentPage = p;
    },
    axe: axeCheck,
  });
  currentPage = page;

  await test('an overlapping address pool is refused with a clear message', async () => {
    await page.goto(`${base}/pools`);
    await page.getByRole('button', { name: 'New pool' }).click();
    const dialog = page.getByRole('dialog', { name: 'New address pool' });
    await dialog.getByRole('textbox', { name: 'CIDR' }).fill('10.20.5.0/24');
    await dialog.getByRole('button', { name: 'Add pool' }).click();
    await dialog.getByText('10.20.5.0/24 overlaps the address pool 10.20.0.0/16').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  await test('create a store through the wizard', async () => {
    await wizardToNetworkStep(page, code, 'E2E Flagship Berlin');
    await page.getByRole('textbox', { name: 'VLAN id' }).first().fill('10');
    await page.getByRole('textbox', { name: 'Subnet (CIDR)' }).first().fill('10.20.200.1/24');
    await page.getByText('Host bits are set').waitFor();
    await page.getByRole('textbox', { name: 'Subnet (CIDR)' }).first().fill('10.20.200.0/24');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await page.getByRole('button', { name: 'Create store' }).click();
    await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
    storeId = page.url().split('/').pop();
    await page.getByRole('heading', { name: new RegExp(code) }).waitFor();
  });

  await test('find the store in the list by search (filters in the URL)', async () => {
    await page.goto(`${base}/stores`);
    await page.getByRole('searchbox', { name: 'Search' }).fill(code.toLowerCase());
    await page.waitForURL(new RegExp(`q=${code.toLowerCase()}`));
    await page.getByRole('link', { name: code }).waitFor();
    // Other stores exist (the journey's): wait for the filtered answer to replace the list.
    await waitFor(
      async () => (await page.getByRole('row').count()) === 2,
      'the list shows the header and the one matching store',
    );
    await page.reload();
    await page.getByRole('link', { name: code }).waitFor();
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(new RegExp(storeId));
  });

  await test('edit the store', async () => {
    await page
      .getByRole('textbox', { name: 'Name', exact: true })
      .fill('E2E Flagship Berlin Mitte');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Saved .* \(version 2\)/).waitFor();
    const r = await api(base, token, 'GET', `/api/stores/${storeId}`);
    expect(r.json.name === 'E2E Flagship Berlin Mitte', `name is ${r.json.name}`);
  });

  await test('a conflicting edit from a second browser opens the conflict dialog and resolves', async () => {
    // The first browser starts editing version 2 ...
    await page
      .getByRole('textbox', { name: 'Notes', exact: true })
      .fill('Opening team on site from March.');
    // ... while a second user saves version 3.
    const ctxB = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      bypassCSP: true,
    });
    const other = await ctxB.newPage();
    await login(other, base, { remember: false });
    await other.goto(`${base}/stores/${storeId}`);
    await other.getByRole('textbox', { name: 'City', exact: true }).fill('Potsdam');
    await other.getByRole('button', { name: 'Save changes' }).click();
    await other
      .getByText(/version 3/)
      .first()
      .waitFor();
    await ctxB.close();
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'This store was changed by someone else' });
    await dialog.waitFor();
    await dialog.getByRole('cell', { name: /Potsdam/ }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'conflict-dialog-1440.png') });
    // A three-way merge: their city stays (this browser never touched it), my notes are added.
    await dialog.getByRole('button', { name: 'Save merged version' }).click();
    await page.getByText(/Saved .* \(version 4\)/).waitFor();
    const r = await api(base, token, 'GET', `/api/stores/${storeId}`);
    expect(r.json.notes === 'Opening team on site from March.', `notes: ${r.json.notes}`);
    expect(
      r.json.location.city === 'Potsdam',
      `the merge keeps their city, got ${r.json.location.city}`,
    );
    expect(
      (await page.getByRole('textbox', { name: 'City', exact: true }).inputValue()) === 'Potsdam',
      'the form shows the merged version',
    );
  });

  await test('"reload theirs" in the conflict dialog shows the other version', async () => {
    await page.getByRole('textbox', { name: 'Region', exact: true }).fill('Brandenburg');
    const cur = await api(base, token, 'GET', `/api/stores/${storeId}`);
    const r = await api(
      base,
      token,
      'PATCH',
      `/api/stores/${storeId}`,
      { notes: 'changed by the API' },
      {
        'if-match': cur.headers.get('etag'),
      },
    );
    expect(r.status === 200, `API patch answered ${r.status}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'This store was changed by someone else' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reload theirs' }).click();
    await waitFor(
      async () =>
        (await page.getByRole('textbox', { name: 'Notes', exact: true }).inputValue()) ===
        'changed by the API',
      'the form shows their notes',
    );
    const region = await page.getByRole('textbox', { name: 'Region', exact: true }).inputValue();
    expect(region === 'BE', `region after reload is ${region}`);
  });

  await test("provision this run's wizard store (on the journey's pools and stock)", async () => {
    await page.goto(`${base}/stores/${storeId}`);
    await page.getByRole('button', { name: 'Provision' }).click();
    const plan = page.getByRole('dialog', { name: `Plan to provision ${code}` });
    await plan.getByRole('table', { name: 'Planned network segments' }).waitFor();
    await plan.getByRole('button', { name: 'Provision as planned' }).click();
    await page.locator('[data-status="active"]').first().waitFor({ timeout: 60000 });
  });

  await test('a pool that segments use cannot be deleted', async () => {
    await page.goto(`${base}/pools`);
    await page.getByRole('button', { name: 'Delete pool 10.20.0.0/16' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('alert')
      .getByText(/in use by/)
      .waitFor();
    await page.getByRole('rowheader', { name: '10.20.0.0/16' }).waitFor();
  });

  await test('export the filtered list as CSV', async () => {
    await page.goto(`${base}/stores?q=${encodeURIComponent(code.toLowerCase())}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const path = await download.path();
    expect(path, 'download saved');
  });

  // A store template with two stores from it, one of them behind (the template edited since),
  // for the template pages' checks below.
  const seededTemplate = await api(base, token, 'POST', '/api/templates', {
    name: 'Seed mall unit',
    description: 'Seeded for the accessibility checks',
    type: 'standard',
    tags: ['seed'],
    hardwarePlan: { router: 1, pos_terminal: 4 },
    networkPlan: [{ purpose: 'pos', vlanId: null }],
  });
  expect(seededTemplate.status === 201, `template: ${seededTemplate.status}`);
  const templateId = seededTemplate.json.id;
  const fromTemplate = await api(base, token, 'POST', `/api/templates/${templateId}/stores`, {
    stores: ['SEA-0001', 'SEA-0002'].map((c, i) => ({
      code: c,
      name: `Seattle mall ${i + 1}`,
      location: {
        address: `${i + 1} Pine St`,
        city: 'Seattle',
        region: 'WA',
        country: 'US',
        postalCode: '98101',
        timezone: 'America/Los_Angeles',
      },
    })),
  });
  expect(fromTemplate.json.created === 2, `stores from the template: ${fromTemplate.status}`);
  const edited = await api(
    base,
    token,
    'PATCH',
    `/api/templates/${templateId}`,
    { hardwarePlan: { router: 1, pos_terminal: 6 } },
    { 'if-match': seededTemplate.headers.get('etag') },
  );
  expect(edited.status === 200, `template edit: ${edited.status}`);

  // Pages for accessibility checks and screenshots.
  const pages = [
    ['dashboard', '/'],
    ['stores', '/stores'],
    ['store-detail', `/stores/${storeId}`],
    ['store-new', '/stores/new'],
    ['monitoring', '/monitoring'],
    ['users', '/users'],
    ['inventory', '/inventory'],
    ['pools', '/pools'],
    ['activity', '/activity'],
    ['templates', '/templates'],
    ['template-detail', `/templates/${templateId}`],
    // The journey's stores from its template open on September 1, 2027.
    ['calendar', '/calendar?view=month&date=2027-09-01'],
  ];
  const NEW_PAGES = new Set([
    'inventory',
    'pools',
    'activity',
    'store-detail',
    'stores',
    'users',
    'templates',
    'template-detail',
    'calendar',
  ]);
  mkdirSync(SHOTS, { recursive: true });
  // A few more stores so the list and charts have something to show.
  const seed = [
    ['NYC-0042', 'Manhattan 5th Ave', 'flagship', 'New York', 'NY', 'US', 'America/New_York'],
    ['LON-0101', 'Oxford Street', 'standard', 'London', 'LDN', 'GB', 'Europe/London'],
    ['PAR-0007', 'Rivoli Express', 'express', 'Paris', 'IDF', 'FR', 'Europe/Paris'],
    ['MUC-0300', 'Munich Outlet', 'outlet', 'Munich', 'BY', 'DE', 'Europe/Berlin'],
    ['HAM-0900', 'Hamburg Warehouse', 'warehouse', 'Hamburg', 'HH', 'DE', 'Europe/Berlin'],
  ];
  for (const [c, name, type, city, region, country, timezone] of seed) {
    await api(base, token, 'POST', '/api/stores', {
      code: c,
      name,
      type,
      location: { address: '1 Main St', city, region, country, postalCode: '12345', timezone },
      tags: ['seed'],
      notes: '',
      hardwarePlan: { router: 1, pos_terminal: 3 },
      networkPlan: [{ purpose: 'pos', vlanId: null, cidr: null }],
    });
  }

  // A rollout for the rollout pages' checks: decommissioning the seeded drafts, which cannot
  // start (no runs, no resources taken): the canary fails and the rollout halts by itself.
  await test('a rollout of the seeded stores halts by itself on its canary', async () => {
    const created = await api(base, token, 'POST', '/api/rollouts', {
      name: 'Seeded stores, decommission',
      action: 'decommission',
      filter: { tag: 'seed' },
      canarySize: 1,
      batchSize: 2,
    });
    expect(
      created.status === 201,
      `POST /api/rollouts: ${created.status} ${JSON.stringify(created.json)}`,
    );
    pages.push(['rollouts', '/rollouts'], ['rollout-detail', `/rollouts/${created.json.id}`]);
    NEW_PAGES.add('rollouts');
    NEW_PAGES.add('rollout-detail');
    await waitFor(
      async () =>
        (await api(base, token, 'GET', `/api/rollouts/${created.json.id}`)).json.status ===
        'halted',
      'the rollout halts',
      30000,
    );
  });

  await test('export the selection: exactly the selected stores, from the bulk toolbar', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/stores?tag=seed&sort=code`);
    const selected = ['NYC-0042', 'PAR-0007'];
    for (const c of selected) {
      await page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: c, exact: true }) })
        .getByRole('checkbox')
        .check();
    }
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bar.getByRole('button', { name: 'Export selection' }).click(),
    ]);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(lines[0].startsWith('id,code,name,'), `header row: ${lines[0]}`);
    const codes = lines.slice(1).map((l) => l.split(',')[1]);
    expect(
      JSON.stringify(codes) === JSON.stringify(selected),
      `exported ${JSON.stringify(codes)}, selected ${JSON.stringify(selected)}`,
    );
    await bar.getByRole('button', { name: 'Clear selection' }).click();
  });

  for (const [name, path] of pages) {
    await test(`axe: ${name} has no serious or critical violations`, async () => {
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(base + path);
      await settle(page);
      await axeCheck(page, name);
    });
  }

  // The same checks in dark mode: the toggle stores the choice, so every page opens dark.
  await test('dark mode: the toggle switches the colour scheme', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await waitFor(
      async () =>
        (await page.evaluate(() => document.documentElement.dataset.muiColorScheme)) === 'dark',
      'the document is in dark mode',
    );
  });
  for (const [name, path] of pages) {
    await test(`axe (dark): ${name} has no serious or critical violations`, async () => {
      await page.goto(base + path);
      await settle(page);
      const scheme = await page.evaluate(() => document.documentElement.dataset.muiColorScheme);
      expect(scheme === 'dark', `colour scheme is ${scheme}`);
      await axeCheck(page, `${name} (dark)`);
      await page.screenshot({ path: join(SHOTS, `${name}-dark-1440.png`), fullPage: true });
    });
  }
  await test('dark mode: the toggle switches back to light', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    await waitFor(
      async () =>
        (await page.evaluate(() => document.documentElement.dataset.muiColorScheme)) === 'light',
      'the document is in light mode',
    );
  });

  await test('screenshots at 375, 768 and 1440 px, axe at each width on the new pages', async () => {
    const ctxS = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      bypassCSP: true,
    });
    const p = await ctxS.newPage();
    for (const w of WIDTHS) {
      await p.setViewportSize({ width: w, height: w < 800 ? 900 : 900 });
      await p.goto(`${base}/login`);
      await settle(p);
      await p.screenshot({ path: join(SHOTS, `login-${w}.png`), fullPage: true });
    }
    await login(p, base);
    for (const [name, path] of pages) {
      for (const w of WIDTHS) {
        await p.setViewportSize({ width: w, height: 900 });
        await p.goto(base + path);
        await settle(p);
        await scrollThrough(p);
        await p.screenshot({ path: join(SHOTS, `${name}-${w}.png`), fullPage: true });
        if (NEW_PAGES.has(name)) await axeCheck(p, `${name} at ${w} px`);
      }
    }
    await ctxS.close();
  });

  // Each URL's page (scripts/route-pages.ts; GET /stores/<id> is pages/stores/_.html) names
  // all the code its first screen runs, so it comes in one round with the entry, not after it.
  // On a phone: there the dashboard's charts and the data grid are not on the first screen.
  await test('the dashboard, the store list and a store load all their code in one round on a phone', async () => {
    const ctx = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const p = await ctx.newPage();
    await login(p, base);
    for (const [path, heading] of [
      ['/', 'Overview'],
      ['/stores', 'Stores'],
      [`/stores/${storeId}`, new RegExp(code)],
    ]) {
      const scripts = [];
      const onRequest = (r) => {
        if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
      };
      p.on('request', onRequest);
      const response = await p.goto(base + path);
      await p.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await settle(p);
      p.off('request', onRequest);
      const html = await response.text();
      const named = new Set(
        [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]),
      );
      const late = scripts.filter((s) => !named.has(s));
      expect(scripts.length > 0, `${path}: no script requests seen`);
      expect(late.length === 0, `${path}: fetched a round later, not named in its HTML: ${late}`);
    }
    await ctx.close();
  });

  // A pre-linked page's HTML paints the shell and the page's title with no script at all;
  // the app then replaces it (one h1, no leftover shell).
  await test("the pre-linked pages paint the shell and the page's title before any script", async () => {
    for (const viewport of [
      { width: 412, height: 823 },
      { width: 1350, height: 940 },
    ]) {
      const bare = await browser.newContext({ viewport, javaScriptEnabled: false });
      const b = await bare.newPage();
      for (const [path, title] of [
        ['/', 'Overview'],
        ['/stores', 'Stores'],
        ['/pools', 'Address pools'],
        ['/templates', 'Templates'],
        ['/calendar', 'Go-live calendar'],
      ]) {
        await b.goto(base + path);
        expect(
          await b.getByRole('heading', { name: title, level: 1 }).isVisible(),
          `${path} at ${viewport.width} px: no "${title}" heading without script`,
        );
        expect(await b.getByText('Store Platform').isVisible(), `${path}: no brand in the bar`);
      }
      await b.goto(`${base}/stores/${storeId}`);
      expect(await b.getByText('Store Platform').isVisible(), 'store page: no brand in the bar');
      await bare.close();
    }
    await page.goto(`${base}/stores`);
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    await settle(page);
    expect((await page.locator('.shell').count()) === 0, 'the shell is still in the page');
    expect((await page.getByRole('heading', { level: 1 }).count()) === 1, 'more than one h1');
  });

  // Start-up: nothing on screen may move while the shell, the header and the page arrive one
  // after another (header placeholder, stat-card skeletons, health label; on a store's page the
  // code field's hint and the provisioning steps, which arrive with the store).
  async function layoutShifts(contextOptions, paths) {
    const ctx = await browser.newContext(contextOptions);
    const p = await ctx.newPage();
    await p.addInitScript(() => {
      window.__layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__layoutShift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await login(p, base);
    const cdp = await ctx.newCDPSession(p);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const shifts = [];
    for (const path of paths) {
      await p.goto(base + path);
      await settle(p);
      await p.waitForTimeout(500);
      shifts.push([path, await p.evaluate(() => window.__layoutShift)]);
    }
    await ctx.close();
    return shifts;
  }

  await test('no layout shift while the dashboard, the store list and a store load on a phone', async () => {
    const shifts = await layoutShifts(
      {
        viewport: { width: 412, height: 823 },
        deviceScaleFactor: 1.75,
        isMobile: true,
        hasTouch: true,
      },
      ['/', '/stores', `/stores/${storeId}`],
    );
    for (const [path, shift] of shifts) {
      expect(shift < 0.01, `${path}: cumulative layout shift ${shift.toFixed(3)}`);
    }
  });

  await test("no layout shift while a store's page loads on a desktop", async () => {
    // Lighthouse's desktop viewport: the edit form's first fields and the provisioning
    // steps share the first screen.
    const [[path, shift]] = await layoutShifts({ viewport: { width: 1350, height: 940 } }, [
      `/stores/${storeId}`,
    ]);
    expect(shift < 0.01, `${path}: cumulative layout shift ${shift.toFixed(3)}`);
  });

  await test('log out revokes the session and returns to login', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${base}/`);
    const refresh = await page.evaluate(() => {
      const raw =
        localStorage.getItem('store-platform.session') ??
        sessionStorage.getItem('store-platform.session');
      return raw ? JSON.parse(raw).refreshToken : null;
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    const r = await api(base, null, 'POST', '/api/auth/refresh', { refreshToken: refresh });
    expect(r.status === 401, `refresh after logout answered ${r.status}`);
    await page.goto(`${base}/stores`);
    await page.waitForURL(/\/login\?next=%2Fstores/);
  });

  // The same journey on PostgreSQL: a throw-away server (scripts/start-postgres.sh, as the API
  // tests use) and a second service on it.
  const pgDir = mkdtempSync(join(tmpdir(), 'store-e2e-pg-'));
  chmodSync(pgDir, 0o755);
  const started = spawnSync(join(frontend, '../scripts/start-postgres.sh'), [join(pgDir, 'pg')], {
    encoding: 'utf8',
    timeout: 120000,
  });
  try {
    await test('PostgreSQL starts for the journey', async () => {
      expect(started.status === 0, `start-postgres.sh: ${started.stderr}`);
    });
    if (started.status === 0) {
      const pgService = await startService({
        bin: BIN,
        staticDir: DIST,
        env: { BOOTSTRAP_ADMIN_PASSWORD: PASSWORD, DATABASE_URL: started.stdout.trim() },
      });
      try {
        await runJourney({
          browser,
          base: pgService.base,
          password: PASSWORD,
          db: 'postgres',
          test,
          expect,
          shots: SHOTS,
          setCurrentPage: (p) => {
            currentPage = p;
          },
          axe: axeCheck,
        });
      } finally {
        pgService.stop();
      }
    }
  } finally {
    spawnSync(join(frontend, '../scripts/stop-postgres.sh'), [join(pgDir, 'pg')], {
      timeout: 60000,
    });
    rmSync(pgDir, { recursive: true, force: true });
  }

  await test('no uncaught errors in the page', async () => {
    expect(consoleErrors.length === 0, consoleErrors.join('\n'));
  });
} finally {
  await browser.close().catch(() => undefined);
  service.stop();
}

const passed = results.filter((r) => r.status === 'passed').length;
const failed = results.filter((r) => r.status === 'failed').length;
console.log(`e2e: screenshots in ${SHOTS}`);
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
