import { baseApi } from '@/api/base-api';
import type { AlertList, operations, Readiness, SystemHealth } from '@/api/generated/openapi';

export type AlertQuery = NonNullable<operations['listSystemAlerts']['parameters']['query']>;

export const monitoringApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getReadiness: build.query<Readiness, void>({
      // 503 (unavailable) still carries the checks: read it as data, not as an error.
      query: () => ({
        url: '/health/ready',
        validateStatus: (r) => r.status === 200 || r.status === 503,
      }),
      providesTags: ['Health'],
    }),
    getSystemHealth: build.query<SystemHealth, void>({
      query: () => '/api/system/health',
      providesTags: ['Health'],
    }),
    getAlerts: build.query<AlertList, AlertQuery>({
      query: (params) => ({ url: '/api/system/alerts', params }),
      providesTags: ['Alert'],
    }),
  }),
});

export const { useGetReadinessQuery, useGetSystemHealthQuery, useGetAlertsQuery } = monitoringApi;
