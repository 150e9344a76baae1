import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FakeApi, uuid } from '@/testing/fake-api';
import { renderApp } from '@/testing/render';

describe('monitoring', () => {
  it('shows the health matrix, no breakers in embedded mode, and an empty alert history', async () => {
    renderApp({ route: '/monitoring' });
    const matrix = await screen.findByRole('table', { name: 'Dependency health' });
    expect(within(matrix).getByText('Database')).toBeInTheDocument();
    expect(await screen.findByText('No remote dependencies')).toBeInTheDocument();
    expect(await screen.findByText('No alerts')).toBeInTheDocument();
  });

  it('shows breaker cards and the alert history, asking for alerts with `limit`', async () => {
    const api = new FakeApi();
    api.dependencies = [
      {
        name: 'redis',
        state: 'open',
        required: false,
        failureRate: 0.5,
        slowRate: 0,
        windowCalls: 10,
        successes: 5,
        failures: 5,
        rejected: 2,
        latencyMs: 12,
        lastTransition: new Date().toISOString(),
        lastError: 'connection refused',
      },
    ];
    api.alerts = [
      {
        id: uuid(),
        time: new Date().toISOString(),
        severity: 'critical',
        source: 'redis',
        title: 'Redis breaker opened',
        message: 'connection refused',
      },
    ];
    renderApp({ route: '/monitoring', api });
    expect(await screen.findByRole('heading', { name: 'Redis' })).toBeInTheDocument();
    // Before the fix the UI sent ?pageSize=50, which the service refuses with a 400.
    expect(await screen.findByText('Redis breaker opened')).toBeInTheDocument();
    const alertCalls = api.requests.filter((r) => r.path.startsWith('/api/system/alerts'));
    expect(alertCalls.map((r) => r.path)).toContain('/api/system/alerts?limit=50');
  });

  it('shows a degraded service as degraded, not unavailable', async () => {
    const api = new FakeApi();
    api.overrides.set('GET /health/ready', () =>
      Response.json({
        status: 'degraded',
        degraded: [{ name: 'redis', state: 'open' }],
        checks: { database: { kind: 'sqlite', status: 'up' } },
      }),
    );
    renderApp({ route: '/', api });
    expect(
      (await screen.findAllByRole('link', { name: 'System health: Degraded' })).length,
    ).toBeGreaterThan(0);
    expect(
      screen.queryByRole('link', { name: 'System health: Service unavailable' }),
    ).not.toBeInTheDocument();
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
