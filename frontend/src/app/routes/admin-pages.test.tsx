import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi } from '@/testing/fake-api';
import { renderApp } from '@/testing/render';

describe('monitoring', () => {
  it('shows the health matrix and explains what the server does not offer yet', async () => {
    renderApp({ route: '/monitoring' });
    const matrix = await screen.findByRole('table', { name: 'Dependency health' });
    expect(within(matrix).getByText('Database')).toBeInTheDocument();
    expect(await screen.findByText(/Circuit-breaker states are not available/)).toBeInTheDocument();
    expect(
      await screen.findByText('Alert history is not available on this server yet.'),
    ).toBeInTheDocument();
  });

  it('shows breaker cards and alerts when the server has them', async () => {
    const api = new FakeApi();
    const ok = (body: unknown) => () =>
      new Response(JSON.stringify(body), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    api.overrides.set(
      'GET /api/system/health',
      ok({
        dependencies: [
          {
            name: 'redis',
            state: 'open',
            failureRate: 0.5,
            latencyMs: 12,
            lastTransition: new Date().toISOString(),
          },
        ],
      }),
    );
    api.overrides.set(
      'GET /api/system/alerts',
      ok({
        items: [
          {
            id: '1',
            time: new Date().toISOString(),
            severity: 'critical',
            source: 'redis',
            message: 'breaker opened',
          },
        ],
      }),
    );
    renderApp({ route: '/monitoring', api });
    expect(await screen.findByRole('heading', { name: 'Redis' })).toBeInTheDocument();
    expect(await screen.findByText('breaker opened')).toBeInTheDocument();
    expect(
      (await screen.findAllByRole('link', { name: /System health: Degraded/ })).length,
    ).toBeGreaterThan(0);
  });
});

describe('users', () => {
  it('lists users, creates one and changes a role', async () => {
    const api = new FakeApi();
    const { user } = renderApp({ route: '/users', api });
    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getByText('admin (you)')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New user' }));
    const dialog = await screen.findByRole('dialog', { name: 'New user' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Username' }), 'Bad Name');
    await user.type(within(dialog).getByLabelText(/Password/), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(
      await within(dialog).findByText('3–64 characters: a-z, 0-9, dot, underscore or dash'),
    ).toBeInTheDocument();
    await user.clear(within(dialog).getByRole('textbox', { name: 'Username' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Username' }), 'victor');
    await user.clear(within(dialog).getByLabelText(/Password/));
    await user.type(within(dialog).getByLabelText(/Password/), 'a-long-password-1');
    await user.click(within(dialog).getByRole('button', { name: 'Create user' }));
    expect(await within(table).findByText('victor')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(await screen.findByRole('button', { name: 'Delete olga' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Delete olga?' })).getByRole('button', {
        name: 'Delete',
      }),
    );
    await waitFor(() => expect(within(table).queryByText('olga')).not.toBeInTheDocument());
  });
});
