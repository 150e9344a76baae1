// The operator's whole job through the browser: address pools, stock by CSV, a store by the
// wizard and two by CSV, provisioning watched live, the config bundle, a credential reveal, a
// bulk decommission (a rollout) with one refusal, a store template and its stores opened as one
// chain (a plan, a rollout with a canary and a pause, the go-live calendar, a credential
// rotation and the bundle diff it makes), the forecast, and every step found again in the
// activity feed. One store is seeded through the API (as another user would create it), for the
// forecast to hear of it live. run.mjs runs it once per database against a fresh service.
import { join } from 'node:path';

import { api } from './service.mjs';

const POOLS = [
  ['POS', '10.20.0.0/16'],
  ['Corporate', '10.21.0.0/16'],
  ['Guest', '10.22.0.0/16'],
  ['IoT', '10.23.0.0/16'],
  ['Management', '10.24.0.0/16'],
];

function stockCsv(tag) {
  const rows = ['serial,kind,vendor,model'];
  const kinds = [
    ['pos_terminal', 'POS', 'Verifone', 'V400m', 24],
    ['router', 'RT', 'Cisco', 'ISR1100', 8],
    ['switch', 'SW', 'Cisco', 'C9200', 4],
    ['access_point', 'AP', 'Aruba', 'AP-505', 8],
    ['printer', 'PR', 'Epson', 'TM-m30', 4],
  ];
  for (const [kind, prefix, vendor, model, n] of kinds) {
    for (let i = 1; i <= n; i += 1)
      rows.push(`${tag}-${prefix}-${100 + i},${kind},${vendor},${model}`);
  }
  rows.push(`${tag}-RT-101,router,Cisco,ISR1100`); // a duplicate: reported, nothing changed
  return { csv: `${rows.join('\r\n')}\r\n`, created: rows.length - 2 };
}

/**
 * Runs the journey in its own browser context against `base`. `test(name, fn)` is run.mjs's
 * reporter; `expect` and `axeAt` its assertions. Every response of the journey must be a
 * success and the console must stay free of errors.
 */
