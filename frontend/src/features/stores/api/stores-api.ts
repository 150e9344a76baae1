import { baseApi, downloadHandler, type Download } from '@/api/base-api';
import type {
  Credentials,
  CredentialVersions,
  ImportResult,
  operations,
  Store,
  StoreCreate,
  StorePage,
  StorePatch,
} from '@/api/generated/openapi';

export type CredentialAction = 'rotate' | 'revoke' | 'restore' | 'release';

type ListStoresQuery = NonNullable<operations['listStores']['parameters']['query']>;
/** The list query the UI sends: always one page (`page`, `pageSize`), never a cursor. */
export type StoreListParams = Omit<ListStoresQuery, 'page' | 'pageSize' | 'cursor'> & {
  page: number;
  pageSize: number;
};
export type StoreExportParams = NonNullable<operations['exportStores']['parameters']['query']>;

/** URL parameters of `p` without the empty ones; a list is sent comma-separated (`ids`). */
export function queryParams(p: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) {
    if (Array.isArray(v)) {
      if (v.length) out[k] = v.join(',');
    } else if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  }
  return out;
}

export const storesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listStores: build.query<StorePage, StoreListParams>({
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
    createStore: build.mutation<Store, StoreCreate>({
      query: (body) => ({ url: '/api/stores', method: 'POST', body }),
      invalidatesTags: [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }],
    }),
    updateStore: build.mutation<Store, { id: string; version: number; patch: StorePatch }>({
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
    }),
    deleteStore: build.mutation<void, { id: string; version: number }>({
      query: ({ id, version }) => ({
        url: `/api/stores/${encodeURIComponent(id)}`,
        method: 'DELETE',
        headers: { 'if-match': `"${version}"` },
      }),
      invalidatesTags: (_r, error) =>
        error ? [] : [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }],
    }),
    exportStores: build.mutation<Download, StoreExportParams>({
      query: (params) => ({
        url: '/api/stores/export.csv',
        params: queryParams(params),
        responseHandler: downloadHandler,
      }),
    }),
    importStores: build.mutation<ImportResult, string>({
      query: (csv) => ({
        url: '/api/stores/import',
        method: 'POST',
        body: csv,
        headers: { 'content-type': 'text/csv' },
      }),
      invalidatesTags: [{ type: 'Store', id: 'LIST' }, 'Stats', { type: 'Audit', id: 'LIST' }],
    }),
    /**
     * Reveals the secrets of the current version, or of a version kept for rollback (admin; the
     * service audits every reveal). Never cached.
     */
    revealCredentials: build.mutation<Credentials, { id: string; version?: number }>({
      query: ({ id, version }) => ({
        url: `/api/stores/${encodeURIComponent(id)}/credentials`,
        params: version ? { version } : undefined,
      }),
      invalidatesTags: (_r, error, { id }) =>
        error
          ? []
          : [
              { type: 'Audit', id },
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /** The versions of the store's credentials (no secrets) and whether rotation is due. */
    getCredentialVersions: build.query<CredentialVersions, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/credentials/versions`,
      providesTags: (_r, _e, id) => [{ type: 'Credentials', id }],
    }),
    /** rotate, revoke, or restore / release a kept version: answers the versions after it. */
    changeCredentials: build.mutation<
      CredentialVersions,
      { id: string; action: CredentialAction; version?: number }
    >({
      query: ({ id, action, version }) => ({
        url:
          action === 'rotate' || action === 'revoke'
            ? `/api/stores/${encodeURIComponent(id)}/credentials/${action}`
            : `/api/stores/${encodeURIComponent(id)}/credentials/versions/${version}/${action}`,
        method: 'POST',
      }),
      // The bundle was re-rendered (its history is tagged with the store's runs).
      invalidatesTags: (_r, error, { id }) => [
        { type: 'Credentials', id },
        ...(error
          ? []
          : ([
              { type: 'Run', id },
              { type: 'Audit', id },
              { type: 'Audit', id: 'LIST' },
            ] as const)),
      ],
    }),
  }),
});

export const {
  useListStoresQuery,
  useGetStoreQuery,
  useCreateStoreMutation,
  useUpdateStoreMutation,
  useDeleteStoreMutation,
  useExportStoresMutation,
  useImportStoresMutation,
  useRevealCredentialsMutation,
  useGetCredentialVersionsQuery,
  useChangeCredentialsMutation,
} = storesApi;
