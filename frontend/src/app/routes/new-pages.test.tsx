import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { AddressPool } from '@/api/generated/openapi';
import { FakeApi, makeStore, problem, uuid } from '@/testing/fake-api';
import { renderApp, signedIn } from '@/testing/render';

const NOW = '2026-11-25T12:00:00.000Z';

function pool(over: Partial<AddressPool> = {}): AddressPool {
  return {
    id: uuid(),
    cidr: '10.20.0.0/16',
    purpose: 'pos',
    segmentPrefix: 24,
    usedSegments: 64,
    freeSegments: 192,
    capacity: 256,
    createdAt: NOW,
    ...over,
  };
}

// The 180 s bound only limits waiting on a loaded machine; nothing here measures speed.
describe('address pools', () => {
  it('shows each pool with its utilisation, and says why an overlapping pool is refused', async () => {
    const api = new FakeApi();
    api.overrides.set('GET /api/network/pools', () => Response.json({ items: [pool()] }));
    api.overrides.set('POST /api/network/pools', () =>
      problem(409, 'Conflict', { detail: '10.20.5.0/24 overlaps the address pool 10.20.0.0/16' }),
    );
    const { user } = renderApp({ route: '/pools', api });
    const table = await screen.findByRole('table', { name: 'Address pools' });
    expect(within(table).getByRole('rowheader', { name: '10.20.0.0/16' })).toBeInTheDocument();
    expect(within(table).getByText('64 used · 192 free of 256')).toBeInTheDocument();
    expect(
      within(table).getByRole('progressbar', { name: '10.20.0.0/16 25% used' }),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New pool' }));
    const dialog = await screen.findByRole('dialog', { name: 'New address pool' });
    await user.type(within(dialog).getByRole('textbox', { name: 'CIDR' }), '10.20.5.0/24');
    await user.click(within(dialog).getByRole('button', { name: 'Add pool' }));
    expect(
      await within(dialog).findByText(
        /10\.20\.5\.0\/24 overlaps the address pool 10\.20\.0\.0\/16/,
      ),
    ).toBeInTheDocument();
    const posted = api.requests.find((r) => r.method === 'POST' && r.path === '/api/network/pools');
    expect(posted?.body).toEqual({ cidr: '10.20.5.0/24', purpose: 'pos', segmentPrefix: 24 });
  }, 180_000);

  it('offers no add or delete to a viewer', async () => {
    const api = new FakeApi();
    api.role = 'viewer';
    api.overrides.set('GET /api/network/pools', () => Response.json({ items: [pool()] }));
    renderApp({ route: '/pools', api, session: signedIn('viewer') });
    await screen.findByRole('table', { name: 'Address pools' });
    expect(screen.queryByRole('button', { name: 'New pool' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete pool/ })).toBeNull();
  });
});

describe('activity', () => {
  it('sends the chosen filters to GET /api/audit', async () => {
    const api = new FakeApi();
    const { user } = renderApp({ route: '/activity?actor=olga', api });
    await screen.findByRole('heading', { name: 'Activity', level: 1 });
    await user.click(screen.getByRole('combobox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Store created' }));
    await waitFor(() =>
      expect(api.requests.map((r) => r.path)).toContain(
        '/api/audit?page=1&pageSize=25&actor=olga&action=store.created',
      ),
    );
  });
});

describe('credentials', () => {
  it('reveals an active store’s secrets to an admin on demand, with a copy button each', async () => {
    const api = new FakeApi();
    const store = makeStore({ status: 'active' });
    api.stores = [store];
    api.overrides.set(`GET /api/stores/${store.id}/credentials`, () =>
      Response.json({
        storeId: store.id,
        credentials: {
          device_admin_password: 'd3vice-secret',
          wifi_guest_psk: 'guest-psk',
          wifi_corporate_psk: 'corp-psk',
        },
      }),
    );
    const { user } = renderApp({ route: `/stores/${store.id}`, api });
    const reveal = await screen.findByRole('button', { name: 'Reveal credentials' });
    expect(screen.queryByText('d3vice-secret')).toBeNull();
    expect(api.requests.some((r) => r.path.endsWith('/credentials'))).toBe(false);
    await user.click(reveal);
    expect(await screen.findByText('d3vice-secret')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy Guest Wi-Fi key' })).toBeInTheDocument();
    expect(screen.getByText(/Hidden again in 30 s/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('d3vice-secret')).toBeNull();
  }, 180_000);
});
