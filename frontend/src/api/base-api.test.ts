import { describe, expect, it, vi } from 'vitest';

import { createAppStore } from '@/app/store';
import { authApi } from '@/features/auth/api/auth-api';
import { ADMIN_ID, FakeApi, problem } from '@/testing/fake-api';
import { signedIn } from '@/testing/render';

describe('baseQueryWithReauth', () => {
  it('refreshes once on 401 for concurrent calls and retries them', async () => {
    const api = new FakeApi();
    let calls = 0;
    api.overrides.set('GET /api/auth/me', (req) => {
      calls += 1;
      return req.headers.get('authorization') === 'Bearer header.access-2.signature'
        ? new Response(JSON.stringify({ id: ADMIN_ID, username: 'admin', role: 'admin' }), {
            headers: { 'content-type': 'application/json' },
          })
        : problem(401, 'Unauthorized');
    });
    vi.stubGlobal('fetch', api.fetch);
    const store = createAppStore({ session: signedIn() }, { persist: false });
    const [a, b] = await Promise.all([
      store.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true })),
      store.dispatch(authApi.endpoints.me.initiate(undefined, { forceRefetch: true })),
    ]);
    expect(a.data?.username).toBe('admin');
    expect(b.data?.username).toBe('admin');
    expect(api.refreshCount).toBe(1);
    expect(store.getState().session.accessToken).toBe('header.access-2.signature');
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('refreshes ahead of expiry', async () => {
    const api = new FakeApi();
    vi.stubGlobal('fetch', api.fetch);
    const store = createAppStore(
      { session: { ...signedIn(), expiresAt: Date.now() + 1000 } },
      { persist: false },
    );
    await store.dispatch(authApi.endpoints.me.initiate());
    expect(api.refreshCount).toBe(1);
  });

  it('ends the session when the refresh is refused', async () => {
    const api = new FakeApi();
    api.overrides.set('GET /api/auth/me', () => problem(401, 'Unauthorized'));
    api.overrides.set('POST /api/auth/refresh', () => problem(401, 'Unauthorized'));
    vi.stubGlobal('fetch', api.fetch);
    const store = createAppStore({ session: signedIn() }, { persist: false });
    await store.dispatch(authApi.endpoints.me.initiate());
    expect(store.getState().session.accessToken).toBeNull();
    expect(store.getState().session.expired).toBe(true);
  });
});
