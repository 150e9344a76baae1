// The one route table. router.tsx maps each entry to a lazily loaded route module; links
// everywhere use getHref so that a path changes in one place.
export const paths = {
  login: {
    path: '/login',
    getHref: (next?: string | null) =>
      next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login',
  },
  dashboard: { path: '/', getHref: () => '/' },
  stores: {
    path: '/stores',
    getHref: (search?: string) => (search ? `/stores?${search}` : '/stores'),
  },
  storeNew: { path: '/stores/new', getHref: () => '/stores/new' },
  storeDetail: {
    path: '/stores/:storeId',
    getHref: (id: string) => `/stores/${encodeURIComponent(id)}`,
  },
  templates: { path: '/templates', getHref: () => '/templates' },
  templateDetail: {
    path: '/templates/:templateId',
    getHref: (id: string) => `/templates/${encodeURIComponent(id)}`,
  },
  calendar: {
    path: '/calendar',
    getHref: (search?: string) => (search ? `/calendar?${search}` : '/calendar'),
  },
  rollouts: { path: '/rollouts', getHref: () => '/rollouts' },
  rolloutDetail: {
    path: '/rollouts/:rolloutId',
    getHref: (id: string) => `/rollouts/${encodeURIComponent(id)}`,
  },
  monitoring: { path: '/monitoring', getHref: () => '/monitoring' },
  users: { path: '/users', getHref: () => '/users' },
  inventory: { path: '/inventory', getHref: () => '/inventory' },
  pools: { path: '/pools', getHref: () => '/pools' },
  activity: {
    path: '/activity',
    getHref: (search?: string) => (search ? `/activity?${search}` : '/activity'),
  },
} as const;

/** Only same-origin, absolute, non-login paths are accepted as a post-login target. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) {
    return paths.dashboard.getHref();
  }
  return next;
}
