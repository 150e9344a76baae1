import { baseApi, itemsOf } from '@/api/base-api';
import type { Role, User } from '@/types/api';

export const usersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listUsers: build.query<User[], void>({
      query: () => '/api/users',
      transformResponse: (body: unknown) => itemsOf<User>(body),
      providesTags: (r) => [
        ...(r ?? []).map((u) => ({ type: 'User' as const, id: u.id })),
        { type: 'User', id: 'LIST' },
      ],
    }),
    createUser: build.mutation<User, { username: string; password: string; role: Role }>({
      query: (body) => ({ url: '/api/users', method: 'POST', body }),
      invalidatesTags: [
        { type: 'User', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    updateUser: build.mutation<
      User,
      { id: string; role?: Role; password?: string; disabled?: boolean }
    >({
      query: ({ id, ...body }) => ({
        url: `/api/users/${encodeURIComponent(id)}`,
        method: 'PATCH',
        body,
      }),
      invalidatesTags: (_r, _e, { id }) => [
        { type: 'User', id },
        { type: 'User', id: 'LIST' },
        { type: 'Audit', id: 'LIST' },
      ],
    }),
    deleteUser: build.mutation<void, string>({
      query: (id) => ({ url: `/api/users/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: [
        { type: 'User', id: 'LIST' },
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
