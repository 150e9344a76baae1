import { baseApi } from '@/api/base-api';
import type { AlertList, operations, Readiness, SystemHealth } from '@/api/generated/openapi';

export type AlertQuery = NonNullable<operations['listSystemAlerts']['parameters']['query']>;

export const monitoringApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getReadiness: build.query<Readiness, void>({
      // Readiness answers 200 (ready or degraded) whenever the process answers; anything else
      // (a proxy's 502/503 with no pod behind it) is an error and shows the service as down.
      query: () => '/health/ready',
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
