import type { BreakerState, DependencyStatus, Readiness } from '@/api/generated/openapi';

export type Level = 'ok' | 'degraded' | 'down' | 'unknown';

type CheckStatus = Readiness['checks']['database']['status'];

export function checkLevel(status: CheckStatus): Level {
  return status === 'up' ? 'ok' : 'down';
}

const BREAKER_LEVEL: Record<BreakerState, Level> = {
  closed: 'ok',
  half_open: 'degraded',
  open: 'down',
};

export function breakerLevel(state: BreakerState): Level {
  return BREAKER_LEVEL[state];
}

/** What /health/ready's own status means: a degraded service still serves (cached reads). */
const READINESS_LEVEL: Record<Readiness['status'], Level> = {
  ready: 'ok',
  degraded: 'degraded',
};

export interface MatrixRow {
  name: string;
  ready: Level;
  readyText: string;
  latencyMs: number | null;
  breaker: DependencyStatus | null;
}

/** Joins /health/ready checks and /api/system/health breakers by dependency name. */
export function healthMatrix(
  ready: Readiness | undefined,
  deps: DependencyStatus[] | undefined,
): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const [name, c] of Object.entries(ready?.checks ?? {})) {
    rows.set(name, {
      name,
      ready: checkLevel(c.status),
      readyText: c.status,
      latencyMs: null,
      breaker: null,
    });
  }
  for (const d of deps ?? []) {
    const key = [...rows.keys()].find((k) => k === d.name || d.name.startsWith(k)) ?? d.name;
    const row = rows.get(key);
    if (row && !row.breaker) {
      row.breaker = d;
      row.latencyMs = d.latencyMs;
    } else
      rows.set(d.name, {
        name: d.name,
        ready: 'unknown',
        readyText: 'not checked',
        latencyMs: d.latencyMs,
        breaker: d,
      });
  }
  return [...rows.values()];
}

export function overallLevel(
  ready: Readiness | undefined,
  readyFailed: boolean,
  deps: DependencyStatus[] | undefined,
): Level {
  if (readyFailed) return 'down';
  if (!ready) return 'unknown';
  // The primary database down: the pod stays in rotation for cached reads, but nothing can be
  // written, so the operator sees it as down.
  if (Object.values(ready.checks ?? {}).some((c) => checkLevel(c.status) === 'down')) return 'down';
  const own = READINESS_LEVEL[ready.status];
  if (own !== 'ok') return own;
  const levels = [
    ...Object.values(ready.checks ?? {}).map((c) => checkLevel(c.status)),
    ...(deps ?? []).map((d) => breakerLevel(d.state)),
  ];
  if (levels.includes('down') || levels.includes('degraded')) return 'degraded';
  return 'ok';
}
