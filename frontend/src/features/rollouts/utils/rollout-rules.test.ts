import { describe, expect, it } from 'vitest';

import type { RolloutStatus } from '@/api/generated/openapi';
import type { RolloutCommand } from '@/features/rollouts/api/rollouts-api';
import {
  commandRefusal,
  countsText,
  groupByWave,
  plannedWaves,
  waveText,
} from '@/features/rollouts/utils/rollout-rules';
import { makeRolloutItem, makeStore } from '@/testing/fake-api';

const counts = (failed = 0) => ({ pending: 1, running: 0, succeeded: 2, failed, cancelled: 0 });

describe('rollout rules', () => {
  it('allows each command in the statuses its operation describes (docs/openapi.json)', () => {
    const allowed = (command: RolloutCommand, failed = 1) =>
      (['running', 'paused', 'halted', 'aborted', 'completed'] as RolloutStatus[]).filter(
        (status) => commandRefusal({ status, counts: counts(failed) }, command) === null,
      );
    expect(allowed('pause')).toEqual(['running']);
    expect(allowed('resume')).toEqual(['paused']);
    expect(allowed('abort')).toEqual(['running', 'paused', 'halted']);
    expect(allowed('retry-failed')).toEqual(['running', 'paused', 'halted', 'completed']);
    // Retrying needs a failed store.
    expect(allowed('retry-failed', 0)).toEqual([]);
    expect(commandRefusal({ status: 'halted', counts: counts(0) }, 'retry-failed')).toBe(
      'No store has failed.',
    );
  });

  it('groups the items by wave, wave 1 the canary when there is one', () => {
    const [a, b, c] = ['A-001', 'B-001', 'C-001'].map((code) => makeStore({ code }));
    const items = [
      makeRolloutItem(a!, 1, { status: 'succeeded' }),
      makeRolloutItem(c!, 2, { status: 'failed' }),
      makeRolloutItem(b!, 2, { status: 'running' }),
    ];
    const waves = groupByWave(items, 1);
    expect(waves.map((w) => [w.label, w.items.map((i) => i.code)])).toEqual([
      ['Canary', ['A-001']],
      ['Wave 2', ['C-001', 'B-001']],
    ]);
    expect(countsText(waves[1]!.counts)).toBe('1 failed, 1 running');
    expect(groupByWave(items, 0)[0]!.label).toBe('Wave 1');
  });

  it('splits stores into waves as the service does', () => {
    expect(plannedWaves(7, 1, 2)).toBe(4); // 1 | 2 2 2
    expect(plannedWaves(7, 0, 10)).toBe(1);
    expect(plannedWaves(1, 3, 10)).toBe(1); // the canary takes the only store
    expect(plannedWaves(0, 1, 10)).toBe(0);
    expect(waveText({ currentWave: 1, waves: 4, canarySize: 1 })).toBe('1 of 4 (canary)');
    expect(waveText({ currentWave: 2, waves: 4, canarySize: 1 })).toBe('2 of 4');
  });
});
