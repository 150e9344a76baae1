import { baseApi } from '@/api/base-api';
import type { Stats } from '@/api/generated/openapi';

export interface LatencySnapshot {
  count: number;
  sum: number;
  /** Cumulative counts per bucket upper bound (seconds), summed over all routes. */
  buckets: [number, number][];
}

/** Reads `http_request_duration_seconds` from the Prometheus text format. */
export function parseLatency(text: string): LatencySnapshot {
  let count = 0;
  let sum = 0;
  const buckets = new Map<number, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (!Number.isFinite(value)) continue;
    if (line.startsWith('http_request_duration_seconds_sum')) sum += value;
    else if (line.startsWith('http_request_duration_seconds_count')) count += value;
    else if (line.startsWith('http_request_duration_seconds_bucket')) {
      const le = /le="([^"]+)"/.exec(line)?.[1];
      const bound = le === '+Inf' ? Infinity : Number(le);
      if (!Number.isNaN(bound)) buckets.set(bound, (buckets.get(bound) ?? 0) + value);
    }
  }
  return { count, sum, buckets: [...buckets.entries()].sort((a, b) => a[0] - b[0]) };
}

/** Mean and p95 (bucket upper bound) in milliseconds of the requests between two snapshots. */
export function latencyBetween(
  a: LatencySnapshot,
  b: LatencySnapshot,
): { avgMs: number; p95Ms: number | null } | null {
  const n = b.count - a.count;
  if (n <= 0) return null;
  const avgMs = ((b.sum - a.sum) / n) * 1000;
  const prev = new Map(a.buckets);
  let p95Ms: number | null = null;
  for (const [le, c] of b.buckets) {
    if (c - (prev.get(le) ?? 0) >= 0.95 * n) {
      p95Ms = Number.isFinite(le) ? le * 1000 : null;
      break;
    }
  }
  return { avgMs, p95Ms };
}

export const dashboardApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getStats: build.query<Stats, void>({
      query: () => '/api/stats',
      providesTags: ['Stats'],
    }),
    getLatency: build.query<LatencySnapshot, void>({
      query: () => ({ url: '/metrics', responseHandler: 'text' }),
      transformResponse: (text: string) => parseLatency(text),
      providesTags: ['Metrics'],
    }),
  }),
});

export const { useGetStatsQuery, useGetLatencyQuery } = dashboardApi;
