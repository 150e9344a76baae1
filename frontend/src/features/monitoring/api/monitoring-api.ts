import { baseApi, itemsOf } from '@/api/base-api';
import type { Alert, DependencyHealth, HealthReady } from '@/types/api';

type Raw = Record<string, unknown>;
const s = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function normaliseHealth(body: unknown): DependencyHealth[] {
  let list = itemsOf<Raw>(body);
  if (!list.length && body && typeof body === 'object') {
    const deps = (body as Raw).dependencies ?? (body as Raw).breakers;
    list = Array.isArray(deps)
      ? (deps as Raw[])
      : deps && typeof deps === 'object'
        ? Object.entries(deps as Record<string, Raw>).map(([name, v]) => ({ name, ...v }))
        : [];
  }
  return list.map((r) => ({
    name: s(r.name) ?? s(r.dependency) ?? 'dependency',
    state: (s(r.state) ?? s(r.breaker) ?? 'closed').replace('-', '_'),
    failureRate: n(r.failureRate),
    latencyMs: n(r.latencyMs),
    lastTransition: s(r.lastTransition) ?? s(r.lastTransitionAt),
  }));
}

function normaliseAlerts(body: unknown): Alert[] {
  return itemsOf<Raw>(body).map((r, i) => ({
    id: s(r.id) ?? String(i),
    time: s(r.time) ?? s(r.createdAt) ?? '',
    severity: s(r.severity) ?? 'warning',
    source: s(r.source) ?? s(r.dependency) ?? '—',
    message: s(r.message) ?? s(r.title) ?? '',
  }));
}

export const monitoringApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getReadiness: build.query<HealthReady, void>({
      // 503 still carries the checks: read it as data, not as an error.
      query: () => ({
        url: '/health/ready',
        validateStatus: (r) => r.status === 200 || r.status === 503,
      }),
      providesTags: ['Health'],
    }),
    getSystemHealth: build.query<DependencyHealth[], void>({
      query: () => '/api/system/health',
      transformResponse: normaliseHealth,
      providesTags: ['Health'],
    }),
    getAlerts: build.query<Alert[], void>({
      query: () => ({ url: '/api/system/alerts', params: { pageSize: 50 } }),
      transformResponse: normaliseAlerts,
      providesTags: ['Alert'],
    }),
  }),
});

export const { useGetReadinessQuery, useGetSystemHealthQuery, useGetAlertsQuery } = monitoringApi;
