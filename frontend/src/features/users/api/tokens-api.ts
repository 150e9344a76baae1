import { baseApi } from '@/api/base-api';
import type { ApiTokenCreate, ApiTokenCreated, ApiTokenList } from '@/api/generated/openapi';

// Automation tokens (docs/api.md "Automation tokens"): the secret is only in the POST answer.
export const tokensApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listTokens: build.query<ApiTokenList, void>({
      query: () => '/api/tokens',
      providesTags: (r) => [
        ...(r?.items ?? []).map((t) => ({ type: 'ApiToken' as const, id: t.id })),
        { type: 'ApiToken', id: 'LIST' },
      ],
    }),
    createToken: build.mutation<ApiTokenCreated, ApiTokenCreate>({
      query: (body) => ({ url: '/api/tokens', method: 'POST', body }),
      invalidatesTags: [
        { type: 'ApiToken', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    revokeToken: build.mutation<void, string>({
      query: (id) => ({ url: `/api/tokens/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: (_r, _e, id) => [
        { type: 'ApiToken', id },
        { type: 'ApiToken', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
  }),
});

export const { useListTokensQuery, useCreateTokenMutation, useRevokeTokenMutation } = tokensApi;
