import { useCallback } from 'react';
import { useDispatch, useStore } from 'react-redux';
import { useNavigate } from 'react-router';

import { baseApi } from '@/api/base-api';
import { paths } from '@/config/paths';
import { useLogoutMutation } from '@/features/auth/api/auth-api';
import { loggedOut, type SessionState } from '@/lib/auth-session';

/** Revokes the refresh token (best effort), forgets the session and the cache. */
export function useLogout() {
  const [logout] = useLogoutMutation();
  const dispatch = useDispatch();
  const store = useStore<{ session: SessionState }>();
  const navigate = useNavigate();
  return useCallback(async () => {
    const { refreshToken } = store.getState().session;
    if (refreshToken) {
      try {
        await logout({ refreshToken }).unwrap();
      } catch {
        // The token expires on its own; signing out locally must not depend on the server.
      }
    }
    dispatch(loggedOut());
    dispatch(baseApi.util.resetApiState());
    navigate(paths.login.getHref(), { replace: true });
  }, [dispatch, logout, navigate, store]);
}
