import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { AddressPool, CredentialVersion } from '@/api/generated/openapi';
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
  const version = (n: number, state: CredentialVersion['state'], createdBy = 'olga') => ({
    version: n,
    state,
    path: `stores/00000000-0000-4000-8000-000000000000/credentials${n > 1 ? `/v${n}` : ''}`,
    createdAt: '2026-09-01T10:00:00.000Z',
    createdBy,
    endedAt: null,
    endedBy: '',
  });

  it('reveals an active store’s secrets to an admin on demand, with a copy button each', async () => {
    const api = new FakeApi();
    const store = makeStore({ status: 'active' });
    api.stores = [store];
    api.credentialVersions[store.id] = [version(1, 'current')];
    api.overrides.set(`GET /api/stores/${store.id}/credentials`, () =>
      Response.json({
        storeId: store.id,
        version: 1,
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
    expect(screen.getByText(/Version 1, hidden again in 30 s/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByText('d3vice-secret')).toBeNull();
  }, 180_000);

  it('shows the versions and a due rotation to everyone; an operator below permissions.rotate sees why Rotate is disabled', async () => {
    const api = new FakeApi();
    const store = makeStore({ status: 'active' });
    api.stores = [store];
    api.credentialVersions[store.id] = [version(1, 'current')];
    api.rotationDueAt[store.id] = '2026-11-30T10:00:00.000Z';
    const { user } = renderApp({
      route: `/stores/${store.id}`,
      api,
      session: signedIn('operator'),
    });
    expect(await screen.findByText('Rotation due', {}, { timeout: 60_000 })).toBeInTheDocument();
    expect(screen.getByText(/Version 1 is current; rotation was due on/)).toBeInTheDocument();
    const versions = screen.getByRole('list', { name: 'Credential versions' });
    expect(within(versions).getByText('v1')).toBeInTheDocument();
    expect(within(versions).getByText('current')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reveal credentials' })).toBeNull();
    const rotate = screen.getByRole('button', { name: 'Rotate' });
    expect(rotate).toBeDisabled();
    await user.hover(rotate.parentElement!);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Changing credentials needs the admin role.',
    );
  }, 180_000);

  it('an admin rotates after confirming: a new current version, the old one kept with Restore and Release', async () => {
    const api = new FakeApi();
    const store = makeStore({ status: 'active' });
    api.stores = [store];
    api.credentialVersions[store.id] = [version(1, 'current')];
    const { user } = renderApp({ route: `/stores/${store.id}`, api });
    // The store page is slow to build in jsdom on a loaded machine: a longer wait for it.
    await user.click(await screen.findByRole('button', { name: 'Rotate' }, { timeout: 60_000 }));
    const dialog = await screen.findByRole('dialog', {
      name: `Rotate the credentials of ${store.code}?`,
    });
    expect(api.requests.some((r) => r.path.endsWith('/credentials/rotate'))).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Rotate' }));
    await waitFor(() =>
      expect(
        api.requests.some(
          (r) => r.method === 'POST' && r.path === `/api/stores/${store.id}/credentials/rotate`,
        ),
      ).toBe(true),
    );
    const versions = await screen.findByRole('list', { name: 'Credential versions' });
    await waitFor(() => expect(within(versions).getByText('v2')).toBeInTheDocument());
    expect(within(versions).getByText('kept')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Restore version 1' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Release version 1' })).toBeEnabled();
    expect(screen.getByText('Version 2 is current.')).toBeInTheDocument();
  }, 180_000);
});
