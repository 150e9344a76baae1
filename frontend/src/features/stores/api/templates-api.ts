import { baseApi } from '@/api/base-api';
import type {
  ImportResult,
  Template,
  TemplateCreate,
  TemplateFollowers,
  TemplateList,
  TemplatePatch,
  TemplateStoresCreate,
  TemplateSyncRequest,
  TemplateSyncResult,
} from '@/api/generated/openapi';

// Store templates (docs/openapi.json, tag "templates"): named, versioned profiles that stores
// are created from and brought up to date with. A template's followers are cached under
// `Template:<id>/stores`; the list under `Template:LIST`.

const path = (id: string) => `/api/templates/${encodeURIComponent(id)}`;
const followersTag = (id: string) => ({ type: 'Template' as const, id: `${id}/stores` });

/** The rows to create: a JSON list of stores, or a CSV file's text. */
export type TemplateStoresInput = TemplateStoresCreate | { csv: string };

export const templatesApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listTemplates: build.query<TemplateList, void>({
      query: () => '/api/templates',
      providesTags: (r) => [
        ...(r?.items ?? []).map((t) => ({ type: 'Template' as const, id: t.id })),
        { type: 'Template', id: 'LIST' },
      ],
    }),
    getTemplate: build.query<Template, string>({
      query: (id) => path(id),
      providesTags: (_r, _e, id) => [{ type: 'Template', id }],
    }),
    createTemplate: build.mutation<Template, TemplateCreate>({
      query: (body) => ({ url: '/api/templates', method: 'POST', body }),
      invalidatesTags: (_r, error) =>
        error
          ? []
          : [
              { type: 'Template', id: 'LIST' },
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /** A merge patch guarded by If-Match: a stale version is a 412 with the current one. */
    updateTemplate: build.mutation<Template, { id: string; version: number; patch: TemplatePatch }>(
      {
        query: ({ id, version, patch }) => ({
          url: path(id),
          method: 'PATCH',
          body: patch,
          headers: { 'if-match': `"${version}"` },
        }),
        async onQueryStarted({ id }, { dispatch, queryFulfilled }) {
          try {
            const { data } = await queryFulfilled;
            dispatch(templatesApi.util.upsertQueryData('getTemplate', id, data));
          } catch {
            // the caller shows the problem (412 → reload, 422 → the fields)
          }
        },
        invalidatesTags: (_r, error, { id }) =>
          error
            ? []
            : [{ type: 'Template', id: 'LIST' }, followersTag(id), { type: 'Audit', id: 'LIST' }],
      },
    ),
    deleteTemplate: build.mutation<void, { id: string; version: number }>({
      query: ({ id, version }) => ({
        url: path(id),
        method: 'DELETE',
        headers: { 'if-match': `"${version}"` },
      }),
      invalidatesTags: (_r, error) =>
        error
          ? []
          : [
              { type: 'Template', id: 'LIST' },
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /** The stores that follow the template, those behind first. */
    listTemplateStores: build.query<TemplateFollowers, string>({
      query: (id) => `${path(id)}/stores`,
      providesTags: (_r, _e, id) => [followersTag(id)],
    }),
    /** Draft stores from the template, one result per row (a rejected row changes nothing). */
    createTemplateStores: build.mutation<ImportResult, { id: string; input: TemplateStoresInput }>({
      query: ({ id, input }) =>
        'csv' in input
          ? {
              url: `${path(id)}/stores`,
              method: 'POST',
              body: input.csv,
              headers: { 'content-type': 'text/csv' },
            }
          : { url: `${path(id)}/stores`, method: 'POST', body: input },
      invalidatesTags: (r, error, { id }) =>
        error || !r?.created
          ? []
          : [
              { type: 'Template', id: 'LIST' },
              { type: 'Template', id },
              followersTag(id),
              { type: 'Store', id: 'LIST' },
              'Stats',
              { type: 'Audit', id: 'LIST' },
            ],
    }),
    /** Brings the stores behind up to the template version the user reviewed (412 if stale). */
    syncTemplateStores: build.mutation<
      TemplateSyncResult,
      { id: string; request: TemplateSyncRequest }
    >({
      query: ({ id, request }) => ({ url: `${path(id)}/sync`, method: 'POST', body: request }),
      invalidatesTags: (r, error, { id }) =>
        error
          ? []
          : [
              { type: 'Template', id: 'LIST' },
              { type: 'Template', id },
              followersTag(id),
              { type: 'Store', id: 'LIST' },
              ...(r?.results ?? [])
                .filter((x) => x.status === 'updated')
                .map((x) => ({ type: 'Store' as const, id: x.id })),
              { type: 'Audit', id: 'LIST' },
            ],
    }),
  }),
});

export const {
  useListTemplatesQuery,
  useGetTemplateQuery,
  useCreateTemplateMutation,
  useUpdateTemplateMutation,
  useDeleteTemplateMutation,
  useListTemplateStoresQuery,
  useCreateTemplateStoresMutation,
  useSyncTemplateStoresMutation,
} = templatesApi;
