import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { ApiTokensPanel } from '@/features/users/components/api-tokens-panel';
import { expiresAtFor } from '@/features/users/schemas/token-schema';
import { FakeApi } from '@/testing/fake-api';
import { renderWithProviders } from '@/testing/render';

describe('ApiTokensPanel', () => {
  it('creates a token, shows its secret once with a copy button, then lists it without it', async () => {
    const api = new FakeApi();
    const { user } = renderWithProviders(<ApiTokensPanel />, { api });
    expect(await screen.findByText('No automation tokens')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New token' }));
    const form = await screen.findByRole('dialog', { name: 'New automation token' });
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), 'CI deploy');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: /Token “CI deploy” created/ });
    const secret = within(shown).getByRole('textbox', { name: 'New token' });
    expect((secret as HTMLInputElement).value).toMatch(/^spp_/);
    expect(within(shown).getByText(/shown only this once/)).toBeInTheDocument();
    await user.click(within(shown).getByRole('button', { name: 'Copy token' }));
    expect(await navigator.clipboard.readText()).toBe((secret as HTMLInputElement).value);
    expect(await within(shown).findByText('Copied to the clipboard.')).toBeInTheDocument();

    const posted = api.requests.find((r) => r.method === 'POST' && r.path === '/api/tokens');
    expect(posted?.body).toMatchObject({ name: 'CI deploy', role: 'viewer' });
    expect(typeof (posted?.body as { expiresAt: unknown }).expiresAt).toBe('string');

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    const table = await screen.findByRole('table', { name: 'Automation tokens' });
    expect(within(table).getByRole('rowheader', { name: 'CI deploy' })).toBeInTheDocument();
    expect(table.textContent).not.toMatch(/spp_/);
  });

  it('refuses a blank name before asking the server', async () => {
    const api = new FakeApi();
    const { user } = renderWithProviders(<ApiTokensPanel />, { api });
    await user.click(await screen.findByRole('button', { name: 'New token' }));
    const form = await screen.findByRole('dialog', { name: 'New automation token' });
    await user.type(within(form).getByRole('textbox', { name: /Name/ }), '   ');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(await within(form).findByText('Give the token a name')).toBeInTheDocument();
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('revokes only after confirmation', async () => {
    const api = new FakeApi();
    api.apiTokens = [
      {
        id: '00000000-0000-4000-8000-0000000000b1',
        name: 'nightly export',
        role: 'viewer',
        createdBy: 'admin',
        createdAt: '2026-11-25T12:00:00.000Z',
        expiresAt: null,
        lastUsedAt: '2026-11-26T08:00:00.000Z',
      },
    ];
    const { user } = renderWithProviders(<ApiTokensPanel />, { api });
    await user.click(await screen.findByRole('button', { name: 'Revoke nightly export' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke nightly export?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Revoke nightly export' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Revoke nightly export?' })).getByRole(
        'button',
        { name: 'Revoke' },
      ),
    );
    await waitFor(() => expect(screen.getByText('No automation tokens')).toBeInTheDocument());
    expect(api.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/tokens/00000000-0000-4000-8000-0000000000b1',
    ]);
  });
});

describe('expiresAtFor', () => {
  it('is null for never and now plus the days otherwise', () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(expiresAtFor('never', now)).toBeNull();
    expect(expiresAtFor('30', now)).toBe('2026-12-25T12:00:00.000Z');
  });
});
