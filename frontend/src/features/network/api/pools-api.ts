import { baseApi } from '@/api/base-api';
import type { AddressPool, AddressPoolCreate, AddressPoolList } from '@/api/generated/openapi';

export const poolsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listPools: build.query<AddressPoolList, void>({
      query: () => '/api/network/pools',
      providesTags: [{ type: 'Pool', id: 'LIST' }],
    }),
    createPool: build.mutation<AddressPool, AddressPoolCreate>({
      query: (body) => ({ url: '/api/network/pools', method: 'POST', body }),
      invalidatesTags: [
        { type: 'Pool', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    deletePool: build.mutation<void, string>({
      query: (id) => ({ url: `/api/network/pools/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: [
        { type: 'Pool', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
  }),
});

export const { useListPoolsQuery, useCreatePoolMutation, useDeletePoolMutation } = poolsApi;
