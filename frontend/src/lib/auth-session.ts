import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

import type { Session, SessionUser } from '@/api/generated/openapi';
import type { StoredSession } from '@/lib/auth-storage';

export interface SessionState {
  accessToken: string | null;
  refreshToken: string | null;
  expiresAt: number | null;
  user: SessionUser | null;
  remember: boolean;
  /** Set when the session ended because a refresh was refused (shown on the login page). */
  expired: boolean;
}

export const emptySession: SessionState = {
  accessToken: null,
  refreshToken: null,
  expiresAt: null,
  user: null,
  remember: false,
  expired: false,
};

export function sessionFromStorage(stored: StoredSession | null): SessionState {
  return stored ? { ...stored, expired: false } : emptySession;
}

export const sessionSlice = createSlice({
  name: 'session',
  initialState: emptySession,
  reducers: {
    credentialsReceived(
      state,
      action: PayloadAction<{ response: Session; remember: boolean; now: number }>,
    ) {
      const { response, remember, now } = action.payload;
      state.accessToken = response.accessToken;
      state.refreshToken = response.refreshToken;
      state.expiresAt = now + response.expiresIn * 1000;
      state.user = response.user;
      state.remember = remember;
      state.expired = false;
    },
    loggedOut() {
      return emptySession;
    },
    sessionExpired() {
      return { ...emptySession, expired: true };
    },
  },
});

export const { credentialsReceived, loggedOut, sessionExpired } = sessionSlice.actions;

type WithSession = { session: SessionState };
export const selectSession = (s: WithSession) => s.session;
export const selectCurrentUser = (s: WithSession) => s.session.user;
export const selectIsAuthenticated = (s: WithSession) => s.session.accessToken !== null;
