import { describe, expect, it, vi } from 'vitest';

import {
  createEventHandler,
  isLiveEvent,
  liveSlice,
  renewAfterRevoked,
  tagsForEvent,
} from '@/api/live-updates';
import { createAppStore } from '@/app/store';
import { FakeApi, problem } from '@/testing/fake-api';
import { signedIn } from '@/testing/render';

describe('live updates', () => {
  it('maps events to the cache tags they make stale', () => {
    // A rotation elsewhere (store.updated) refreshes the store's credential versions.
    expect(tagsForEvent({ type: 'store.updated', time: '', data: { id: 's1' } })).toContainEqual({
      type: 'Credentials',
      id: 's1',
    });
    expect(tagsForEvent({ type: 'store.updated', time: '', data: { id: 's1' } })).toContainEqual({
      type: 'Store',
      id: 's1',
    });
    // Store templates: a template's own events refresh it, its followers and the list; a store
    // event refreshes every template query (a follower's status, a new follower, the counts).
    expect(
      tagsForEvent({ type: 'template.updated', time: '', data: { id: 't1', version: 2 } }),
    ).toEqual(
      expect.arrayContaining([
        { type: 'Template', id: 'LIST' },
        { type: 'Template', id: 't1' },
        { type: 'Template', id: 't1/stores' },
      ]),
    );
    expect(tagsForEvent({ type: 'template.deleted', time: '', data: { id: 't1' } })).toContainEqual(
      { type: 'Template', id: 'LIST' },
    );
    for (const type of [
      'store.created',
      'store.updated',
      'store.status_changed',
      'store.deleted',
    ]) {
      expect(tagsForEvent({ type, time: '', data: { id: 's1' } })).toContain('Template');
    }
    // The go-live calendar and the forecast provide Store:LIST: every store event refreshes them.
    for (const type of [
      'store.created',
      'store.updated',
      'store.status_changed',
      'store.deleted',
    ]) {
      expect(tagsForEvent({ type, time: '', data: { id: 's1' } })).toContainEqual({
        type: 'Store',
        id: 'LIST',
      });
    }
    expect(tagsForEvent({ type: 'run.step_changed', time: '', data: { storeId: 's1' } })).toEqual([
      { type: 'Run', id: 's1' },
    ]);
    // Rollouts: the list and the rollout's page follow its waves and its stores.
    expect(
      tagsForEvent({
        type: 'rollout.updated',
        time: '',
        data: {
          id: 'r1',
          name: 'Spring',
          action: 'provision',
          status: 'running',
          currentWave: 2,
          waves: 3,
          counts: { pending: 4, running: 2, succeeded: 1, failed: 0, cancelled: 0 },
          actor: 'system',
        },
      }),
    ).toEqual([
      { type: 'Rollout', id: 'LIST' },
      { type: 'Rollout', id: 'r1' },
    ]);
    // Capacity: another user's new pool or stock refreshes the pools, the stock and the forecast.
    expect(
      tagsForEvent({
        type: 'capacity.changed',
        time: '',
        data: { resource: 'pool', name: 'iot', actor: 'admin' },
      }),
    ).toEqual([
      { type: 'Pool', id: 'LIST' },
      { type: 'StockItem', id: 'LIST' },
    ]);
    expect(tagsForEvent({ type: 'system.breaker_changed', time: '', data: {} })).toEqual([
      'Health',
      'Alert',
    ]);
    expect(tagsForEvent({ type: 'unknown', time: '', data: {} })).toEqual([]);
    expect(isLiveEvent({ type: 'x' })).toBe(false);
  });

  it('records events, toasts alerts and batches invalidations', () => {
    vi.useFakeTimers();
    const dispatch = vi.fn();
    const { handle } = createEventHandler(dispatch, 100);
    handle({ type: 'store.created', time: 't', data: { id: 'a' } });
    handle({
      type: 'alert.raised',
      time: 't',
      data: { message: 'redis down', severity: 'critical' },
    });
    handle('garbage');
    const types = dispatch.mock.calls.map((c) => (c[0] as { type: string }).type);
    expect(types).toEqual([
      liveSlice.actions.eventReceived.type,
      liveSlice.actions.eventReceived.type,
      'notifications/notify',
    ]);
    vi.advanceTimersByTime(100);
    expect(dispatch).toHaveBeenCalledTimes(4);
    vi.useRealTimers();
  });

  describe('renewAfterRevoked (the stream closed with 1008)', () => {
    it('refreshes the session at once and asks for a reconnect', async () => {
      const api = new FakeApi();
      vi.stubGlobal('fetch', api.fetch);
      const store = createAppStore({ session: signedIn() }, { persist: false });
      const before = store.getState().session.accessToken;
      expect(await renewAfterRevoked(store.dispatch, store.getState)).toBe('reconnect');
      expect(api.refreshCount).toBe(1);
      expect(store.getState().session.accessToken).not.toBe(before);
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/auth/refresh']);
    });

    it('signs the user out when the refresh is refused', async () => {
      const api = new FakeApi();
      api.overrides.set('POST /api/auth/refresh', () => problem(401, 'Unauthorized'));
      vi.stubGlobal('fetch', api.fetch);
      const store = createAppStore({ session: signedIn() }, { persist: false });
      expect(await renewAfterRevoked(store.dispatch, store.getState)).toBe('stop');
      expect(store.getState().session.accessToken).toBeNull();
      expect(store.getState().session.expired).toBe(true);
    });

    it('keeps the session and backs off when the service cannot be reached', async () => {
      vi.stubGlobal('fetch', () => Promise.reject(new TypeError('network down')));
      const store = createAppStore({ session: signedIn() }, { persist: false });
      const before = store.getState().session;
      expect(await renewAfterRevoked(store.dispatch, store.getState)).toBe('backoff');
      expect(store.getState().session).toEqual(before);
    });
  });
});
