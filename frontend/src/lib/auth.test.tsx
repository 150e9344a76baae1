import { render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { describe, expect, it } from 'vitest';

import { createAppStore } from '@/app/store';
import { parseEnv } from '@/config/env';
import { safeNext } from '@/config/paths';
import { clearSession, loadSession, saveSession } from '@/lib/auth-storage';
import { Authorized, can } from '@/lib/authorization';
import { signedIn } from '@/testing/render';

describe('authorization', () => {
  it('follows the policy map', () => {
    expect(can('viewer', 'stores:read')).toBe(true);
    expect(can('viewer', 'stores:write')).toBe(false);
    expect(can('operator', 'users:manage')).toBe(false);
    expect(can('admin', 'users:manage')).toBe(true);
    expect(can(null, 'stores:read')).toBe(false);
  });
  it('renders children only for allowed roles', () => {
    const store = createAppStore({ session: signedIn('viewer') }, { persist: false });
    render(
      <Provider store={store}>
        <Authorized policy="stores:write" fallback={<p>read only</p>}>
          <button type="button">Edit</button>
        </Authorized>
      </Provider>,
    );
    expect(screen.queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect(screen.getByText('read only')).toBeInTheDocument();
  });
});

describe('token storage', () => {
  it('uses localStorage only with remember me', () => {
    const s = {
      accessToken: 'a',
      refreshToken: 'r',
      expiresAt: 1,
      user: { id: 'u', username: 'x', role: 'admin' as const },
    };
    saveSession({ ...s, remember: false });
    expect(window.sessionStorage.length).toBe(1);
    expect(window.localStorage.length).toBe(0);
    saveSession({ ...s, remember: true });
    expect(window.sessionStorage.length).toBe(0);
    expect(loadSession()?.remember).toBe(true);
    clearSession();
    expect(loadSession()).toBeNull();
  });
  it('persists the session from the store', () => {
    const store = createAppStore();
    store.dispatch({
      type: 'session/credentialsReceived',
      payload: {
        response: {
          accessToken: 'a',
          refreshToken: 'r',
          expiresIn: 60,
          tokenType: 'Bearer',
          user: { id: 'u', username: 'x', role: 'viewer' },
        },
        remember: false,
        now: 0,
      },
    });
    expect(loadSession()?.accessToken).toBe('a');
    store.dispatch({ type: 'session/loggedOut' });
    expect(loadSession()).toBeNull();
  });
});

describe('config', () => {
  it('validates the environment and reports all problems', () => {
    expect(parseEnv({}).LIST_PAGE_SIZE).toBe(100);
    expect(() => parseEnv({ VITE_API_URL: 'ftp://x', VITE_LIST_PAGE_SIZE: '0' })).toThrow(
      /VITE_API_URL[\s\S]*VITE_LIST_PAGE_SIZE/,
    );
  });
  it('accepts only local paths after login', () => {
    expect(safeNext('/stores?q=a')).toBe('/stores?q=a');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
