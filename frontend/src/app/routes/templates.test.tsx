import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi, makeStore, makeTemplate, problem } from '@/testing/fake-api';
import { renderApp, signedIn } from '@/testing/render';

// Store templates: the list, the form, creating stores from a template and bringing them up
// to date, on the fake API (checked against docs/openapi.json). The whole journey against the
// real service is in e2e/journey.mjs. The 180 s bounds only limit waiting on a loaded machine.

function withFollowers() {
  const api = new FakeApi();
  const template = makeTemplate({ version: 3, hardwarePlan: { router: 1, pos_terminal: 6 } });
  api.templates = [template];
  const ref = (version: number) => ({ id: template.id, version });
  const behind = makeStore({ code: 'MALL-001', name: 'Mall one', template: ref(2) });
  const busy = makeStore({
    code: 'MALL-002',
    name: 'Mall two',
    status: 'provisioning',
    template: ref(1),
  });
  const current = makeStore({ code: 'MALL-003', name: 'Mall three', template: ref(3) });
  api.stores = [behind, busy, current];
  return { api, template, behind, busy, current };
}

describe('templates list', () => {
  it('lists each template with its type, version, stores and how many are behind', async () => {
    const { api } = withFollowers();
    api.templates.push(makeTemplate({ name: 'Airport kiosk', type: 'express' }));
    renderApp({ route: '/templates', api });
    const table = await screen.findByRole('table', { name: 'Templates' }, { timeout: 60_000 });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Express',
      'Standard',
    ]);
    const mall = rows[1]!;
    expect(within(mall).getByRole('link', { name: 'Standard mall store' })).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/templates\/[0-9a-f-]{36}$/),
    );
    expect(within(mall).getByText('v3')).toBeInTheDocument();
    expect(within(mall).getByText('3')).toBeInTheDocument();
    // The provisioning store is behind but cannot be brought up to date: 1 counts.
    expect(within(mall).getByText('1 behind')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
  }, 180_000);

  it('shows a viewer everything, with New template disabled and why', async () => {
    const { api } = withFollowers();
    api.role = 'viewer';
    const { user } = renderApp({ route: '/templates', api, session: signedIn('viewer') });
    await screen.findByRole('table', { name: 'Templates' }, { timeout: 60_000 });
    const create = screen.getByRole('button', { name: 'New template' });
    expect(create).toBeDisabled();
    await user.hover(create.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Needs the operator role or higher.',
    );
  }, 180_000);
});

describe('template form', () => {
  it('puts the 422 field errors on their fields, then creates the template and opens it', async () => {
    const api = new FakeApi();
    // The server's own rules (a name it refuses, a VLAN id it refuses) are hard to reach with
    // a form that checks what it can: the 422 is given once, then the fake creates.
    let refused = false;
    api.overrides.set('POST /api/templates', () => {
      api.overrides.delete('POST /api/templates');
      refused = true;
      return problem(422, 'Validation failed', {
        errors: [
          { field: 'name', message: 'is reserved' },
          { field: 'networkPlan[0].vlanId', message: 'is reserved for management' },
          { field: 'networkPlan[1].cidr', message: 'a template cannot fix a subnet' },
        ],
      });
    });
    const { user, router } = renderApp({ route: '/templates', api });
    await user.click(
      await screen.findByRole('button', { name: 'New template' }, { timeout: 60_000 }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New template' });
    // No subnet field: a template's segments get theirs from the pools.
    expect(within(dialog).queryByRole('textbox', { name: /Subnet/ })).toBeNull();
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Mall unit');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Router' }));
    const vlan = within(within(dialog).getByRole('group', { name: 'Segment 1' })).getByRole(
      'textbox',
      { name: 'VLAN id' },
    );
    await user.type(vlan, '99');
    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));

    await waitFor(() => expect(refused).toBe(true));
    expect(await within(dialog).findByText('is reserved')).toBeInTheDocument();
    expect(within(dialog).getByText('is reserved for management')).toBeInTheDocument();
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'networkPlan[1].cidr: a template cannot fix a subnet',
    );
    const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/api/templates');
    expect(sent?.body).toMatchObject({
      name: 'Mall unit',
      type: 'standard',
      hardwarePlan: { router: 1 },
      networkPlan: [
        { purpose: 'pos', vlanId: 99 },
        { purpose: 'corporate', vlanId: null },
        { purpose: 'guest', vlanId: null },
      ],
    });

    await user.click(within(dialog).getByRole('button', { name: 'Create template' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe(`/templates/${api.templates[0]!.id}`),
    );
    expect(await screen.findByRole('heading', { name: 'Mall unit', level: 1 })).toBeInTheDocument();
  }, 180_000);
});

