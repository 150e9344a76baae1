import {
  createBrowserRouter,
  type LoaderFunctionArgs,
  type Params,
  type RouteObject,
} from 'react-router';

import type { AppStore } from '@/app/store';
import { RouteErrorBoundary } from '@/components/errors/route-error-boundary';
import { BootSplash } from '@/components/ui/boot-splash';
import { paths } from '@/config/paths';

/** A page's first queries, started from its route loader (see withPrefetch). */
type Prefetch = (store: AppStore, request: Request, params: Params) => void;

/**
 * A loader that starts the page's first queries as soon as its code is in — in parallel with
 * the shell's code and rendering — rather than when the page first renders. It never waits
 * (the page shows its own loading state) and does nothing for a signed-out visitor, whom
 * the shell sends to the login page.
 */
function withPrefetch(store: AppStore | undefined, prefetch: Prefetch | undefined) {
  if (!store || !prefetch) return {};
  return {
    loader: ({ request, params }: LoaderFunctionArgs) => {
      if (store.getState().session.accessToken) prefetch(store, request, params);
      return null;
    },
  };
}

// Every page is its own chunk; the route table is config/paths.ts.
export function appRoutes(store?: AppStore): RouteObject[] {
  return [
    {
      path: paths.login.path,
      lazy: () => import('@/app/routes/login').then((m) => ({ Component: m.LoginRoute })),
      errorElement: <RouteErrorBoundary />,
      hydrateFallbackElement: <BootSplash />,
    },
    {
      lazy: () =>
        import('@/app/routes/app-root').then((m) => ({
          Component: m.AppRoot,
          ...withPrefetch(store, m.prefetch),
        })),
      errorElement: <RouteErrorBoundary />,
      hydrateFallbackElement: <BootSplash />,
      children: [
        {
          path: paths.dashboard.path,
          handle: { crumb: 'Dashboard' },
          lazy: () =>
            import('@/app/routes/dashboard').then((m) => ({
              Component: m.DashboardRoute,
              ...withPrefetch(store, m.prefetch),
            })),
        },
        {
          path: paths.stores.path,
          handle: { crumb: 'Stores' },
          children: [
            {
              index: true,
              lazy: () =>
                import('@/app/routes/stores').then((m) => ({
                  Component: m.StoresRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
            {
              path: paths.storeNew.path,
              handle: { crumb: 'New store' },
              lazy: () =>
                import('@/app/routes/store-new').then((m) => ({ Component: m.StoreNewRoute })),
            },
            {
              path: paths.storeDetail.path,
              handle: { crumb: 'Store' },
              lazy: () =>
                import('@/app/routes/store-detail').then((m) => ({
                  Component: m.StoreDetailRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
          ],
        },
        {
          path: paths.templates.path,
          handle: { crumb: 'Templates' },
          children: [
            {
              index: true,
              lazy: () =>
                import('@/app/routes/templates').then((m) => ({
                  Component: m.TemplatesRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
            {
              path: paths.templateDetail.path,
              handle: { crumb: 'Template' },
              lazy: () =>
                import('@/app/routes/template-detail').then((m) => ({
                  Component: m.TemplateDetailRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
          ],
        },
        {
          path: paths.calendar.path,
          handle: { crumb: 'Go-live calendar' },
          lazy: () =>
            import('@/app/routes/calendar').then((m) => ({
              Component: m.CalendarRoute,
              ...withPrefetch(store, m.prefetch),
            })),
        },
        {
          path: paths.rollouts.path,
          handle: { crumb: 'Rollouts' },
          children: [
            {
              index: true,
              lazy: () =>
                import('@/app/routes/rollouts').then((m) => ({
                  Component: m.RolloutsRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
            {
              path: paths.rolloutDetail.path,
              handle: { crumb: 'Rollout' },
              lazy: () =>
                import('@/app/routes/rollout-detail').then((m) => ({
                  Component: m.RolloutDetailRoute,
                  ...withPrefetch(store, m.prefetch),
                })),
            },
          ],
        },
        {
          path: paths.monitoring.path,
          handle: { crumb: 'Monitoring' },
          lazy: () =>
            import('@/app/routes/monitoring').then((m) => ({ Component: m.MonitoringRoute })),
        },
        {
          path: paths.inventory.path,
          handle: { crumb: 'Inventory' },
          lazy: () =>
            import('@/app/routes/inventory').then((m) => ({ Component: m.InventoryRoute })),
        },
        {
          path: paths.pools.path,
          handle: { crumb: 'Address pools' },
          lazy: () => import('@/app/routes/pools').then((m) => ({ Component: m.PoolsRoute })),
        },
        {
          path: paths.activity.path,
          handle: { crumb: 'Activity' },
          lazy: () => import('@/app/routes/activity').then((m) => ({ Component: m.ActivityRoute })),
        },
        {
          path: paths.users.path,
          handle: { crumb: 'Users' },
          lazy: () => import('@/app/routes/users').then((m) => ({ Component: m.UsersRoute })),
        },
        {
          path: '*',
          handle: { crumb: 'Not found' },
          lazy: () =>
            import('@/app/routes/not-found').then((m) => ({ Component: m.NotFoundRoute })),
        },
      ],
    },
  ];
}

/** The route table without prefetching (tests render it in a memory router). */
export const routes = appRoutes();

export function createAppRouter(store: AppStore) {
  return createBrowserRouter(appRoutes(store));
}
