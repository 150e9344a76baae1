import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { vi } from 'vitest';

import type { Role } from '@/api/generated/openapi';
import { AppProvider } from '@/app/provider';
import { routes } from '@/app/router';
import { createAppStore, type RootState } from '@/app/store';
import { emptySession, type SessionState } from '@/lib/auth-session';
import { ADMIN_ID, FakeApi } from '@/testing/fake-api';

class SilentWebSocket {
  static instances: SilentWebSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(
    public url: string,
    public protocols: string[],
  ) {
    SilentWebSocket.instances.push(this);
  }
  close() {}
}

export function signedIn(role: Role = 'admin', remember = false): SessionState {
  return {
    ...emptySession,
    accessToken: 'header.access-1.signature',
    refreshToken: 'refresh-0',
    expiresAt: Date.now() + 900_000,
    user: { id: ADMIN_ID, username: role === 'admin' ? 'admin' : role, role },
    remember,
  };
}

export interface RenderOptions {
  route?: string;
  session?: SessionState;
  preloadedState?: Partial<RootState>;
  api?: FakeApi;
}

/** The whole app (real store, real routes) at `route`, talking to a FakeApi. */
export function renderApp({
  route = '/',
  session = signedIn(),
  preloadedState,
  api = new FakeApi(),
}: RenderOptions = {}) {
  vi.stubGlobal('fetch', api.fetch);
  vi.stubGlobal('WebSocket', SilentWebSocket);
  const store = createAppStore({ session, ...preloadedState }, { persist: false });
  const router = createMemoryRouter(routes, { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <AppProvider store={store}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, store, router, user, api };
}

/** One component inside the providers and a router, for focused tests. */
export function renderWithProviders(
  ui: ReactElement,
  { route = '/', session = signedIn(), preloadedState, api = new FakeApi() }: RenderOptions = {},
) {
  vi.stubGlobal('fetch', api.fetch);
  vi.stubGlobal('WebSocket', SilentWebSocket);
  const store = createAppStore({ session, ...preloadedState }, { persist: false });
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <AppProvider store={store}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, store, router, user, api };
}

export { SilentWebSocket };