export async function runJourney({
  browser,
  base,
  password,
  db,
  test,
  expect,
  shots,
  setCurrentPage,
  axe,
}) {
  const ctx = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await ctx.newPage();
  setCurrentPage(page);
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    // A download's object URL is revoked after the save, and a page.goto cancels what the page
    // it leaves was still fetching (net::ERR_ABORTED): neither is a request that failed.
    if (r.url().startsWith('blob:') || error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.method()} ${r.url()} ${error}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.request().method()} ${r.url()}`);
  });

  const tag = `J${db === 'postgres' ? 'P' : 'S'}${String(Date.now()).slice(-4)}`;
  const codes = [`${tag}-0001`, `${tag}-0002`, `${tag}-0003`];
  const ids = {};
  const label = (name) => `journey [${db}]: ${name}`;

  await test(label('log in as admin'), async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    // The header's chip reads /health/ready (behind nginx too: it once got the app's HTML).
    await page.getByRole('link', { name: 'System health: All systems operational' }).waitFor();
  });

  await test(label('create an address pool for each purpose'), async () => {
    await page.getByRole('link', { name: 'Address pools' }).first().click();
    await page.getByRole('heading', { name: 'Address pools', level: 1 }).waitFor();
    for (const [purpose, cidr] of POOLS) {
      await page.getByRole('button', { name: 'New pool' }).click();
      const dialog = page.getByRole('dialog', { name: 'New address pool' });
      await dialog.getByRole('textbox', { name: 'CIDR' }).fill(cidr);
      await dialog.getByRole('combobox', { name: 'Purpose' }).click();
      await page.getByRole('option', { name: purpose, exact: true }).click();
      await dialog.getByRole('button', { name: 'Add pool' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByRole('table', { name: 'Address pools' })
        .getByRole('rowheader', { name: cidr })
        .waitFor();
    }
    await page.getByRole('progressbar', { name: '10.20.0.0/16 0% used' }).waitFor();
  });

  await test(label('import stock by CSV with a result per row'), async () => {
    const { csv, created } = stockCsv(tag);
    await page.getByRole('link', { name: 'Inventory' }).first().click();
    await page.getByRole('heading', { name: 'Inventory', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import stock' });
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'stock.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByText(`${created} created, 1 rejected.`).waitFor();
    const rejected = dialog.getByRole('row').filter({ hasText: 'Rejected' });
    await rejected.getByText('serial: duplicate serial in this file').waitFor();
    expect((await rejected.count()) === 1, 'one rejected row');
    await page.screenshot({ path: join(shots, `journey-${db}-stock-import-1440.png`) });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Serial' }).fill(`${tag}-RT-10`);
    await page.getByRole('rowheader', { name: `${tag}-RT-104` }).waitFor();
    const rows = await page.getByRole('table', { name: 'Stock items' }).getByRole('row').count();
    expect(rows === 9, `header + 8 routers, got ${rows}`);
  });

  await test(label('create a store with the wizard'), async () => {
    await wizardToNetworkStep(page, codes[0], 'Journey Flagship');
    await page.getByRole('textbox', { name: 'VLAN id' }).first().fill('10');
    await page.getByRole('textbox', { name: 'Subnet (CIDR)' }).first().fill('10.20.0.0/24');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Review' }).waitFor();
    await page.getByRole('button', { name: 'Create store' }).click();
    await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
    ids[codes[0]] = page.url().split('/').pop();
  });

  await test(label('import two more stores by CSV from the store list'), async () => {
    await page.getByRole('link', { name: 'Stores', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Stores', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import stores' });
    const csv = [
      'code,name,type,address,city,region,country,postalCode,timezone',
      `${codes[1]},Journey Standard,standard,1 Main St,Hamburg,HH,DE,20095,Europe/Berlin`,
      `${codes[2]},Journey Draft,express,2 Main St,Munich,BY,DE,80331,Europe/Berlin`,
      `bad code,Broken,nope,,,,,,`,
    ].join('\r\n');
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'stores.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${csv}\r\n`),
    });
    await dialog.getByRole('button', { name: 'Import' }).click();
    await dialog.getByText('2 created, 1 rejected.').waitFor();
    await dialog.getByRole('row').filter({ hasText: 'Rejected' }).getByText(/code:/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  // Plan before apply: Provision shows the service's plan; "Provision as planned" applies it,
  // and the store ends up with exactly the subnets and serials the plan showed.
  const planned = {};
  const provision = async (code, { allocations, look = false }) => {
    await page.goto(`${base}/stores?q=${encodeURIComponent(code.toLowerCase())}`);
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
    ids[code] = page.url().split('/').pop();
    await page.getByRole('button', { name: 'Provision' }).click();
    const dialog = page.getByRole('dialog', { name: `Plan to provision ${code}` });
    await dialog.getByText(/valid until/).waitFor();
    // A store without plans (the imported one) has neither table.
    const plannedColumn = async (name, column) => {
      const table = dialog.getByRole('table', { name });
      return (await table.count()) === 0 ? [] : columnOf(table, column);
    };
    planned[code] = {
      subnets: await plannedColumn('Planned network segments', 2),
      serials: await plannedColumn('Planned devices', 1),
    };
    if (look) {
      await dialog.getByRole('button', { name: 'Show diff of README.txt' }).click();
      await dialog.getByText(`+Store ${code} - Journey Flagship`).waitFor();
      for (const w of [375, 768, 1440]) {
        await page.setViewportSize({ width: w, height: 900 });
        await settle(page);
        await axe(page, `the provisioning plan at ${w} px`);
        await page.screenshot({ path: join(shots, `journey-${db}-plan-${w}.png`) });
      }
    }
    await dialog.getByRole('button', { name: 'Provision as planned' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The stepper follows the run live (WebSocket events), without a reload.
    await page.locator('[data-status="active"]').first().waitFor({ timeout: 60000 });
    if (allocations) await expectAllocatedAsPlanned(code);
  };

  /** The store's allocated subnets and serials are the ones its plan showed. */
  const expectAllocatedAsPlanned = async (code) => {
    const got = {
      subnets: page.getByRole('table', { name: 'Allocated network segments' }),
      serials: page.getByRole('table', { name: 'Allocated hardware' }),
    };
    for (const [what, column, heading] of [
      ['subnets', 2, 'Network segments'],
      ['serials', 1, 'Hardware'],
    ]) {
      const want = [...planned[code][what]].sort().join(', ');
      let have = '';
      const end = Date.now() + 30000;
      do {
        // The panels below the store's document are built once scrolled to (OnScreen). The
        // browser may put the page back where it was a moment later (its scroll restoration
        // after a reload, or the page growing as it renders): scroll on every try.
        await page.getByRole('heading', { name: heading, exact: true }).scrollIntoViewIfNeeded();
        have = (
          await got[what]
            .waitFor({ timeout: 1000 })
            .then(() => columnOf(got[what], column))
            .catch(() => [])
        )
          .sort()
          .join(', ');
        if (have === want) break;
        await page.waitForTimeout(250);
      } while (Date.now() < end);
      expect(want !== '' && have === want, `${what}: planned ${want}, allocated ${have}`);
    }
  };

  await test(
    label('provision the wizard store and watch the stepper reach active live'),
    async () => {
      await provision(codes[0], { allocations: true, look: true });
    },
  );

  await test(label('download its config bundle'), async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Config bundle' }).click(),
    ]);
    expect(download.suggestedFilename().endsWith('.tar.gz'), download.suggestedFilename());
    const path = await download.path();
    expect(path, 'bundle saved');
  });

  await test(label('reveal a credential, copy it, hide it'), async () => {
    await page.getByRole('button', { name: 'Reveal credentials' }).click();
    const list = page.getByLabel('Store credentials');
    await list.getByText('Device admin password').waitFor();
    await page.getByText(/Version 1, hidden again in \d+ s/).waitFor();
    await page.getByRole('button', { name: 'Copy Corporate Wi-Fi key' }).click();
    await page.getByText('Corporate Wi-Fi key copied').waitFor();
    await settle(page);
    await page.screenshot({
      path: join(shots, `journey-${db}-store-active-1440.png`),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('button', { name: 'Reveal credentials' }).waitFor();
  });

  await test(
    label('rotate the credentials, then release the version kept for rollback'),
    async () => {
      const versions = await rotateCredentials(page);
      await versions.getByText('v2').waitFor();
      await versions.getByText('kept', { exact: true }).waitFor();
      await page.getByText(/^Version 2 is current; rotation is due on/).waitFor();
      await page.getByRole('button', { name: 'Release version 1' }).click();
      await page
        .getByRole('dialog', { name: 'Release version 1?' })
        .getByRole('button', { name: 'Release' })
        .click();
      await versions.getByText('released', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Release version 1' }).waitFor({ state: 'detached' });
    },
  );

  await test(label('provision the imported store'), async () => {
    await provision(codes[1], { allocations: false }); // imported: no plan
  });

  // The store list's bulk Decommission makes a rollout (issue 16 point 3): all at once, each
  // store's result on the rollout's page, the draft refused with the reason.
  await test(
    label('bulk-decommission two active stores with a draft: a rollout, the draft refused'),
    async () => {
      await page.goto(`${base}/stores?q=${encodeURIComponent(tag.toLowerCase())}`);
      for (const code of codes) await page.getByRole('link', { name: code }).waitFor();
      const boxes = page.getByRole('checkbox', { name: 'Select row' });
      expect((await boxes.count()) === 3, 'three stores listed');
      for (let i = 0; i < 3; i += 1) await boxes.nth(i).check();
      await page.getByRole('button', { name: 'Decommission' }).click();
      const dialog = page.getByRole('dialog', { name: 'New rollout' });
      await dialog.getByText('All 3 stores at once, in one wave.').waitFor();
      await dialog.getByRole('textbox', { name: 'Name' }).fill(`${tag} decommission`);
      await dialog.getByRole('button', { name: 'Start rollout' }).click();
      await page.waitForURL(/\/rollouts\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: `${tag} decommission`, level: 1 }).waitFor();
      const wave = page.getByRole('table', { name: 'Wave 1: stores' });
      const row = (code) => wave.getByRole('row').filter({ hasText: code });
      await row(codes[2]).locator('[data-status="failed"]').waitFor({ timeout: 60000 });
      expect(
        /draft/.test(await row(codes[2]).innerText()),
        `the draft's error names its status: ${await row(codes[2]).innerText()}`,
      );
      // The two run to the end, live on this page.
      for (const code of codes.slice(0, 2)) {
        await row(code).locator('[data-status="succeeded"]').waitFor({ timeout: 60000 });
      }
      await page.screenshot({
        path: join(shots, `journey-${db}-rollout-decommission-1440.png`),
        fullPage: true,
      });
      for (const code of codes.slice(0, 2)) {
        await page.goto(`${base}/stores/${ids[code]}`);
        await page.locator('[data-status="decommissioned"]').first().waitFor({ timeout: 60000 });
      }
    },
  );

  await test(
    label("a store by the wizard with 'Provision now': its plan, then provisioned as planned"),
    async () => {
      const code = `${tag}-0004`;
      await wizardToNetworkStep(page, code, 'Journey Planned');
      // Its own POS range by hand: the pool's lowest free subnets are left to the template's
      // stores, whose plan is compared with what their rollout allocates.
      await page.getByRole('textbox', { name: 'Subnet (CIDR)' }).first().fill('10.20.9.0/24');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('heading', { name: 'Review' }).waitFor();
      await page.getByRole('checkbox', { name: /^Provision now/ }).check();
      await page.getByRole('button', { name: 'Create and plan' }).click();
      const dialog = page.getByRole('dialog', { name: `Plan to provision ${code}` });
      planned[code] = {
        subnets: await columnOf(dialog.getByRole('table', { name: 'Planned network segments' }), 2),
        serials: await columnOf(dialog.getByRole('table', { name: 'Planned devices' }), 1),
      };
      await dialog.getByRole('button', { name: 'Provision as planned' }).click();
      await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
      await page.locator('[data-status="active"]').first().waitFor({ timeout: 60000 });
      await expectAllocatedAsPlanned(code);
    },
  );

  // Store templates (issue 16, point 1): a template, stores from it, an edit that leaves them
  // behind, and the bulk action that brings them up to date.
  const template = { name: `${tag} Mall unit`, id: null };
  const fromTemplate = [`${tag}-0101`, `${tag}-0102`, `${tag}-0103`];

  await test(label('create a store template from the templates page'), async () => {
    await page.getByRole('link', { name: 'Templates' }).first().click();
    await page.getByRole('heading', { name: 'Templates', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog', { name: 'New template' });
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill(template.name);
    await dialog.getByRole('textbox', { name: 'Description' }).fill('A mall unit, four tills');
    await dialog.getByRole('checkbox', { name: 'POS terminal' }).check();
    // The network plan has no subnet: each store's comes from the pools.
    expect(
      (await dialog.getByRole('textbox', { name: 'Subnet (CIDR)' }).count()) === 0,
      'no subnet field in a template',
    );
    await dialog.getByRole('button', { name: 'Create template' }).click();
    await page.waitForURL(/\/templates\/[0-9a-f-]{36}$/);
    template.id = page.url().split('/').pop();
    await page.getByRole('heading', { name: template.name, level: 1 }).waitFor();
    await page.getByText('Version 1', { exact: true }).waitFor();
  });

  await test(
    label('create three stores from the template: one row refused, fixed, sent alone'),
    async () => {
      await page.getByRole('button', { name: 'Create stores' }).click();
      const dialog = page.getByRole('dialog', { name: `Create stores from ${template.name}` });
      const rows = [fromTemplate[0], codes[0], fromTemplate[2]]; // codes[0] is taken
      for (let i = 0; i < rows.length; i += 1) {
        if (i > 0) await dialog.getByRole('button', { name: 'Add row' }).click();
        const row = dialog.getByRole('group', { name: `Store row ${i + 1}` });
        const field = (name) => row.getByRole('textbox', { name, exact: true });
        await field('Code').fill(rows[i]);
        await field('Name').fill(`Journey mall ${i + 1}`);
        await field('Address').fill(`Mall Road ${i + 1}`);
        await field('City').fill('Leipzig');
        await field('Region').fill('SN');
        await field('Country').fill('DE');
        await field('Postal code').fill('04109');
        await field('Time zone').fill('Europe/Berlin');
        await field('Opening date').fill('2027-09-01');
      }
      await dialog.getByRole('button', { name: 'Create 3 stores' }).click();
      await dialog.getByText('2 created, 1 rejected', { exact: false }).waitFor();
      const results = dialog.getByRole('table', { name: 'Results' });
      await results.getByRole('row').filter({ hasText: 'Rejected' }).getByText(/code:/).waitFor();
      for (const code of [fromTemplate[0], fromTemplate[2]])
        await results.getByRole('link', { name: code }).waitFor();
      // Only the refused row is left, with its error on its code.
      const left = dialog.getByRole('group', { name: /^Store row/ });
      expect((await left.count()) === 1, 'one row left');
      await left.getByRole('textbox', { name: 'Code', exact: true }).fill(fromTemplate[1]);
      await dialog.getByRole('button', { name: 'Create 1 store' }).click();
      await dialog.getByText('3 created, 0 rejected', { exact: false }).waitFor();
      await page.screenshot({ path: join(shots, `journey-${db}-template-stores-1440.png`) });
      await dialog.getByRole('button', { name: 'Close' }).click();
      const followers = page.getByRole('table', { name: 'Followers' });
      for (const code of fromTemplate) await followers.getByRole('link', { name: code }).waitFor();
    },
  );

  await test(label('edit the template: its stores show "behind"'), async () => {
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Edit template ${template.name}` });
    await dialog.getByRole('checkbox', { name: 'Router' }).check();
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Version 2', { exact: true }).waitFor();
    const followers = page.getByRole('table', { name: 'Followers' });
    for (const code of fromTemplate) {
      await followers.getByRole('row').filter({ hasText: code }).getByText('behind (v2)').waitFor();
    }
  });

  await test(label('bring the three stores up to date'), async () => {
    await page.getByRole('button', { name: 'Bring 3 stores up to date' }).click();
    await page
      .getByRole('dialog', { name: 'Bring 3 stores up to date?' })
      .getByRole('button', { name: 'Bring up to date' })
      .click();
    await page.getByText('Version 2: 3 updated, 0 unchanged, 0 rejected.').waitFor();
    const results = page.getByRole('table', { name: 'Sync results' });
    for (const code of fromTemplate)
      await results.getByRole('row').filter({ hasText: code }).getByText('Updated').waitFor();
    await page.getByText('behind (v2)').first().waitFor({ state: 'detached' });
    await settle(page);
    await page.screenshot({
      path: join(shots, `journey-${db}-template-1440.png`),
      fullPage: true,
    });
  });

  await test(label("a template's store shows the template's new version"), async () => {
    await page
      .getByRole('table', { name: 'Followers' })
      .getByRole('link', { name: fromTemplate[0] })
      .click();
    await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
    const chip = page.getByRole('link', { name: `Template ${template.name} · v2` });
    await chip.waitFor();
    // Its plans are the template's version 2: a router with the POS terminals.
    await page.getByRole('checkbox', { name: 'Router' }).waitFor();
    expect(await page.getByRole('checkbox', { name: 'Router' }).isChecked(), 'router planned');
    await chip.click();
    await page.waitForURL(new RegExp(`/templates/${template.id}$`));
  });

  // The template's stores opened as one chain (issue 16, "done when"): the plan of one, a rollout
  // of all three with a canary, the calendar on their opening date, then a credential rotation
  // and the config bundle's new version diffed against the first.
  const canaryCode = fromTemplate[0];
  await test(
    label("plan a template store: the template's router and tills, a pool subnet"),
    async () => {
      await page
        .getByRole('table', { name: 'Followers' })
        .getByRole('link', { name: canaryCode })
        .click();
      await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
      ids[canaryCode] = page.url().split('/').pop();
      await page.getByRole('button', { name: 'Provision' }).click();
      const dialog = page.getByRole('dialog', { name: `Plan to provision ${canaryCode}` });
      await dialog.getByText(/valid until/).waitFor();
      planned[canaryCode] = {
        subnets: await columnOf(dialog.getByRole('table', { name: 'Planned network segments' }), 2),
        serials: await columnOf(dialog.getByRole('table', { name: 'Planned devices' }), 1),
      };
      const { subnets, serials } = planned[canaryCode];
      expect(
        subnets.length === 3 &&
          subnets.every((c) => /^10\.2[0-4]\.\d+\.0\/24$/.test(c)) &&
          subnets.some((c) => c.startsWith('10.20.')),
        `the template's POS, corporate and guest segments, each from its pool: ${subnets.join(', ')}`,
      );
      expect(
        serials.filter((s) => s.includes('-RT-')).length === 1 &&
          serials.filter((s) => s.includes('-POS-')).length === 4,
        `the template's version 2: a router and four tills, got ${serials.join(', ')}`,
      );
      // Not applied here: the rollout provisions it.
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'hidden' });
    },
  );

  await test(
    label("a rollout of the template's stores: the canary, a pause, resume, then complete, live"),
    async () => {
      const name = `${tag} mall openings`;
      await page.getByRole('link', { name: 'Rollouts' }).first().click();
      await page.getByRole('heading', { name: 'Rollouts', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'New rollout' }).click();
      const dialog = page.getByRole('dialog', { name: 'New rollout' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog.getByRole('combobox', { name: 'Which stores' }).click();
      await page.getByRole('option', { name: 'Stores matching filters' }).click();
      // The template's stores are the ones whose code holds `${tag}-010`.
      await dialog
        .getByRole('textbox', { name: 'Code, name or city contains' })
        .fill(`${tag}-010`.toLowerCase());
      await dialog.getByText(/^3 stores match now/).waitFor();
      await dialog.getByRole('switch', { name: 'Wait for a resume after the canary' }).check();
      await dialog.getByText('2 waves: a canary of 1, then one wave of 2.').waitFor();
      await page.screenshot({ path: join(shots, `journey-${db}-rollout-new-1440.png`) });
      await dialog.getByRole('button', { name: 'Start rollout' }).click();
      await page.waitForURL(/\/rollouts\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      // The canary is the first by code: the store just planned.
      const canary = page.getByRole('region', { name: 'Canary' });
      await canary.getByRole('row').filter({ hasText: canaryCode }).waitFor();
      // Live: the canary's store succeeds and the rollout waits for a resume.
      await canary.locator('[data-status="succeeded"]').waitFor({ timeout: 60000 });
      await page
        .getByText('The canary is done: the next wave starts when someone resumes the rollout.')
        .waitFor({ timeout: 30000 });
      const wave2 = page.getByRole('region', { name: 'Wave 2' });
      expect(
        (await wave2.locator('[data-status="pending"]').count()) === 2,
        'wave 2 waits, pending',
      );
      await page.screenshot({
        path: join(shots, `journey-${db}-rollout-paused-1440.png`),
        fullPage: true,
      });
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.locator('h1 + div [data-status="completed"]').waitFor({ timeout: 90000 });
      expect((await wave2.locator('[data-status="succeeded"]').count()) === 2, 'wave 2 succeeded');
      for (const b of ['Pause', 'Resume', 'Retry failed', 'Abort']) {
        expect(
          await page.getByRole('button', { name: b }).isDisabled(),
          `${b} is disabled once completed`,
        );
      }
      await axe(page, `rollout page [${db}]`);
      await page.screenshot({
        path: join(shots, `journey-${db}-rollout-completed-1440.png`),
        fullPage: true,
      });
      // The list shows it completed.
      await page.getByRole('link', { name: 'Rollouts' }).first().click();
      await page
        .getByRole('table', { name: 'Rollouts' })
        .getByRole('row')
        .filter({ hasText: name })
        .locator('[data-status="completed"]')
        .waitFor();
      // The canary holds what its plan showed: nothing was taken in between.
      await page.goto(`${base}/stores/${ids[canaryCode]}`);
      await page.locator('[data-status="active"]').first().waitFor();
      await expectAllocatedAsPlanned(canaryCode);
    },
  );

  // The go-live calendar and the forecast (issue 16, point 4): the template's stores on their
  // opening date, and an opening the stock cannot serve, seen live and on the dashboard.
  await test(label("the template's stores are on the calendar on their opening date"), async () => {
    await page.getByRole('link', { name: 'Calendar' }).first().click();
    await page.getByRole('heading', { name: 'Go-live calendar', level: 1 }).waitFor();
    // Months ahead: the URL holds the view and the date (a link reproduces it).
    await page.goto(`${base}/calendar?view=month&date=2027-09-01`);
    await page.getByRole('table', { name: 'September 2027' }).waitFor();
    const day = page.getByRole('cell', { name: /^Wednesday, September 1, 2027/ });
    // Opened by the rollout: each on its date, with its status.
    for (const code of fromTemplate) {
      await day.getByRole('link', { name: new RegExp(`^${code} .*Active`) }).waitFor();
    }
    // The week view of the same day, then back a week: nothing there.
    await page.getByRole('button', { name: 'Week', exact: true }).click();
    await page.waitForURL(/view=week&date=2027-09-01/);
    await page.getByRole('table', { name: 'Aug 30 – Sep 5, 2027' }).waitFor();
    await day.getByRole('link', { name: new RegExp(`^${fromTemplate[1]} `) }).waitFor();
    await page.getByRole('button', { name: 'Previous week' }).click();
    await page.getByText('No openings planned in this week').waitFor();
    await page.getByRole('button', { name: 'Next week' }).click();
    await day.getByRole('link', { name: new RegExp(`^${fromTemplate[0]} `) }).click();
    await page.waitForURL(/\/stores\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: new RegExp(fromTemplate[0]) }).waitFor();
  });

  await test(
    label("rotate the canary's credentials: its config bundle's new version, diffed"),
    async () => {
      await page.goto(`${base}/stores/${ids[canaryCode]}`);
      await page.getByRole('heading', { name: new RegExp(`^${canaryCode} `) }).waitFor();
      await rotateCredentials(page);
      // The rotation rendered the bundle again: two versions, and what changed is where the
      // devices' secrets are resolved from.
      await page.getByRole('heading', { name: 'Network segments' }).scrollIntoViewIfNeeded();
      const bundles = page.getByRole('region', { name: 'Config bundle versions' });
      await bundles
        .getByRole('button', { name: /^Download version / })
        .nth(1)
        .waitFor();
      expect(
        (await bundles.getByRole('button', { name: /^Download version / }).count()) === 2,
        'two bundle versions',
      );
      await bundles.getByRole('button', { name: 'Compare versions' }).click();
      const readme = bundles.getByRole('region', { name: 'Diff of README.txt' });
      await readme
        .getByText(/^-Secrets: resolve .* from stores\/[0-9a-f-]{36}\/credentials in/)
        .waitFor();
      await readme
        .getByText(/^\+Secrets: resolve .* from stores\/[0-9a-f-]{36}\/credentials\/v2 in/)
        .waitFor();
      await bundles.getByText(/^1 of \d+ files differ$/).waitFor();
      await settle(page);
      await page.screenshot({
        path: join(shots, `journey-${db}-bundle-diff-1440.png`),
        fullPage: true,
      });
    },
  );

  const short = `${tag}-0201`;
  await test(label('the forecast names, live, an opening the stock cannot serve'), async () => {
    await page.goto(`${base}/calendar?horizon=90`);
    const forecast = page.getByRole('region', { name: 'Forecast' });
    await forecast.getByRole('table', { name: 'Resources' }).waitFor();
    await forecast.getByText('Every planned opening in the next 90 days can be served.').waitFor();
    // Seeded through the API while the page is open: a store opening in 20 days that needs
    // ten printers (the stock holds four); the page hears of it over the WebSocket.
    const login = await api(base, null, 'POST', '/api/auth/login', {
      username: 'admin',
      password,
      rememberMe: false,
    });
    const opening = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const created = await api(base, login.json.accessToken, 'POST', '/api/stores', {
      code: short,
      name: 'Journey print shop',
      type: 'express',
      location: {
        address: 'Druckerei 1',
        city: 'Leipzig',
        region: 'SN',
        country: 'DE',
        postalCode: '04109',
        timezone: 'Europe/Berlin',
      },
      openingDate: opening,
      tags: [],
      notes: '',
      hardwarePlan: { printer: 10 },
      networkPlan: [{ purpose: 'pos', vlanId: null, cidr: null }],
    });
    expect(
      created.status === 201,
      `seeded store: ${created.status} ${JSON.stringify(created.json)}`,
    );
    const warnings = forecast.getByRole('table', { name: 'Openings that cannot be served' });
    const row = warnings.getByRole('row').filter({ hasText: short });
    await row.getByText('6 more printers').waitFor();
    await row.getByText('Draft').waitFor();
    const printers = forecast.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: 'Printer', exact: true }),
    });
    await printers.getByText('6 short').waitFor();
    await printers.getByRole('button', { name: 'Show the timeline of Printer' }).click();
    await forecast
      .getByRole('list', { name: 'Timeline of Printer' })
      .getByText('takes 10')
      .waitFor();
    // And on the calendar, on its date.
    await page.goto(`${base}/calendar?view=week&date=${opening}&horizon=90`);
    await page
      .getByRole('link', { name: new RegExp(`^${short} Journey print shop\\b.*Draft`) })
      .waitFor();
    await settle(page);
    await page.screenshot({ path: join(shots, `journey-${db}-calendar-1440.png`), fullPage: true });
  });

  await test(label('the dashboard warns of it and links to the forecast'), async () => {
    await page.getByRole('link', { name: 'Dashboard' }).first().click();
    const card = page.getByRole('region', {
      name: '1 opening in the next 90 days cannot be served',
    });
    await card.getByRole('link', { name: short }).waitFor();
    await card.getByText('6 more printers', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'See the forecast' }).click();
    await page.waitForURL(/\/calendar\?horizon=90#forecast$/);
    await page
      .getByRole('table', { name: 'Openings that cannot be served' })
      .getByRole('link', { name: short })
      .waitFor();
  });

  await test(label('find every step in the activity feed'), async () => {
    await page.getByRole('link', { name: 'Activity' }).first().click();
    await page.getByRole('heading', { name: 'Activity', level: 1 }).waitFor();
    const feed = page.getByRole('list', { name: 'Activity' });
    const byAction = async (option) => {
      await page.getByRole('combobox', { name: 'Action' }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
      await page.waitForURL(/action=/);
    };
    await byAction('Address pool created');
    for (const [, cidr] of POOLS) await feed.getByText(`added address pool ${cidr}`).waitFor();
    await byAction('Hardware item imported');
    await feed.getByText(/imported stock/).waitFor();
    await byAction('Store created');
    for (const code of codes) await feed.getByRole('link', { name: code }).first().waitFor();
    await byAction('Store provision requested');
    for (const code of codes.slice(0, 2))
      await feed.getByRole('link', { name: code }).first().waitFor();
    await byAction('Store credentials viewed');
    await feed.getByRole('link', { name: codes[0] }).waitFor();
    await byAction('Store decommission requested');
    for (const code of codes.slice(0, 2))
      await feed.getByRole('link', { name: code }).first().waitFor();
    // The store filter narrows to one store; its entries link to it.
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('combobox', { name: 'Store', exact: true }).fill(codes[0]);
    await page.getByRole('option', { name: new RegExp(codes[0]) }).click();
    await page.waitForURL(new RegExp(`storeId=${ids[codes[0]]}`));
    await feed
      .getByText(/requested provisioning of/)
      .first()
      .waitFor();
    await feed
      .getByText(/issued credentials for/)
      .first()
      .waitFor();
    // The filtered page replaces the unfiltered one when its answer arrives.
    let links = [];
    const end = Date.now() + 30000;
    do {
      links = await feed.getByRole('link').allTextContents();
      if (links.length > 0 && links.every((t) => t === codes[0])) break;
      await page.waitForTimeout(200);
    } while (Date.now() < end);
    expect(links.length > 0 && links.every((t) => t === codes[0]), `links: ${links.join(', ')}`);
    // Before → after of the decommission, shown in the entry.
    await feed
      .getByText(/status: active → decommissioning/)
      .first()
      .waitFor();
    await settle(page);
    await page.screenshot({ path: join(shots, `journey-${db}-activity-1440.png`), fullPage: true });
  });

  await test(
    label('no failed request and no console error on any page of the journey'),
    async () => {
      expect(problems.length === 0, problems.join('\n'));
    },
  );
  await ctx.close();
}

