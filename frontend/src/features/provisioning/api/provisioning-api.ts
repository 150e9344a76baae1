import { baseApi, downloadHandler, type Download } from '@/api/base-api';
import type {
  BundleDiff,
  BundleRenderList,
  RunList,
  SegmentList,
  StockItemList,
} from '@/api/generated/openapi';

export type TransitionAction = 'provision' | 'decommission' | 'rollback';

/** What a transition changes: the store, its lists, its run, allocations and history. */
export const transitionTags = (id: string) =>
  [
    { type: 'Store', id },
    { type: 'Store', id: 'LIST' },
    { type: 'Run', id },
    { type: 'Network', id },
    { type: 'Hardware', id },
    { type: 'Audit', id },
    { type: 'Audit', id: 'LIST' },
    'Stats',
  ] as const;

export const provisioningApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** Newest first. */
    getRuns: build.query<RunList, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/runs`,
      providesTags: (_r, _e, id) => [{ type: 'Run', id }],
    }),
    getNetwork: build.query<SegmentList, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/network`,
      providesTags: (_r, _e, id) => [{ type: 'Network', id }],
    }),
    getHardware: build.query<StockItemList, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/hardware`,
      providesTags: (_r, _e, id) => [{ type: 'Hardware', id }],
    }),
    transitionStore: build.mutation<
      unknown,
      { id: string; version: number; action: TransitionAction }
    >({
      query: ({ id, version, action }) => ({
        url: `/api/stores/${encodeURIComponent(id)}/${action}`,
        method: 'POST',
        headers: { 'if-match': `"${version}"` },
      }),
      invalidatesTags: (_r, _e, { id }) => [...transitionTags(id)],
    }),
    downloadConfigBundle: build.mutation<Download, string>({
      query: (id) => ({
        url: `/api/stores/${encodeURIComponent(id)}/config-bundle`,
        responseHandler: downloadHandler,
      }),
    }),
    /**
     * Every render of the store's bundle, newest first. Tagged with the store's runs: a
     * render_configs step (run.step_changed over the WebSocket) refreshes it.
     */
    listConfigBundles: build.query<BundleRenderList, string>({
      query: (id) => `/api/stores/${encodeURIComponent(id)}/config-bundles`,
      providesTags: (_r, _e, id) => [{ type: 'Run', id }],
    }),
    downloadConfigBundleVersion: build.mutation<Download, { id: string; sha256: string }>({
      query: ({ id, sha256 }) => ({
        url: `/api/stores/${encodeURIComponent(id)}/config-bundles/${sha256}`,
        responseHandler: downloadHandler,
      }),
    }),
    /** Versions are immutable: a diff never goes stale. */
    diffConfigBundles: build.query<BundleDiff, { id: string; from: string; to: string }>({
      query: ({ id, from, to }) =>
        `/api/stores/${encodeURIComponent(id)}/config-bundles/${from}/diff/${to}`,
    }),
  }),
});

export const {
  useGetRunsQuery,
  useGetNetworkQuery,
  useGetHardwareQuery,
  useTransitionStoreMutation,
  useDownloadConfigBundleMutation,
  useListConfigBundlesQuery,
  useDownloadConfigBundleVersionMutation,
  useDiffConfigBundlesQuery,
} = provisioningApi;
