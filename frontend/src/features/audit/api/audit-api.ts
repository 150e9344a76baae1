import { baseApi } from '@/api/base-api';
import type { AuditPage, operations } from '@/api/generated/openapi';

export type AuditQuery = NonNullable<operations['listAudit']['parameters']['query']>;
export type StoreAuditQuery = NonNullable<operations['listStoreAudit']['parameters']['query']> & {
  storeId: string;
};

export const auditApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getActivity: build.query<AuditPage, AuditQuery>({
      query: (params) => ({ url: '/api/audit', params }),
      providesTags: [{ type: 'Audit', id: 'LIST' }],
    }),
    getStoreAudit: build.query<AuditPage, StoreAuditQuery>({
      query: ({ storeId, ...params }) => ({
        url: `/api/stores/${encodeURIComponent(storeId)}/audit`,
        params,
      }),
      providesTags: (_r, _e, { storeId }) => [{ type: 'Audit', id: storeId }],
    }),
  }),
});

export const { useGetActivityQuery, useGetStoreAuditQuery } = auditApi;
