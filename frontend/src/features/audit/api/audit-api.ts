import { baseApi } from '@/api/base-api';
import type { AuditEntry, Page } from '@/types/api';

export const auditApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getActivity: build.query<Page<AuditEntry>, { page?: number; pageSize?: number }>({
      query: ({ page = 1, pageSize = 20 }) => ({ url: '/api/audit', params: { page, pageSize } }),
      providesTags: [{ type: 'Audit', id: 'LIST' }],
    }),
    getStoreAudit: build.query<
      Page<AuditEntry>,
      { storeId: string; page?: number; pageSize?: number }
    >({
      query: ({ storeId, page = 1, pageSize = 50 }) => ({
        url: `/api/stores/${encodeURIComponent(storeId)}/audit`,
        params: { page, pageSize },
      }),
      providesTags: (_r, _e, { storeId }) => [{ type: 'Audit', id: storeId }],
    }),
  }),
});

export const { useGetActivityQuery, useGetStoreAuditQuery } = auditApi;
