import { baseApi } from '@/api/base-api';
import type { LoginRequest, Session, SessionUser } from '@/api/generated/openapi';

export const authApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    login: build.mutation<Session, LoginRequest>({
      query: (body) => ({ url: '/api/auth/login', method: 'POST', body }),
    }),
    logout: build.mutation<void, { refreshToken: string }>({
      query: (body) => ({ url: '/api/auth/logout', method: 'POST', body }),
    }),
    me: build.query<SessionUser, void>({ query: () => '/api/auth/me' }),
  }),
});

export const { useLoginMutation, useLogoutMutation, useMeQuery } = authApi;
