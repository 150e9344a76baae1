import { baseApi } from '@/api/base-api';
import type { ProvisionPlan, ProvisionRequest, RunAccepted } from '@/api/generated/openapi';
import { transitionTags } from '@/features/provisioning/api/provisioning-api';

/**
 * Plan before apply (docs/api.md, "Provisioning"). Injected by the plan dialog's own chunk:
 * a page pays for these endpoints only once the dialog is opened.
 */
export const planApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /**
     * What provisioning would do now, without doing it. A mutation: every call makes a new plan
     * (kept 24 hours, audited as store.planned), nothing to cache.
     */
    planStoreProvisioning: build.mutation<ProvisionPlan, string>({
      query: (id) => ({ url: `/api/stores/${encodeURIComponent(id)}/plan`, method: 'POST' }),
    }),
    /** Applies exactly the plan, or a 409 with `changes` (PlanConflictProblem) and nothing taken. */
    provisionAsPlanned: build.mutation<
      RunAccepted,
      { id: string; version: number; planId: string }
    >({
      query: ({ id, version, planId }) => ({
        url: `/api/stores/${encodeURIComponent(id)}/provision`,
        method: 'POST',
        headers: { 'if-match': `"${version}"` },
        body: { planId } satisfies ProvisionRequest,
      }),
      invalidatesTags: (_r, _e, { id }) => [...transitionTags(id)],
    }),
  }),
});

export const { usePlanStoreProvisioningMutation, useProvisionAsPlannedMutation } = planApi;
