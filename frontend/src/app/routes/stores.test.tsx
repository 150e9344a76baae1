import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi, json, makeStore, problem } from '@/testing/fake-api';
import { renderApp, signedIn } from '@/testing/render';

function apiWithStores() {
  const api = new FakeApi();
  api.stores = [
    makeStore({ code: 'NYC-0042', name: 'Manhattan', status: 'active' }),
    makeStore({
      code: 'BER-0001',
      name: 'Berlin Mitte',
      status: 'draft',
      location: { ...makeStore().location, city: 'Berlin', country: 'DE' },
    }),
  ];
  return api;
}

describe('store list', () => {
  it('lists stores with status chips and keeps the search in the URL', async () => {
    const { user, router, api } = renderApp({ route: '/stores', api: apiWithStores() });
    expect(await screen.findByRole('link', { name: 'NYC-0042' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'BER-0001' })).toBeInTheDocument();
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'berlin');
    await waitFor(() => expect(router.state.location.search).toContain('q=berlin'));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'NYC-0042' })).not.toBeInTheDocument(),
    );
    expect(
      api.requests.some((r) => r.path.includes('q=berlin') && r.path.includes('pageSize=100')),
    ).toBe(true);
  });

  it('opens the view a copied link describes', async () => {
    const { api } = renderApp({ route: '/stores?status=active&sort=-name', api: apiWithStores() });
    expect(await screen.findByRole('link', { name: 'NYC-0042' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'BER-0001' })).not.toBeInTheDocument();
    expect(
      api.requests.some((r) => r.path.includes('status=active') && r.path.includes('sort=-name')),
    ).toBe(true);
  });

  it('says so when nothing matches', async () => {
    renderApp({ route: '/stores?q=zzz', api: apiWithStores() });
    expect(await screen.findByText('No store matches these filters')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reset' })).toBeEnabled();
  });

  it('says "about" when the total is the server\'s estimate (over 10,000 matching stores)', async () => {
    const api = apiWithStores();
    api.overrides.set('GET /api/stores', () =>
      json({
        items: api.stores,
        page: 1,
        pageSize: 100,
        total: 1234567,
        totalIsEstimate: true,
        nextCursor: null,
      }),
    );
    renderApp({ route: '/stores', api });
    expect(await screen.findByRole('link', { name: 'NYC-0042' })).toBeInTheDocument();
    expect(await screen.findByText(/of about 1,234,567/)).toBeInTheDocument();
  });

  it('shows an error with a retry when the list fails', async () => {
    const api = apiWithStores();
    api.overrides.set('GET /api/stores', () => problem(503, 'Service unavailable'));
    renderApp({ route: '/stores', api });
    expect(await screen.findByText('Could not load stores')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('makes a rollout of the selection: the dialog pre-filled with it, all at once, then its page', async () => {
    const api = apiWithStores();
    api.stores.push(makeStore({ code: 'LON-0007', name: 'Soho', status: 'active' }));
    const { user, router } = renderApp({ route: '/stores', api });
    await screen.findByRole('link', { name: 'LON-0007' });
    for (const box of screen.getAllByRole('checkbox', { name: /select row/i })) {
      await user.click(box);
    }
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('3 selected')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Decommission' }));
    const dialog = await screen.findByRole('dialog', { name: 'New rollout' });
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveValue(
      'Decommission 3 stores',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Action' })).toHaveTextContent(
      'Decommission',
    );
    expect(within(dialog).getByRole('combobox', { name: 'Which stores' })).toHaveTextContent(
      'The 3 selected stores',
    );
    const chips = within(within(dialog).getByRole('list', { name: 'Selected stores' }));
    expect(chips.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'NYC-0042',
      'BER-0001',
      'LON-0007',
    ]);
    // All at once unless the user splits the selection into waves.
    expect(within(dialog).getByRole('textbox', { name: 'Canary size' })).toHaveValue('0');
    expect(within(dialog).getByRole('textbox', { name: 'Batch size' })).toHaveValue('3');
    expect(within(dialog).getByText('All 3 stores at once, in one wave.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Start rollout' }));

    await waitFor(() => expect(api.rollouts).toHaveLength(1));
    const created = api.rollouts[0]!;
    await waitFor(() => expect(router.state.location.pathname).toBe(`/rollouts/${created.id}`));
    const sent = api.requests.find((r) => r.method === 'POST' && r.path === '/api/rollouts');
    expect(sent?.body).toEqual({
      name: 'Decommission 3 stores',
      action: 'decommission',
      storeIds: api.stores.map((st) => st.id),
      canarySize: 0,
      batchSize: 3,
      waitSeconds: 0,
      pauseAfterCanary: false,
      maxFailurePercent: 0,
    });
    // The rollout's page: each store's result, the draft one refused with the reason.
    const wave = await screen.findByRole('table', { name: 'Wave 1: stores' });
    const row = (code: string) =>
      within(wave).getByRole('link', { name: code }).closest('tr') as HTMLElement;
    expect(row('BER-0001')).toHaveTextContent('cannot decommission a store that is draft');
    expect(within(row('BER-0001')).getByText('Failed')).toBeInTheDocument();
    expect(within(row('NYC-0042')).getByText('Running')).toBeInTheDocument();
    expect(api.requests.some((r) => r.path === '/api/stores/bulk')).toBe(false);
  });

  it('shows an operator the bulk Decommission disabled, with the role it needs', async () => {
    const { user } = renderApp({
      route: '/stores',
      api: apiWithStores(),
      session: signedIn('operator'),
    });
    await screen.findByRole('link', { name: 'NYC-0042' });
    await user.click(screen.getAllByRole('checkbox', { name: /select row/i })[0]!);
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    // Re-queried: the button moves into the reason's wrapper once the settings arrive.
    await waitFor(() =>
      expect(within(bar).getByRole('button', { name: 'Decommission' })).toBeDisabled(),
    );
    const decommission = within(bar).getByRole('button', { name: 'Decommission' });
    expect(decommission.parentElement).toHaveAttribute(
      'title',
      'Decommissioning needs the admin role.',
    );
    expect(within(bar).getByRole('button', { name: 'Provision' })).toBeEnabled();
  });

  it('hides row selection from viewers', async () => {
    renderApp({ route: '/stores', api: apiWithStores(), session: signedIn('viewer') });
    await screen.findByRole('link', { name: 'NYC-0042' });
    expect(screen.queryAllByRole('checkbox', { name: /select row/i })).toHaveLength(0);
  });

  it('exports exactly the selected stores, in the list order, from the bulk toolbar', async () => {
    const api = apiWithStores();
    api.stores.push(makeStore({ code: 'LON-0007', name: 'Soho', status: 'active' }));
    const [nyc, , lon] = api.stores;
    const { user } = renderApp({ route: '/stores?sort=-code', api });
    await screen.findByRole('link', { name: 'LON-0007' });
    for (const code of ['NYC-0042', 'LON-0007']) {
      const row = screen.getByRole('link', { name: code }).closest('[role="row"]') as HTMLElement;
      await user.click(within(row).getByRole('checkbox', { name: /select row/i }));
    }
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('2 selected')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Export selection' }));
    await waitFor(() =>
      expect(api.requests.some((r) => r.path.startsWith('/api/stores/export.csv'))).toBe(true),
    );
    const sent = new URL(
      api.requests.find((r) => r.path.startsWith('/api/stores/export.csv'))!.path,
      'http://x',
    ).searchParams;
    expect(sent.get('ids')?.split(',').sort()).toEqual([nyc!.id, lon!.id].sort());
    expect(sent.get('sort')).toBe('-code');
    expect([...sent.keys()].sort()).toEqual(['ids', 'sort']);
  });

  it('exports the filtered list as CSV', async () => {
    const { user, api } = renderApp({ route: '/stores?status=active', api: apiWithStores() });
    await screen.findByRole('link', { name: 'NYC-0042' });
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.requests.map((r) => r.path)).toContain('/api/stores/export.csv?status=active'),
    );
  });
});
