import { baseApi } from '@/api/base-api';
import type { User, UserCreate, UserList, UserPatch } from '@/api/generated/openapi';

export const usersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listUsers: build.query<UserList, void>({
      query: () => '/api/users',
      providesTags: (r) => [
        ...(r?.items ?? []).map((u) => ({ type: 'User' as const, id: u.id })),
        { type: 'User', id: 'LIST' },
      ],
    }),
    createUser: build.mutation<User, UserCreate>({
      query: (body) => ({ url: '/api/users', method: 'POST', body }),
      invalidatesTags: [
        { type: 'User', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    updateUser: build.mutation<User, UserPatch & { id: string }>({
      query: ({ id, ...body }) => ({
        url: `/api/users/${encodeURIComponent(id)}`,
        method: 'PATCH',
        body,
      }),
      // Disabling or demoting a user revokes automation tokens they created (docs/api.md).
      invalidatesTags: (_r, _e, { id }) => [
        { type: 'User', id },
        { type: 'User', id: 'LIST' },
        { type: 'ApiToken', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    deleteUser: build.mutation<void, string>({
      query: (id) => ({ url: `/api/users/${encodeURIComponent(id)}`, method: 'DELETE' }),
      // …and so does deleting them.
      invalidatesTags: [
        { type: 'User', id: 'LIST' },
        { type: 'ApiToken', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
  }),
});

export const {
  useListUsersQuery,
  useCreateUserMutation,
  useUpdateUserMutation,
  useDeleteUserMutation,
} = usersApi;
