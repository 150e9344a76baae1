import { baseApi } from '@/api/base-api';
import type { SystemSettings } from '@/api/generated/openapi';

// What the service is configured with and every page may apply (the store code pattern, the
// role each provisioning transition needs); fixed while the service runs.
export const settingsApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getSystemSettings: build.query<SystemSettings, void>({
      query: () => '/api/system/settings',
      keepUnusedDataFor: 3600,
    }),
  }),
});

export const { useGetSystemSettingsQuery } = settingsApi;
