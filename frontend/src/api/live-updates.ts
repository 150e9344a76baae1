import { createSlice, type Dispatch, type PayloadAction } from '@reduxjs/toolkit';
import { useEffect } from 'react';
import { useSelector, useStore } from 'react-redux';

import { wsUrl } from '@/api/api-url';
import { baseApi, refreshSession, TAG_TYPES } from '@/api/base-api';
import { selectIsAuthenticated, sessionExpired, type SessionState } from '@/lib/auth-session';
import { notify } from '@/lib/notifications';
import { WsClient, type RevokedOutcome, type WsStatus } from '@/lib/ws-client';

// The only module that turns server events (GET /api/events) into cache updates. Events
// invalidate the tags of what they changed; invalidations are batched so a burst (a bulk
// action over 1,000 stores) refetches each list once.

/**
 * The envelope of a server event on GET /api/events (docs/api.md, "Live events (WebSocket)"): the
 * WebSocket stream is outside the OpenAPI document, so its envelope is declared here, once.
 */
export interface LiveEvent {
  type: string;
  time: string;
  data: Record<string, unknown>;
}

export interface LiveState {
  status: WsStatus;
  retryInMs: number | null;
  events: LiveEvent[];
}

const MAX_EVENTS = 30;

export const liveSlice = createSlice({
  name: 'live',
  initialState: { status: 'offline', retryInMs: null, events: [] } as LiveState,
  reducers: {
    statusChanged(state, action: PayloadAction<{ status: WsStatus; retryInMs?: number }>) {
      state.status = action.payload.status;
      state.retryInMs = action.payload.retryInMs ?? null;
    },
    eventReceived(state, action: PayloadAction<LiveEvent>) {
      state.events.unshift(action.payload);
      if (state.events.length > MAX_EVENTS) state.events.length = MAX_EVENTS;
    },
  },
});

export const selectLiveStatus = (s: { live: LiveState }) => s.live.status;
export const selectLiveEvents = (s: { live: LiveState }) => s.live.events;

type Tag = (typeof TAG_TYPES)[number] | { type: (typeof TAG_TYPES)[number]; id: string };

export function isLiveEvent(v: unknown): v is LiveEvent {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e.type === 'string' && typeof e.data === 'object' && e.data !== null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v ? v : null;
}

/**
 * The cache tags an event makes stale. A store event's `Store:LIST` also refreshes the go-live
 * calendar and the forecast, which provide it (features/planning/api/planning-api.ts). The
 * service sends no event for address pools or stock: the forecast follows this user's own pool
 * and stock changes (their mutations invalidate `Pool:LIST`, `StockItem:LIST`) and the store
 * events, which include the end of every provisioning run (store.status_changed).
 */
export function tagsForEvent(e: LiveEvent): Tag[] {
  const storeId = str(e.data.storeId) ?? str(e.data.id);
  switch (e.type) {
    // A store's change may change a template's followers and counts (store templates): every
    // template query is refetched, the few that are on screen.
    case 'store.created':
    case 'store.deleted':
      return [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }, 'Template'];
    case 'store.updated':
    case 'store.status_changed':
      return [
        { type: 'Store', id: 'LIST' },
        ...(storeId
          ? ([
              { type: 'Store', id: storeId },
              { type: 'Audit', id: storeId },
              { type: 'Run', id: storeId },
              { type: 'Network', id: storeId },
              { type: 'Hardware', id: storeId },
              { type: 'Credentials', id: storeId },
            ] as Tag[])
          : []),
        'Stats',
        { type: 'Audit', id: 'LIST' },
        'Template',
      ];
    case 'template.created':
    case 'template.updated':
    case 'template.deleted': {
      const templateId = str(e.data.id);
      return [
        { type: 'Template', id: 'LIST' },
        ...(templateId
          ? ([
              { type: 'Template', id: templateId },
              { type: 'Template', id: `${templateId}/stores` },
            ] as Tag[])
          : []),
        { type: 'Audit', id: 'LIST' },
      ];
    }
    // A rollout's wave, a store of it, or someone's pause, resume, abort or retry: the list and
    // its page (features/rollouts/api/rollouts-api.ts). Its stores' own changes come as store
    // events too, which refresh the stores.
    case 'rollout.updated': {
      const rolloutId = str(e.data.id);
      return [
        { type: 'Rollout', id: 'LIST' },
        ...(rolloutId ? ([{ type: 'Rollout', id: rolloutId }] as Tag[]) : []),
      ];
    }
    case 'capacity.changed':
      // A pool added or removed, stock imported: the pool and stock lists and the forecast.
      return [
        { type: 'Pool', id: 'LIST' },
        { type: 'StockItem', id: 'LIST' },
      ];
    case 'run.step_changed':
      return storeId ? [{ type: 'Run', id: storeId }] : ['Run'];
    case 'system.breaker_changed':
      return ['Health', 'Alert'];
    case 'alert.raised':
      return ['Alert'];
    default:
      return [];
  }
}

export function createEventHandler(dispatch: Dispatch, batchMs = 400) {
  let pending: Tag[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const tags = pending;
    pending = [];
    if (tags.length) dispatch(baseApi.util.invalidateTags(tags));
  };
  const handle = (raw: unknown) => {
    if (!isLiveEvent(raw)) return;
    dispatch(liveSlice.actions.eventReceived(raw));
    if (raw.type === 'alert.raised') {
      const message = str(raw.data.message) ?? 'New alert';
      const severity = raw.data.severity === 'critical' ? 'error' : 'warning';
      dispatch(notify({ severity, message: `Alert: ${message}` }));
    }
    pending.push(...tagsForEvent(raw));
    if (!timer) timer = setTimeout(flush, batchMs);
  };
  return { handle, flush };
}

/**
 * After the service closed the stream with 1008 (the token's access ended: new role, new
 * password, disabled, expired): refresh the session at once and reconnect with the new token,
 * or sign out when the refresh is refused. An unreachable service is retried with backoff.
 */
export async function renewAfterRevoked(
  dispatch: Dispatch,
  getState: () => unknown,
): Promise<RevokedOutcome> {
  const outcome = await refreshSession(dispatch, getState);
  if (outcome === 'refreshed') return 'reconnect';
  if (outcome === 'rejected') {
    dispatch(sessionExpired());
    return 'stop';
  }
  return 'backoff';
}

/** Keeps one event stream open while someone is signed in. Called once, by the app shell. */
export function useLiveUpdates(): void {
  const store = useStore<{ session: SessionState }>();
  const signedIn = useSelector(selectIsAuthenticated);
  useEffect(() => {
    if (!signedIn) return undefined;
    const { handle } = createEventHandler(store.dispatch);
    const client = new WsClient({
      url: wsUrl('/api/events'),
      protocols: () => {
        const token = store.getState().session.accessToken;
        return token ? ['bearer', token] : null;
      },
      onMessage: handle,
      onStatus: (status, retryInMs) =>
        store.dispatch(liveSlice.actions.statusChanged({ status, retryInMs })),
      onAccessRevoked: () => renewAfterRevoked(store.dispatch, store.getState),
    });
    client.start();
    return () => client.stop();
  }, [signedIn, store]);
}
