import { screen, waitFor, within } from '@testing-library/react';
import { Profiler } from 'react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { Store } from '@/api/generated/openapi';
import { StoreDetailRoute } from '@/app/routes/store-detail';
import { FakeApi, makeAudit, makeStore } from '@/testing/fake-api';
import { renderApp, renderWithProviders, signedIn } from '@/testing/render';

function setup(role: 'admin' | 'operator' | 'viewer' = 'admin', status: Store['status'] = 'draft') {
  const api = new FakeApi();
  const store = makeStore({ code: 'NYC-0042', name: 'Manhattan', status });
  api.stores = [store];
  api.audit = [makeAudit(store)];
  return { ...renderApp({ route: `/stores/${store.id}`, api, session: signedIn(role) }), store };
}

describe('store detail', () => {
  it('shows breadcrumbs, status, history and the empty provisioning panels of a draft', async () => {
    const { store } = setup();
    expect(
      await screen.findByRole('heading', { name: 'NYC-0042 · Manhattan' }),
    ).toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
    expect(within(crumbs).getByRole('link', { name: 'Stores' })).toBeInTheDocument();
    expect(within(crumbs).getByText('NYC-0042')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('button', { name: 'Provision' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Decommission' })).not.toBeInTheDocument();
    expect(await screen.findByText('Not provisioned yet')).toBeInTheDocument();
    expect(await screen.findByText('No segments allocated')).toBeInTheDocument();
    expect(await screen.findByRole('list', { name: 'Store history' })).toBeInTheDocument();
    expect(store.id).toBeTruthy();
  });

  it('saves an edit with If-Match and shows the new version', async () => {
    const { user, api } = setup();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Manhattan Fifth');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Saved NYC-0042 (version 2).')).toBeInTheDocument();
    const patch = api.requests.find((r) => r.method === 'PATCH');
    expect(patch?.headers.get('if-match')).toBe('"1"');
    expect(patch?.body).toEqual({ name: 'Manhattan Fifth' });
  });

  it('puts server field errors on the fields', async () => {
    const { user } = setup();
    const country = await screen.findByRole('textbox', { name: 'Country' });
    await user.clear(country);
    await user.type(country, 'xx');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('unknown country')).toBeInTheDocument();
  });

  it('opens the conflict dialog on 412; where both changed a field the user picks, and the merge is saved on theirs', async () => {
    const { user, api, store } = setup();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    // Someone else saves version 2 meanwhile.
    api.stores[0] = { ...api.stores[0], name: 'Their name', version: 2, updatedBy: 'olga' };
    await user.clear(name);
    await user.type(name, 'My name');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'This store was changed by someone else',
    });
    const table = within(dialog).getByRole('table');
    expect(within(table).getByText(/Their name/)).toBeInTheDocument();
    expect(within(table).getByText(/My name/)).toBeInTheDocument();
    expect(within(table).getByText('Manhattan')).toBeInTheDocument(); // the version both started from
    // Both changed the name: nothing is saved before the user picks.
    expect(within(dialog).getByRole('button', { name: 'Choose 1 more' })).toBeDisabled();
    await user.click(
      within(within(dialog).getByRole('radiogroup', { name: 'Keep for Name' })).getByRole('radio', {
        name: 'Yours',
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save merged version' }));
    expect(await screen.findByText('Saved NYC-0042 (version 3).')).toBeInTheDocument();
    expect(api.stores[0].name).toBe('My name');
    const patches = api.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.headers.get('if-match'))).toEqual(['"1"', '"2"']);
    expect(patches[1]?.body).toEqual({ name: 'My name' });
    expect(store.code).toBe('NYC-0042');
  });

  it('keeps what only they changed: the merge sends only the fields the user changed', async () => {
    const { user, api } = setup();
    const notes = await screen.findByRole('textbox', { name: 'Notes' });
    api.stores[0] = {
      ...api.stores[0],
      location: { ...api.stores[0].location, city: 'Brooklyn' },
      version: 2,
      updatedBy: 'olga',
    };
    await user.type(notes, 'Opening team on site from March.');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'This store was changed by someone else',
    });
    // Nothing to pick: city is theirs only, notes yours only.
    expect(within(dialog).queryByRole('radiogroup')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save merged version' }));
    expect(await screen.findByText('Saved NYC-0042 (version 3).')).toBeInTheDocument();
    expect(api.stores[0].location.city).toBe('Brooklyn');
    expect(api.stores[0].notes).toBe('Opening team on site from March.');
    expect(api.requests.filter((r) => r.method === 'PATCH')[1]?.body).toEqual({
      notes: 'Opening team on site from March.',
    });
  });

  it('reloads their version from the conflict dialog', async () => {
    const { user, api } = setup();
    const name = await screen.findByRole('textbox', { name: 'Name' });
    api.stores[0] = { ...api.stores[0], name: 'Their name', version: 2 };
    await user.clear(name);
    await user.type(name, 'My name');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'This store was changed by someone else',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Reload theirs' }));
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Their name'),
    );
  });

  it('shows a transition the role may not start disabled, with the role it needs (permissions.*)', async () => {
    setup('operator', 'active');
    // Re-queried: the button moves into the reason's wrapper once the settings arrive.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Decommission' })).toBeDisabled(),
    );
    const decommission = screen.getByRole('button', { name: 'Decommission' });
    expect(decommission.parentElement).toHaveAttribute(
      'title',
      'Decommissioning needs the admin role.',
    );
  });

  it('lets an admin decommission an active store', async () => {
    setup('admin', 'active');
    const decommission = await screen.findByRole('button', { name: 'Decommission' });
    expect(decommission).toBeEnabled();
  });

  it('shows the plan before provisioning, and asks before deleting', async () => {
    const { user } = setup();
    await user.click(await screen.findByRole('button', { name: 'Provision' }));
    const dialog = await screen.findByRole('dialog', { name: 'Plan to provision NYC-0042' });
    await user.click(await within(dialog).findByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const del = await screen.findByRole('dialog', { name: 'Delete NYC-0042?' });
    await user.click(within(del).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('heading', { name: 'Stores', level: 1 })).toBeInTheDocument();
  });

  it('is read-only for viewers', async () => {
    setup('viewer');
    expect(
      await screen.findByRole('heading', { name: 'NYC-0042 · Manhattan' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Provision' })).not.toBeInTheDocument();
    expect(screen.getByText('Manhattan')).toBeInTheDocument();
  });

  it('lists the config bundle versions and shows a per-file diff between two', async () => {
    const api = new FakeApi();
    const store = makeStore({ code: 'NYC-0042', name: 'Manhattan', status: 'active' });
    api.stores = [store];
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)];
    const render = (id: number, sha256: string) => ({
      id,
      sha256,
      fileName: 'NYC-0042-config.tar.gz',
      size: 2048,
      runId: null,
      createdAt: `2026-11-2${id}T12:00:00.000Z`,
      diffable: true,
    });
    api.bundleRenders[store.id] = [render(3, b), render(2, b), render(1, a)];
    api.bundleDiffs[`${a}/${b}`] = {
      from: a,
      to: b,
      files: [
        {
          path: 'README.txt',
          change: 'changed',
          diff: '--- a/README.txt\n+++ b/README.txt\n@@ -1 +1 @@\n-Store NYC-0042 - Old\n+Store NYC-0042 - Manhattan\n',
        },
        { path: 'inventory.csv', change: 'unchanged', diff: '' },
      ],
    };
    const { user } = renderApp({ route: `/stores/${store.id}`, api, session: signedIn('viewer') });
    await screen.findByRole('heading', { name: 'NYC-0042 · Manhattan' });
    const panel = await screen.findByRole('region', { name: 'Config bundle versions' });
    expect(within(panel).getByText('bbbbbbbbbbbb (latest)')).toBeInTheDocument();
    expect(within(panel).getAllByRole('button', { name: /^Download version / })).toHaveLength(3);
    await user.click(within(panel).getByRole('button', { name: 'Compare versions' }));
    const readme = await within(panel).findByRole('region', { name: 'Diff of README.txt' });
    expect(within(readme).getByText('-Store NYC-0042 - Old')).toBeInTheDocument();
    expect(within(readme).getByText('+Store NYC-0042 - Manhattan')).toBeInTheDocument();
    expect(within(panel).getByText('1 of 2 files differ')).toBeInTheDocument();
    expect(within(panel).queryByRole('region', { name: 'Diff of inventory.csv' })).toBeNull();
  });

  it('says when a store does not exist', async () => {
    renderApp({ route: '/stores/00000000-0000-4000-8000-999999999999' });
    expect(await screen.findByText('Store not found')).toBeInTheDocument();
  });
});

describe('store detail while a run is polled', () => {
  it('stays still when a poll brings nothing new, so a slow render of news is not started over', async () => {
    // Without the event stream the page polls the runs every 3 s. Each poll re-rendered the
    // page (the query's isFetching), restarting the deferred render of fresh store data: on a
    // slow machine the page kept showing "Provisioning" after the run had ended.
    const api = new FakeApi();
    const store = makeStore({ code: 'NYC-0042', name: 'Manhattan', status: 'provisioning' });
    api.stores = [store];
    let commits = 0;
    renderWithProviders(
      <Routes>
        <Route
          path="/stores/:storeId"
          element={
            <Profiler id="store page" onRender={() => (commits += 1)}>
              <StoreDetailRoute />
            </Profiler>
          }
        />
      </Routes>,
      { route: `/stores/${store.id}`, api },
    );
    const polls = () =>
      api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/runs')).length;
    expect(await screen.findByText('Not provisioned yet')).toBeInTheDocument();
    await waitFor(() => expect(polls()).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const before = commits;
    await waitFor(() => expect(polls()).toBeGreaterThanOrEqual(4), { timeout: 15_000 });
    expect(commits).toBe(before);
  }, 40_000);
});
