import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';

import { appRoutes } from '@/app/router';
import { createAppStore } from '@/app/store';
import { emptySession } from '@/lib/auth-session';
import { FakeApi } from '@/testing/fake-api';
import { signedIn } from '@/testing/render';

/**
 * Loads `path` in a memory router (no rendering) and returns the API paths requested once
 * `until` holds for them (or, without `until`, shortly after the router is initialised).
 */
async function requestsOfLoading(
  path: string,
  signedInUser: boolean,
  until?: (paths: string[]) => void,
) {
  const api = new FakeApi();
  api.stores = [];
  vi.stubGlobal('fetch', api.fetch);
  const store = createAppStore(
    { session: signedInUser ? signedIn() : emptySession },
    { persist: false },
  );
  const router = createMemoryRouter(appRoutes(store), { initialEntries: [path] });
  await vi.waitFor(() => expect(router.state.initialized).toBe(true), { timeout: 8000 });
  const paths = () => api.requests.map((r) => r.path);
  if (until) await vi.waitFor(() => until(paths()), { timeout: 8000 });
  else await new Promise((r) => setTimeout(r, 50));
  router.dispose();
  return paths();
}

describe('route loaders prefetch a page’s first queries', () => {
  it('starts the dashboard’s figures, activity and health checks before anything renders', async () => {
    const expected = [
      '/api/stats',
      '/api/audit?page=1&pageSize=12',
      '/health/ready',
      '/api/system/health',
    ];
    const paths = await requestsOfLoading('/', true, (p) =>
      expect(p).toEqual(expect.arrayContaining(expected)),
    );
    expect(paths).toEqual(expect.arrayContaining(expected));
  });

  it('starts the store list with the filters of the URL', async () => {
    const paths = await requestsOfLoading('/stores?status=active&page=2', true, (p) =>
      expect(p.some((x) => x.startsWith('/api/stores?'))).toBe(true),
    );
    expect(paths.some((p) => p.startsWith('/api/stores?') && p.includes('status=active'))).toBe(
      true,
    );
    expect(paths.some((p) => p.includes('page=2'))).toBe(true);
  });

  it('fetches nothing for a signed-out visitor', async () => {
    expect(await requestsOfLoading('/', false)).toEqual([]);
  });
});
