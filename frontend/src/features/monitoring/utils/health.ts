import type { DependencyHealth, HealthReady } from '@/types/api';

export type Level = 'ok' | 'degraded' | 'down' | 'unknown';

export function checkLevel(status: string | undefined): Level {
  if (!status) return 'unknown';
  if (['up', 'ok', 'ready', 'healthy'].includes(status)) return 'ok';
  if (['degraded', 'half_open', 'half-open'].includes(status)) return 'degraded';
  return 'down';
}

export function breakerLevel(state: string): Level {
  if (state === 'closed') return 'ok';
  if (state === 'half_open') return 'degraded';
  if (state === 'open') return 'down';
  return 'unknown';
}

export interface MatrixRow {
  name: string;
  ready: Level;
  readyText: string;
  latencyMs: number | null;
  breaker: DependencyHealth | null;
}

/** Joins /health/ready checks and /api/system/health breakers by dependency name. */
export function healthMatrix(
  ready: HealthReady | undefined,
  deps: DependencyHealth[] | undefined,
): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  for (const [name, c] of Object.entries(ready?.checks ?? {})) {
    rows.set(name, {
      name,
      ready: checkLevel(c.status),
      readyText: c.status,
      latencyMs: typeof c.latencyMs === 'number' ? c.latencyMs : null,
      breaker: null,
    });
  }
  for (const d of deps ?? []) {
    const key = [...rows.keys()].find((k) => k === d.name || d.name.startsWith(k)) ?? d.name;
    const row = rows.get(key);
    if (row && !row.breaker) row.breaker = d;
    else
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
  ready: HealthReady | undefined,
  readyFailed: boolean,
  deps: DependencyHealth[] | undefined,
): Level {
  if (readyFailed) return 'down';
  if (!ready) return 'unknown';
  if (ready.status !== 'ready' && ready.status !== 'ok') return 'down';
  const levels = [
    ...Object.values(ready.checks ?? {}).map((c) => checkLevel(c.status)),
    ...(deps ?? []).map((d) => breakerLevel(d.state)),
  ];
  if (levels.includes('down') || levels.includes('degraded')) return 'degraded';
  return 'ok';
}
