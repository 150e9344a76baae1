import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiTokensPanel } from '@/features/users/components/api-tokens-panel';
import { UsersTable } from '@/features/users/components/users-table';
import { ADMIN_ID, FakeApi, OPERATOR_ID, problem } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';

function patches(api: FakeApi) {
  return api.requests
    .filter((r) => r.method === 'PATCH' && r.path.startsWith('/api/users/'))
    .map((r) => ({ path: r.path, body: r.body }));
}

describe('UsersTable enable/disable switch', () => {
  it('disables an enabled user with a PATCH and shows the new state', async () => {
    const api = new FakeApi();
    const { user } = renderWithProviders(<UsersTable currentUserId={ADMIN_ID} />, { api });
    const toggle = await screen.findByRole('switch', { name: 'olga enabled' });
    expect(toggle).toBeChecked();

    await user.click(toggle);

    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'olga enabled' })).not.toBeChecked(),
    );
    expect(patches(api)).toEqual([{ path: `/api/users/${OPERATOR_ID}`, body: { disabled: true } }]);
    expect(api.users.find((u) => u.id === OPERATOR_ID)?.disabled).toBe(true);
  });

  it('enables a disabled user again', async () => {
    const api = new FakeApi();
    api.users[1] = { ...api.users[1]!, disabled: true };
    const { user } = renderWithProviders(<UsersTable currentUserId={ADMIN_ID} />, { api });
    const toggle = await screen.findByRole('switch', { name: 'olga enabled' });
    expect(toggle).not.toBeChecked();

    await user.click(toggle);

    await waitFor(() => expect(screen.getByRole('switch', { name: 'olga enabled' })).toBeChecked());
    expect(patches(api)).toEqual([
      { path: `/api/users/${OPERATOR_ID}`, body: { disabled: false } },
    ]);
  });

  it('does not let the signed-in user disable themselves', async () => {
    const api = new FakeApi();
    const { user } = renderWithProviders(<UsersTable currentUserId={ADMIN_ID} />, { api });
    const own = await screen.findByRole('switch', { name: 'admin enabled' });
    expect(own).toBeDisabled();
    await user.click(own).catch(() => undefined);
    expect(patches(api)).toEqual([]);
  });

  it('keeps the user enabled when the server refuses the change', async () => {
    const api = new FakeApi();
    api.overrides.set(`PATCH /api/users/${OPERATOR_ID}`, () => problem(403, 'Forbidden'));
    const { user } = renderWithProviders(<UsersTable currentUserId={ADMIN_ID} />, { api });
    const toggle = await screen.findByRole('switch', { name: 'olga enabled' });

    await user.click(toggle);

    await waitFor(() => expect(patches(api)).toHaveLength(1));
    expect(screen.getByRole('switch', { name: 'olga enabled' })).toBeChecked();
    expect(api.users.find((u) => u.id === OPERATOR_ID)?.disabled).toBe(false);
  });
});

describe('UsersTable and the tokens panel', () => {
  it('re-reads the tokens after a user is disabled: the service revokes the tokens they created', async () => {
    const api = new FakeApi();
    const tokenReads = () =>
      api.requests.filter((r) => r.method === 'GET' && r.path === '/api/tokens').length;
    const { user } = renderWithProviders(
      <>
        <UsersTable currentUserId={ADMIN_ID} />
        <ApiTokensPanel />
      </>,
      { api },
    );
    const toggle = await screen.findByRole('switch', { name: 'olga enabled' });
    await waitFor(() => expect(tokenReads()).toBe(1));

    await user.click(toggle);

    await waitFor(() => expect(tokenReads()).toBe(2));
  });
});
