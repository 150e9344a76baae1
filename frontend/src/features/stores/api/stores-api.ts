import { baseApi, downloadHandler, itemsOf, type Download } from '@/api/base-api';
import type {
  BulkAction,
  BulkItemResult,
  Store,
  StoreInput,
  StoreList,
  StoreListParams,
} from '@/types/api';

export function queryParams(p: Partial<StoreListParams>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  }
  return out;
}

function normaliseBulk(body: unknown): BulkItemResult[] {
  const raw =
    itemsOf<Record<string, unknown>>(body).length > 0
      ? itemsOf<Record<string, unknown>>(body)
      : ((body as { results?: Record<string, unknown>[] } | null)?.results ?? []);
  return raw.map((r) => {
    const result = String(r.result ?? r.status ?? (r.ok === false ? 'rejected' : 'accepted'));
    const ok = typeof r.ok === 'boolean' ? r.ok : result === 'accepted';
    const reason = (r.reason ?? r.detail ?? r.error ?? null) as string | null;
    return { id: String(r.id), ok, result, reason };
  });
}

export const storesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listStores: build.query<StoreList, StoreListParams>({
      query: (params) => ({ url: '/api/stores', params: queryParams(params) }),
      providesTags: (r) => [
        ...(r?.items ?? []).map((s) => ({ type: 'Store' as const, id: s.id })),
        { type: 'Store', id: 'LIST' },
      ],
    }),
    getStore: build.query<Store, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}`,
      providesTags: (_r, _e, id) => [{ type: 'Store', id }],
    }),
    createStore: build.mutation<Store, StoreInput>({
      query: (body) => ({ url: '/api/stores', method: 'POST', body }),
      invalidatesTags: [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }],
    }),
    updateStore: build.mutation<Store, { id: string; version: number; patch: Partial<StoreInput> }>(
      {
        query: ({ id, version, patch }) => ({
          url: `/api/stores/${encodeURIComponent(id)}`,
          method: 'PATCH',
          body: patch,
          headers: { 'if-match': `"${version}"` },
        }),
        async onQueryStarted({ id }, { dispatch, queryFulfilled }) {
          try {
            const { data } = await queryFulfilled;
            dispatch(storesApi.util.upsertQueryData('getStore', id, data));
          } catch {
            // errors are handled by the caller (412 → conflict dialog)
          }
        },
        invalidatesTags: (_r, error, { id }) =>
          error
            ? []
            : [
                { type: 'Store', id: 'LIST' },
                { type: 'Audit', id },
                { type: 'Audit', id: 'LIST' },
                'Stats',
              ],
      },
    ),
    deleteStore: build.mutation<void, { id: string; version: number }>({
      query: ({ id, version }) => ({
        url: `/api/stores/${encodeURIComponent(id)}`,
        method: 'DELETE',
        headers: { 'if-match': `"${version}"` },
      }),
      invalidatesTags: (_r, error) =>
        error ? [] : [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }],
    }),
    bulkStores: build.mutation<BulkItemResult[], { action: BulkAction; ids: string[] }>({
      query: (body) => ({ url: '/api/stores/bulk', method: 'POST', body }),
      transformResponse: normaliseBulk,
      invalidatesTags: (_r, error) =>
        error ? [] : [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }, 'Run'],
    }),
    exportStores: build.mutation<Download, Partial<StoreListParams>>({
      query: (params) => ({
        url: '/api/stores/export.csv',
        params: queryParams(params),
        responseHandler: downloadHandler,
      }),
    }),
  }),
});

export const {
  useListStoresQuery,
  useGetStoreQuery,
  useCreateStoreMutation,
  useUpdateStoreMutation,
  useDeleteStoreMutation,
  useBulkStoresMutation,
  useExportStoresMutation,
} = storesApi;
