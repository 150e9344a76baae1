import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi, makeStore } from '@/testing/fake-api';
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

  it('shows an error with a retry when the list fails', async () => {
    const api = apiWithStores();
    api.overrides.set(
      'GET /api/stores',
      () =>
        new Response('{"title":"Service unavailable","status":503}', {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    renderApp({ route: '/stores', api });
    expect(await screen.findByText('Could not load stores')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('runs a bulk action after confirmation and explains a missing endpoint', async () => {
    const { user } = renderApp({ route: '/stores', api: apiWithStores() });
    await screen.findByRole('link', { name: 'NYC-0042' });
    const boxes = screen.getAllByRole('checkbox', { name: /select row/i });
    await user.click(boxes[0]);
    const bar = screen.getByRole('region', { name: 'Bulk actions' });
    expect(within(bar).getByText('1 selected')).toBeInTheDocument();
    await user.click(within(bar).getByRole('button', { name: 'Decommission' }));
    const confirm = await screen.findByRole('dialog', { name: /Decommission 1 stores\?/ });
    await user.click(within(confirm).getByRole('button', { name: 'Decommission' }));
    const results = await screen.findByRole('dialog', { name: 'Bulk action results' });
    expect(within(results).getByText(/not available on this server yet/)).toBeInTheDocument();
  });

  it('shows per-store results of a bulk action', async () => {
    const api = apiWithStores();
    api.overrides.set('POST /api/stores/bulk', async (req) => {
      const { ids } = (await req.json()) as { ids: string[] };
      return new Response(
        JSON.stringify({
          results: ids.map((id) => ({ id, result: 'wrong_status', reason: 'store is draft' })),
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    });
    const { user } = renderApp({ route: '/stores', api });
    await screen.findByRole('link', { name: 'BER-0001' });
    await user.click(screen.getAllByRole('checkbox', { name: /select row/i })[0]);
    await user.click(screen.getByRole('button', { name: 'Activate' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Activate' }),
    );
    const table = await screen.findByRole('table', { name: 'Result per store' });
    expect(within(table).getByText(/Wrong status — store is draft/)).toBeInTheDocument();
  });

  it('hides row selection from viewers', async () => {
    renderApp({ route: '/stores', api: apiWithStores(), session: signedIn('viewer') });
    await screen.findByRole('link', { name: 'NYC-0042' });
    expect(screen.queryAllByRole('checkbox', { name: /select row/i })).toHaveLength(0);
  });

  it('reports that CSV export is not available yet', async () => {
    const { user } = renderApp({ route: '/stores', api: apiWithStores() });
    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));
    expect(
      await screen.findByText('CSV export is not available on this server yet.'),
    ).toBeInTheDocument();
  });
});
