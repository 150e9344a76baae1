import { baseApi } from '@/api/base-api';
import type {
  operations,
  Rollout,
  RolloutCreate,
  RolloutFilter,
  RolloutList,
  StorePage,
} from '@/api/generated/openapi';

// Rollouts (docs/openapi.json, tag "rollouts"): many stores provisioned or decommissioned in
// waves. The list is cached under `Rollout:LIST`, each rollout under `Rollout:<id>`; the
// service's `rollout.updated` event invalidates both (api/live-updates.ts), so the pages follow
// the waves live. A rollout's stores change too: their own store events refresh the stores.

export type RolloutListArgs = NonNullable<operations['listRollouts']['parameters']['query']>;

/** The four changes a rollout takes after its creation (POST /api/rollouts/{id}/<action>). */
export type RolloutCommand = 'pause' | 'resume' | 'abort' | 'retry-failed';

const path = (id: string) => `/api/rollouts/${encodeURIComponent(id)}`;

/** A filter as a form holds it: every field, "" for none. */
export type FilterForm = { [K in keyof RolloutFilter]-?: RolloutFilter[K] | '' };

/** The filter's non-empty fields: what GET /api/stores and a rollout's `filter` take. */
export function filterParams(f: RolloutFilter | FilterForm): RolloutFilter {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    const t = typeof v === 'string' ? v.trim() : '';
    if (t) out[k] = t;
  }
  return out as RolloutFilter;
}

export const rolloutsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listRollouts: build.query<RolloutList, RolloutListArgs>({
      query: ({ status, limit }) => ({
        url: '/api/rollouts',
        params: { ...(status ? { status } : {}), ...(limit ? { limit } : {}) },
      }),
      providesTags: [{ type: 'Rollout', id: 'LIST' }],
    }),
    getRollout: build.query<Rollout, string>({
      query: (id) => path(id),
      providesTags: (_r, _e, id) => [{ type: 'Rollout', id }],
    }),
    /** Created and started: its first wave is starting (201 with the rollout). */
    createRollout: build.mutation<Rollout, RolloutCreate>({
      query: (body) => ({ url: '/api/rollouts', method: 'POST', body }),
      async onQueryStarted(_arg, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(rolloutsApi.util.upsertQueryData('getRollout', data.id, data));
        } catch {
          // the dialog shows the problem (422 on its fields, 403 above them)
        }
      },
      invalidatesTags: (_r, error) =>
        error
          ? []
          : [
              { type: 'Rollout', id: 'LIST' },
              { type: 'Store', id: 'LIST' },
              'Stats',
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /** Pause, resume, abort or retry the failed stores: answers the rollout after the change. */
    changeRollout: build.mutation<Rollout, { id: string; command: RolloutCommand }>({
      query: ({ id, command }) => ({ url: `${path(id)}/${command}`, method: 'POST' }),
      async onQueryStarted({ id }, { dispatch, queryFulfilled }) {
        try {
          const { data } = await queryFulfilled;
          dispatch(rolloutsApi.util.upsertQueryData('getRollout', id, data));
        } catch {
          // the page shows the refusal's detail (409: not in a status that allows it)
        }
      },
      invalidatesTags: (_r, error) =>
        error
          ? []
          : [
              { type: 'Rollout', id: 'LIST' },
              { type: 'Store', id: 'LIST' },
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /**
     * How many stores a filter selects now (GET /api/stores' `total`, one row fetched): what a
     * rollout by filter would take if created at this moment.
     */
    countStores: build.query<Pick<StorePage, 'total' | 'totalIsEstimate'>, RolloutFilter>({
      query: (filter) => ({
        url: '/api/stores',
        params: { ...filterParams(filter), page: 1, pageSize: 1 },
      }),
      transformResponse: (r: StorePage) => ({ total: r.total, totalIsEstimate: r.totalIsEstimate }),
      providesTags: [{ type: 'Store', id: 'LIST' }],
    }),
    /** Stores to pick by code or name (the first 20 matches of `q`). */
    searchStores: build.query<StorePage['items'], string>({
      query: (q) => ({
        url: '/api/stores',
        params: { ...(q ? { q } : {}), page: 1, pageSize: 20 },
      }),
      transformResponse: (r: StorePage) => r.items,
      providesTags: [{ type: 'Store', id: 'LIST' }],
    }),
  }),
});

export const {
  useListRolloutsQuery,
  useGetRolloutQuery,
  useCreateRolloutMutation,
  useChangeRolloutMutation,
  useCountStoresQuery,
  useSearchStoresQuery,
} = rolloutsApi;
