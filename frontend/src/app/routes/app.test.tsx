import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { emptySession } from '@/lib/auth-session';
import { FakeApi, makeAudit, makeStore } from '@/testing/fake-api';
import { renderApp, signedIn } from '@/testing/render';

describe('sign-in', () => {
  it('sends an anonymous visitor to login and back to the page they wanted', async () => {
    const { user, router } = renderApp({ route: '/monitoring', session: emptySession });
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(router.state.location.search).toBe('?next=%2Fmonitoring');
    await user.type(screen.getByRole('textbox', { name: /username/i }), 'admin');
    await user.type(screen.getByLabelText(/password/i), 'wrong-password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Wrong username or password.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/password/i));
    await user.type(screen.getByLabelText(/password/i), 'correct-password');
    await user.click(screen.getByRole('checkbox', { name: 'Remember me' }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByRole('heading', { name: 'Monitoring', level: 1 }),
    ).toBeInTheDocument();
  });

  it('requires both fields', async () => {
    const { user } = renderApp({ route: '/login', session: emptySession });
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your username')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
  });
});

describe('dashboard', () => {
  it('shows the figures and the activity feed', async () => {
    const api = new FakeApi();
    api.stores = [
      makeStore({ code: 'AAA-001', status: 'active' }),
      makeStore({ code: 'BBB-002', status: 'failed' }),
    ];
    api.audit = [
      makeAudit(api.stores[0], {
        time: new Date().toISOString(),
        actor: 'olga',
        action: 'store.updated',
        changes: [{ field: 'name', before: 'A', after: 'B' }],
      }),
    ];
    renderApp({ api });
    expect(await screen.findByRole('heading', { name: 'Overview' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('stat-Total stores')).toHaveTextContent('2'));
    expect(screen.getByTestId('stat-Errors')).toHaveTextContent('1');
    const feed = await screen.findByRole('list', { name: 'Recent activity' });
    expect(within(feed).getByText('olga')).toBeInTheDocument();
    expect(within(feed).getByText('name: A → B')).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: /System health: All systems operational/ }),
    ).toBeInTheDocument();
  });

  it('shows the side menu by role: viewers get no write controls and no user admin', async () => {
    renderApp({ session: signedIn('viewer') });
    await screen.findByRole('heading', { name: 'Overview' });
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0];
    expect(within(nav).getByRole('link', { name: 'Stores' })).toBeInTheDocument();
    // The go-live calendar only reads: every role has it.
    expect(within(nav).getByRole('link', { name: 'Calendar' })).toHaveAttribute(
      'href',
      '/calendar',
    );
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'New store' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New store' })).not.toBeInTheDocument();
  });

  it('gives operators store writes but no user administration', async () => {
    renderApp({ session: signedIn('operator'), route: '/users' });
    expect(await screen.findByText('Only administrators manage users.')).toBeInTheDocument();
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0];
    expect(within(nav).getByRole('link', { name: 'New store' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
  });
});

describe('logout', () => {
  it('revokes the refresh token and returns to login', async () => {
    const { user, api, store } = renderApp();
    await screen.findByRole('heading', { name: 'Overview' });
    await user.click(screen.getAllByRole('button', { name: 'Sign out' })[0]);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(api.requests.some((r) => r.path === '/api/auth/logout')).toBe(true);
    expect(store.getState().session.accessToken).toBeNull();
  });
});

describe('not found', () => {
  it('renders a page for unknown addresses', async () => {
    renderApp({ route: '/nowhere' });
    expect(await screen.findByText('Page not found')).toBeInTheDocument();
  });
});