describe('template page', () => {
  it('lists the followers with "behind", and Delete is disabled while stores follow it', async () => {
    const { api, template } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    const followers = await screen.findByRole('table', { name: 'Followers' }, { timeout: 60_000 });
    const rows = within(followers).getAllByRole('row').slice(1);
    // Behind first, then by code.
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual([
      'MALL-001',
      'MALL-002',
      'MALL-003',
    ]);
    expect(within(rows[0]!).getByRole('link', { name: 'MALL-001' })).toHaveAttribute(
      'href',
      `/stores/${api.stores[0]!.id}`,
    );
    expect(within(rows[0]!).getByText('behind (v3)')).toBeInTheDocument();
    expect(within(rows[2]!).queryByText(/behind/)).toBeNull();
    const del = screen.getByRole('button', { name: 'Delete' });
    expect(del).toBeDisabled();
    await user.hover(del.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      '3 stores follow this template: only a template no store follows can be deleted.',
    );
  }, 180_000);

  it('shows a viewer the template and its stores, every action disabled with the reason', async () => {
    const { api, template } = withFollowers();
    api.role = 'viewer';
    const { user } = renderApp({
      route: `/templates/${template.id}`,
      api,
      session: signedIn('viewer'),
    });
    await screen.findByRole('table', { name: 'Followers' }, { timeout: 60_000 });
    expect(screen.getByText('1 × Router, 6 × POS terminal')).toBeInTheDocument();
    for (const name of ['Create stores', 'Edit', 'Delete', 'Bring 2 stores up to date']) {
      const button = screen.getByRole('button', { name });
      expect(button).toBeDisabled();
      await user.hover(button.parentElement!);
      expect(await screen.findByRole('tooltip')).toHaveTextContent(
        'Needs the operator role or higher.',
      );
      await user.unhover(button.parentElement!);
      await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
    }
  }, 180_000);

  it('brings the stores behind up to the version shown, then shows each store’s result', async () => {
    const { api, template, behind } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    await user.click(
      await screen.findByRole('button', { name: 'Bring 2 stores up to date' }, { timeout: 60_000 }),
    );
    const confirm = await screen.findByRole('dialog', { name: 'Bring 2 stores up to date?' });
    expect(confirm).toHaveTextContent('version 3 of Standard mall store');
    await user.click(within(confirm).getByRole('button', { name: 'Bring up to date' }));

    const results = await screen.findByRole('table', { name: 'Sync results' });
    expect(api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/sync'))?.body).toEqual(
      { templateVersion: 3 },
    );
    expect(screen.getByText('Version 3: 1 updated, 0 unchanged, 1 rejected.')).toBeInTheDocument();
    const rows = within(results).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('MALL-002');
    expect(rows[0]).toHaveTextContent('Rejected');
    expect(rows[0]).toHaveTextContent('a store that is provisioning cannot be brought up to date');
    expect(rows[1]).toHaveTextContent('MALL-001');
    expect(rows[1]).toHaveTextContent('Updated');
    expect(within(rows[1]!).getByRole('link', { name: 'MALL-001' })).toHaveAttribute(
      'href',
      `/stores/${behind.id}`,
    );
    // The followers are fetched again: the updated store is on version 3 now.
    const followers = screen.getByRole('table', { name: 'Followers' });
    await waitFor(() =>
      expect(
        within(followers).getByRole('rowheader', { name: 'MALL-001' }).closest('tr'),
      ).not.toHaveTextContent('behind'),
    );
  }, 180_000);

  it('creates stores from typed rows: per-row results, and a second try sends only the rejected row', async () => {
    const { api, template } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    await user.click(
      await screen.findByRole('button', { name: 'Create stores' }, { timeout: 60_000 }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Create stores from Standard mall store',
    });
    const fill = async (row: number, code: string) => {
      const group = within(dialog).getByRole('group', { name: `Store row ${row}` });
      const field = (name: string) => within(group).getByRole('textbox', { name });
      await user.type(field('Code'), code);
      await user.type(field('Name'), `Store ${code}`);
      await user.type(field('Address'), 'Main St 1');
      await user.type(field('City'), 'Springfield');
      await user.type(field('Region'), 'IL');
      await user.type(field('Country'), 'us');
      await user.type(field('Postal code'), '62701');
      await user.type(field('Time zone'), 'America/Chicago');
    };
    await fill(1, 'SPR-001');
    await user.click(within(dialog).getByRole('button', { name: 'Add row' }));
    await fill(2, 'MALL-001'); // taken: rejected
    await user.click(within(dialog).getByRole('button', { name: 'Add row' }));
    await fill(3, 'SPR-003');
    await user.click(within(dialog).getByRole('button', { name: 'Create 3 stores' }));

    expect(await within(dialog).findByText(/2 created, 1 rejected/)).toBeInTheDocument();
    const results = within(dialog).getByRole('table', { name: 'Results' });
    const rows = within(results).getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('MALL-001');
    expect(rows[0]).toHaveTextContent('Rejected');
    expect(rows[0]).toHaveTextContent('code: already exists');
    const created = api.stores.find((s) => s.code === 'SPR-001')!;
    expect(within(results).getByRole('link', { name: 'SPR-001' })).toHaveAttribute(
      'href',
      `/stores/${created.id}`,
    );
    expect(created.template).toEqual({ id: template.id, version: 3 });
    // Only the rejected row is left, its error on its field.
    expect(within(dialog).getAllByRole('group', { name: /^Store row/ })).toHaveLength(1);
    const left = within(dialog).getByRole('group', { name: 'Store row 1' });
    expect(within(left).getByRole('textbox', { name: 'Code' })).toHaveValue('MALL-001');
    expect(within(left).getByText('already exists')).toBeInTheDocument();

    const code = within(left).getByRole('textbox', { name: 'Code' });
    await user.clear(code);
    await user.type(code, 'SPR-002');
    await user.click(within(dialog).getByRole('button', { name: 'Create 1 store' }));
    await waitFor(() => expect(api.stores.some((s) => s.code === 'SPR-002')).toBe(true));
    const posts = api.requests.filter(
      (r) => r.method === 'POST' && r.path === `/api/templates/${template.id}/stores`,
    );
    expect(posts).toHaveLength(2);
    expect((posts[0]!.body as { stores: unknown[] }).stores).toHaveLength(3);
    expect(posts[1]!.body).toEqual({
      stores: [
        {
          code: 'SPR-002',
          name: 'Store MALL-001',
          location: {
            address: 'Main St 1',
            city: 'Springfield',
            region: 'IL',
            country: 'US',
            postalCode: '62701',
            timezone: 'America/Chicago',
          },
        },
      ],
    });
    // The summary counts every store created since the dialog opened.
    expect(await within(dialog).findByText(/3 created, 0 rejected/)).toBeInTheDocument();
    // The stores created before are still listed, with their links.
    expect(within(dialog).getByRole('link', { name: 'SPR-003' })).toBeInTheDocument();
  }, 180_000);

  it('creates stores from pasted CSV and keeps only the rejected lines', async () => {
    const { api, template } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    await user.click(
      await screen.findByRole('button', { name: 'Create stores' }, { timeout: 60_000 }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Create stores from Standard mall store',
    });
    await user.click(within(dialog).getByRole('button', { name: 'CSV', pressed: false }));
    const text = within(dialog).getByRole('textbox', { name: 'CSV' });
    await user.clear(text);
    await user.click(text);
    await user.paste(
      'code,name,address,city,region,country,postalCode,timezone,openingDate\nSPR-010,Ten,Main St 10,Springfield,IL,US,62701,America/Chicago,2027-05-01\nbad code,Bad,Main St,Springfield,IL,US,62701,America/Chicago,\n',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create from CSV (2 rows)' }));
    expect(await within(dialog).findByText(/1 created, 1 rejected/)).toBeInTheDocument();
    const post = api.requests.find(
      (r) => r.method === 'POST' && r.path === `/api/templates/${template.id}/stores`,
    );
    expect(post?.headers.get('content-type')).toBe('text/csv');
    expect(api.stores.find((s) => s.code === 'SPR-010')?.openingDate).toBe('2027-05-01');
    expect((text as HTMLTextAreaElement).value).not.toContain('SPR-010');
    expect((text as HTMLTextAreaElement).value).toContain('bad code');
  }, 180_000);
});

describe('template edits', () => {
  it('saves a change with If-Match; a 412 says who changed it and reloads their version', async () => {
    const { api, template } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    await user.click(await screen.findByRole('button', { name: 'Edit' }, { timeout: 60_000 }));
    let dialog = await screen.findByRole('dialog', { name: 'Edit template Standard mall store' });
    const qty = within(dialog).getByRole('spinbutton', { name: 'POS terminal quantity' });
    await user.clear(qty);
    await user.type(qty, '8');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    await waitFor(() => expect(api.templates[0]!.version).toBe(4));
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers.get('if-match')).toBe('"3"');
    expect(patch?.body).toEqual({ hardwarePlan: { pos_terminal: 8 } });
    expect(await screen.findByText('Version 4')).toBeInTheDocument();
    expect(screen.getByText('Bring 3 stores up to date', { exact: false })).toBeInTheDocument();

    // Someone else saves version 5 while this page still shows version 4.
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    dialog = await screen.findByRole('dialog', { name: 'Edit template Standard mall store' });
    Object.assign(api.templates[0]!, { version: 5, name: 'Mall unit 2027', updatedBy: 'olga' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), ' (new)');
    await user.click(within(dialog).getByRole('button', { name: 'Save template' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'This template was changed by someone else (olga saved version 5) — reload',
    );
    expect(api.templates[0]!.description).toBe('A mall unit with four tills');
    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue('Mall unit 2027');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByRole('heading', { name: 'Mall unit 2027', level: 1 })).toBeVisible();
  }, 180_000);

  it('a sync against a version the template no longer has (412) changes nothing and says so', async () => {
    const { api, template } = withFollowers();
    const { user } = renderApp({ route: `/templates/${template.id}`, api });
    await user.click(
      await screen.findByRole('button', { name: 'Bring 2 stores up to date' }, { timeout: 60_000 }),
    );
    api.templates[0]!.version = 4; // edited elsewhere; no event reaches this page
    const confirm = await screen.findByRole('dialog', { name: 'Bring 2 stores up to date?' });
    await user.click(within(confirm).getByRole('button', { name: 'Bring up to date' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The template changed since this page showed version 3 (now version 4): review it and try again.',
    );
    expect(api.stores.map((s) => s.template?.version)).toEqual([2, 1, 3]);
  }, 180_000);
});

describe('store page', () => {
  it('shows the template and its version, and "behind" when the template moved on', async () => {
    const { api, template, behind } = withFollowers();
    renderApp({ route: `/stores/${behind.id}`, api });
    const chip = await screen.findByRole(
      'link',
      { name: 'Template Standard mall store · v2 · behind (v3)' },
      { timeout: 60_000 },
    );
    expect(chip).toHaveAttribute('href', `/templates/${template.id}`);
  }, 180_000);
});
