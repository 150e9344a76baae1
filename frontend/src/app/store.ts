import { combineReducers, configureStore } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';

import { baseApi } from '@/api/base-api';
import { errorToastMiddleware } from '@/api/error-middleware';
import { liveSlice } from '@/api/live-updates';
import { sessionFromStorage, sessionSlice } from '@/lib/auth-session';
import { clearSession, loadSession, saveSession } from '@/lib/auth-storage';
import { notificationsSlice } from '@/lib/notifications';

const rootReducer = combineReducers({
  [baseApi.reducerPath]: baseApi.reducer,
  session: sessionSlice.reducer,
  notifications: notificationsSlice.reducer,
  live: liveSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export function createAppStore(preloadedState?: Partial<RootState>, { persist = true } = {}) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: {
      session: sessionFromStorage(persist ? loadSession() : null),
      ...preloadedState,
    } as RootState,
    middleware: (getDefault) => getDefault().concat(baseApi.middleware, errorToastMiddleware),
  });
  setupListeners(store.dispatch);
  if (persist) {
    // Tokens follow the session: remember me → localStorage, else sessionStorage.
    let last = store.getState().session;
    store.subscribe(() => {
      const s = store.getState().session;
      if (s === last) return;
      last = s;
      if (s.accessToken && s.refreshToken && s.expiresAt && s.user) {
        saveSession({
          accessToken: s.accessToken,
          refreshToken: s.refreshToken,
          expiresAt: s.expiresAt,
          user: s.user,
          remember: s.remember,
        });
      } else {
        clearSession();
      }
    });
  }
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
