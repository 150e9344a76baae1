import { createBrowserRouter, type RouteObject } from 'react-router';

import { RouteErrorBoundary } from '@/components/errors/route-error-boundary';
import { BootSplash } from '@/components/ui/boot-splash';
import { paths } from '@/config/paths';

// Every page is its own chunk; the route table is config/paths.ts.
export const routes: RouteObject[] = [
  {
    path: paths.login.path,
    lazy: () => import('@/app/routes/login').then((m) => ({ Component: m.LoginRoute })),
    errorElement: <RouteErrorBoundary />,
    hydrateFallbackElement: <BootSplash />,
  },
  {
    lazy: () => import('@/app/routes/app-root').then((m) => ({ Component: m.AppRoot })),
    errorElement: <RouteErrorBoundary />,
    hydrateFallbackElement: <BootSplash />,
    children: [
      {
        path: paths.dashboard.path,
        handle: { crumb: 'Dashboard' },
        lazy: () => import('@/app/routes/dashboard').then((m) => ({ Component: m.DashboardRoute })),
      },
      {
        path: paths.stores.path,
        handle: { crumb: 'Stores' },
        children: [
          {
            index: true,
            lazy: () => import('@/app/routes/stores').then((m) => ({ Component: m.StoresRoute })),
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
              import('@/app/routes/store-detail').then((m) => ({ Component: m.StoreDetailRoute })),
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
        path: paths.users.path,
        handle: { crumb: 'Users' },
        lazy: () => import('@/app/routes/users').then((m) => ({ Component: m.UsersRoute })),
      },
      {
        path: '*',
        handle: { crumb: 'Not found' },
        lazy: () => import('@/app/routes/not-found').then((m) => ({ Component: m.NotFoundRoute })),
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
