import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import { appRoutes } from '@/app/router';
import { createAppStore } from '@/app/store';
import { emptySession } from '@/lib/auth-session';
import { FakeApi } from '@/testing/fake-api';
import { signedIn } from '@/testing/render';

/** Loads `path` in a memory router (no rendering) and returns the API paths requested. */
async function requestsOfLoading(path: string, signedInUser: boolean) {
  const api = new FakeApi();
  api.stores = [];
  vi.stubGlobal('fetch', api.fetch);
  const store = createAppStore(
    { session: signedInUser ? signedIn() : emptySession },
    { persist: false },
  );
  const router = createMemoryRouter(appRoutes(store), { initialEntries: [path] });
  await vi.waitFor(() => expect(router.state.initialized).toBe(true));
  await new Promise((r) => setTimeout(r, 50));
  router.dispose();
  return api.requests.map((r) => r.path);
}

describe('route loaders prefetch a page’s first queries', () => {
  it('starts the dashboard’s figures, activity and health checks before anything renders', async () => {
    const paths = await requestsOfLoading('/', true);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/stats',
        '/api/audit?page=1&pageSize=12',
        '/health/ready',
        '/api/system/health',
      ]),
    );
  });

  it('starts the store list with the filters of the URL', async () => {
    const paths = await requestsOfLoading('/stores?status=active&page=2', true);
    expect(paths.some((p) => p.startsWith('/api/stores?') && p.includes('status=active'))).toBe(
      true,
    );
    expect(paths.some((p) => p.includes('page=2'))).toBe(true);
  });

  it('fetches nothing for a signed-out visitor', async () => {
    expect(await requestsOfLoading('/', false)).toEqual([]);
  });
});
