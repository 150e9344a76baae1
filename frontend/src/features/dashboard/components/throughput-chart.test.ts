import { describe, expect, it } from 'vitest';

import { hourlyBuckets } from '@/features/dashboard/components/throughput-chart';

describe('hourlyBuckets', () => {
  const now = Date.parse('2026-11-25T13:42:10Z');

  it('fills the 24 hours ending with the current one, zero where the server lists none', () => {
    const rows = hourlyBuckets(
      { '2026-11-25T13:00:00.000000Z': 7, '2026-11-25T09:00:00.000000Z': 2 },
      now,
    );
    expect(rows).toHaveLength(24);
    expect(rows[0]?.key).toBe('2026-11-24T14');
    expect(rows[23]).toMatchObject({ key: '2026-11-25T13', succeeded: 7 });
    expect(rows[19]).toMatchObject({ key: '2026-11-25T09', succeeded: 2 });
    expect(rows.reduce((a, r) => a + r.succeeded, 0)).toBe(9);
  });

  it('ignores hours older than the window', () => {
    const rows = hourlyBuckets({ '2026-11-23T10:00:00Z': 5 }, now);
    expect(rows.every((r) => r.succeeded === 0)).toBe(true);
  });
});
