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

  it('shows refused stores of a bulk action as refused, with their reason', async () => {
    const api = apiWithStores();
    api.stores.push(makeStore({ code: 'LON-0007', name: 'Soho', status: 'active' }));
    const { user } = renderApp({ route: '/stores', api });
    await screen.findByRole('link', { name: 'LON-0007' });
    for (const box of screen.getAllByRole('checkbox', { name: /select row/i })) {
      await user.click(box);
    }
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('3 selected')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Decommission' }));
    const confirm = await screen.findByRole('dialog', { name: /Decommission 3 stores\?/ });
    await user.click(within(confirm).getByRole('button', { name: 'Decommission' }));
    const results = await screen.findByRole('dialog', { name: 'Bulk action results' });
    // Before the fix every row read "Accepted" and the summary "3 of 3 accepted".
    expect(within(results).getByText('2 of 3 accepted, 1 refused.')).toBeInTheDocument();
    const table = within(results).getByRole('table', { name: 'Result per store' });
    const row = (code: string) => within(table).getByText(code).closest('tr') as HTMLElement;
    expect(row('BER-0001')).toHaveTextContent(
      'Refused — cannot decommission a store that is draft',
    );
    expect(row('NYC-0042')).toHaveTextContent('Accepted');
    expect(row('LON-0007')).toHaveTextContent('Accepted');
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
    expect(within(bar).getByRole('button', { name: 'Activate' })).toBeEnabled();
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