/**
 * Opens the wizard from the side menu and fills it up to the network step: a Berlin store
 * with POS terminals and a router (also used by run.mjs).
 */
export async function wizardToNetworkStep(page, code, name) {
  await page.getByRole('link', { name: 'New store' }).first().click();
  await page.getByRole('heading', { name: 'New store', level: 1 }).waitFor();
  await page.getByRole('textbox', { name: 'Code', exact: true }).fill(code);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('Unter den Linden 1');
  await page.getByRole('textbox', { name: 'City', exact: true }).fill('Berlin');
  await page.getByRole('textbox', { name: 'Region', exact: true }).fill('BE');
  await page.getByRole('textbox', { name: 'Country', exact: true }).fill('DE');
  await page.getByRole('textbox', { name: 'Postal code', exact: true }).fill('10117');
  await page.getByRole('combobox', { name: 'Time zone' }).fill('Europe/Berlin');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Hardware' }).waitFor();
  await page.getByRole('checkbox', { name: 'POS terminal' }).check();
  await page.getByRole('checkbox', { name: 'Router' }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Network' }).waitFor();
}

/**
 * Rotates the open store's credentials from version 1 (the button, then the dialog's) and waits
 * for version 2 to be current; resolves to the list of credential versions.
 */
async function rotateCredentials(page) {
  const versions = page.getByRole('list', { name: 'Credential versions' });
  await versions.getByText('v1').waitFor();
  await page.getByRole('button', { name: 'Rotate', exact: true }).click();
  await page
    .getByRole('dialog', { name: /^Rotate the credentials of/ })
    .getByRole('button', { name: 'Rotate' })
    .click();
  await page.getByText('Credentials rotated: version 2 is current').waitFor();
  return versions;
}

/** The text of one column of a table's body rows. */
async function columnOf(table, column) {
  await table.waitFor();
  return table
    .locator('tbody tr')
    .evaluateAll((rows, i) => rows.map((r) => r.cells[i]?.textContent?.trim() ?? ''), column);
}

async function settle(page) {
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(300);
}
