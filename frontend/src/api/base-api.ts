import type { Dispatch } from '@reduxjs/toolkit';
import {
  createApi,
  fetchBaseQuery,
  type BaseQueryFn,
  type FetchArgs,
  type FetchBaseQueryError,
} from '@reduxjs/toolkit/query/react';

import { apiOrigin } from '@/api/api-url';
import type { Session } from '@/api/generated/openapi';
import { env } from '@/config/env';
import {
  credentialsReceived,
  selectSession,
  sessionExpired,
  type SessionState,
} from '@/lib/auth-session';

type State = { session: SessionState };

const rawBaseQuery = fetchBaseQuery({
  baseUrl: apiOrigin(),
  prepareHeaders: (headers, { getState }) => {
    const token = (getState() as State).session.accessToken;
    if (token && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return headers;
  },
});

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unavailable';

let inFlight: Promise<RefreshOutcome> | null = null;

/**
 * Exchanges the refresh token for new tokens. Single-flight: concurrent callers share one
 * request, because the server rotates refresh tokens and a second use would be refused.
 */
export function refreshSession(
  dispatch: Dispatch,
  getState: () => unknown,
): Promise<RefreshOutcome> {
  if (inFlight) return inFlight;
  inFlight = (async (): Promise<RefreshOutcome> => {
    const { refreshToken, remember } = selectSession(getState() as State);
    if (!refreshToken) return 'rejected';
    let res: Response;
    try {
      res = await fetch(`${apiOrigin()}/api/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
    } catch {
      return 'unavailable';
    }
    if (res.ok) {
      const body = (await res.json()) as Session;
      dispatch(credentialsReceived({ response: body, remember, now: Date.now() }));
      return 'refreshed';
    }
    return res.status === 400 || res.status === 401 || res.status === 403
      ? 'rejected'
      : 'unavailable';
  })().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

const PUBLIC_CALLS = ['/api/auth/login', '/api/auth/refresh'];

export function tokenNeedsRefresh(session: SessionState, now: number): boolean {
  return (
    session.refreshToken !== null &&
    session.expiresAt !== null &&
    session.expiresAt - now < env.TOKEN_REFRESH_MARGIN_SECONDS * 1000
  );
}

export const baseQueryWithReauth: BaseQueryFn<
  string | FetchArgs,
  unknown,
  FetchBaseQueryError
> = async (args, api, extraOptions) => {
  const url = typeof args === 'string' ? args : args.url;
  const isPublic = PUBLIC_CALLS.some((p) => url.startsWith(p));
  if (!isPublic) {
    if (inFlight) await inFlight;
    if (tokenNeedsRefresh(selectSession(api.getState() as State), Date.now())) {
      await refreshSession(api.dispatch, api.getState);
    }
  }
  let result = await rawBaseQuery(args, api, extraOptions);
  if (result.error?.status === 401 && !isPublic && selectSession(api.getState() as State).user) {
    const outcome = await refreshSession(api.dispatch, api.getState);
    if (outcome === 'refreshed') result = await rawBaseQuery(args, api, extraOptions);
    if (outcome === 'rejected' || result.error?.status === 401) api.dispatch(sessionExpired());
  }
  return result;
};

export const TAG_TYPES = [
  'Store',
  'Stats',
  'Audit',
  'User',
  'Run',
  'Network',
  'Hardware',
  'Health',
  'Alert',
  'Metrics',
  'ApiToken',
  'Pool',
  'HardwareModel',
  'StockItem',
  'Credentials',
  'Template',
  'Rollout',
] as const;

// The one createApi of the app. Features add their endpoints with injectEndpoints.
export const baseApi = createApi({
  reducerPath: 'api',
  baseQuery: baseQueryWithReauth,
  tagTypes: TAG_TYPES,
  refetchOnReconnect: true,
  endpoints: () => ({}),
});

/** Downloads (CSV, config bundles) resolve to an object URL, keeping the store serializable. */
export async function downloadHandler(res: Response): Promise<unknown> {
  if (!res.ok) {
    const text = await res.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const blob = await res.blob();
  return { url: URL.createObjectURL(blob), filename: match ? decodeURIComponent(match[1]) : null };
}

export interface Download {
  url: string;
  filename: string | null;
}

export function saveDownload(d: Download, fallbackName: string): void {
  const a = document.createElement('a');
  a.href = d.url;
  a.download = d.filename ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(d.url), 10_000);
}
