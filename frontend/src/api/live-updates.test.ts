import { describe, expect, it, vi } from 'vitest';

import { createEventHandler, isLiveEvent, liveSlice, tagsForEvent } from '@/api/live-updates';

describe('live updates', () => {
  it('maps events to the cache tags they make stale', () => {
    expect(tagsForEvent({ type: 'store.updated', time: '', data: { id: 's1' } })).toContainEqual({
      type: 'Store',
      id: 's1',
    });
    expect(tagsForEvent({ type: 'run.step_changed', time: '', data: { storeId: 's1' } })).toEqual([
      { type: 'Run', id: 's1' },
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
});
