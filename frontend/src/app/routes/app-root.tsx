import { useEffect } from 'react';
import { useDispatch, useSelector, useStore } from 'react-redux';
import { Navigate, Outlet, useLocation } from 'react-router';

import { refreshSession } from '@/api/base-api';
import { useLiveUpdates } from '@/api/live-updates';
import type { AppStore } from '@/app/store';
import { DashboardLayout } from '@/components/layout/dashboard-layout';
import { Deferred } from '@/components/ui/deferred';
import { env } from '@/config/env';
import { paths } from '@/config/paths';
import { useLogout } from '@/features/auth/hooks/use-logout';
import { monitoringApi } from '@/features/monitoring/api/monitoring-api';
import { HealthIndicator } from '@/features/monitoring/components/health-indicator';
import { selectSession, sessionExpired } from '@/lib/auth-session';

/** Refreshes the access token shortly before it expires, even while the user is idle. */
function useSilentRefresh() {
  const session = useSelector(selectSession);
  const store = useStore();
  const dispatch = useDispatch();
  useEffect(() => {
    if (!session.expiresAt || !session.refreshToken) return undefined;
    const wait = Math.max(
      1000,
      session.expiresAt - Date.now() - env.TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    );
    const t = setTimeout(() => {
      void refreshSession(store.dispatch, store.getState).then((outcome) => {
        if (outcome === 'rejected') dispatch(sessionExpired());
      });
    }, wait);
    return () => clearTimeout(t);
  }, [session.expiresAt, session.refreshToken, store, dispatch]);
}

function SignedInShell() {
  useLiveUpdates();
  useSilentRefresh();
  const logout = useLogout();
  return (
    <DashboardLayout onLogout={() => void logout()} status={<HealthIndicator />}>
      {/* The page, one task after the shell (see Deferred). */}
      <Deferred>
        <Outlet />
      </Deferred>
    </DashboardLayout>
  );
}

/** The header's health checks, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore) {
  void store.dispatch(monitoringApi.util.prefetch('getReadiness', undefined, { ifOlderThan: 10 }));
  void store.dispatch(
    monitoringApi.util.prefetch('getSystemHealth', undefined, { ifOlderThan: 10 }),
  );
}

/** Everything but the login page: signed-in users only, then the dashboard shell. */
export function AppRoot() {
  const session = useSelector(selectSession);
  const location = useLocation();
  if (!session.accessToken) {
    return <Navigate to={paths.login.getHref(location.pathname + location.search)} replace />;
  }
  return <SignedInShell />;
}
