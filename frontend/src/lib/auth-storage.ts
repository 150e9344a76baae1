import type { SessionUser } from '@/api/generated/openapi';

// Tokens live in localStorage only when the user ticked "remember me"; otherwise in
// sessionStorage, so that closing the browser ends the session.
const KEY = 'store-platform.session';

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
  user: SessionUser;
  remember: boolean;
}

function isStoredSession(v: unknown): v is StoredSession {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.user === 'object' &&
    s.user !== null
  );
}

function read(storage: Storage): StoredSession | null {
  try {
    const raw = storage.getItem(KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function loadSession(): StoredSession | null {
  return read(window.sessionStorage) ?? read(window.localStorage);
}

export function saveSession(session: StoredSession): void {
  const keep = session.remember ? window.localStorage : window.sessionStorage;
  const drop = session.remember ? window.sessionStorage : window.localStorage;
  drop.removeItem(KEY);
  keep.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  window.localStorage.removeItem(KEY);
  window.sessionStorage.removeItem(KEY);
}
