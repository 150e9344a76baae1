import { describe, expect, it } from 'vitest';

import type { DependencyStatus, Readiness } from '@/api/generated/openapi';
import { healthMatrix, overallLevel } from '@/features/monitoring/utils/health';

const redisOpen: DependencyStatus = {
  name: 'redis',
  state: 'open',
  required: false,
  failureRate: 1,
  slowRate: 0,
  windowCalls: 10,
  successes: 0,
  failures: 10,
  rejected: 3,
  latencyMs: 7,
  lastTransition: '2026-12-06T12:00:00.000Z',
  lastError: 'connection refused',
};

describe('overallLevel', () => {
  it('is degraded, not down, while the service still serves without Redis', () => {
    const ready: Readiness = {
      status: 'degraded',
      degraded: [{ name: 'redis', state: 'open' }],
      checks: { database: { kind: 'sqlite', status: 'up' } },
    };
    expect(overallLevel(ready, false, [redisOpen])).toBe('degraded');
  });

  it('is down when the primary database is down, though readiness still answers 200', () => {
    const ready: Readiness = {
      status: 'degraded',
      degraded: [{ name: 'database', state: 'open' }],
      checks: { database: { kind: 'postgresql', status: 'down', detail: 'circuit breaker open' } },
    };
    expect(overallLevel(ready, false, [])).toBe('down');
  });

  it('is down when readiness itself cannot be read (no pod behind the proxy)', () => {
    expect(overallLevel(undefined, true, [])).toBe('down');
  });
});

describe('healthMatrix', () => {
  it('takes a dependency latency from its breaker, since readiness measures none', () => {
    const ready: Readiness = {
      status: 'ready',
      degraded: [],
      checks: { database: { status: 'up' } },
    };
    const rows = healthMatrix(ready, [
      { ...redisOpen, name: 'database', state: 'closed', latencyMs: 2 },
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'database', ready: 'ok', latencyMs: 2 });
  });
});
