import { Alert, Stack } from '@mui/material';
import { useState } from 'react';
import { useParams, type Params } from 'react-router';

import { toProblem } from '@/api/problem';
import type { AppStore } from '@/app/store';
import { useBreadcrumb } from '@/components/layout/breadcrumb-context';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { rolloutsApi, useGetRolloutQuery } from '@/features/rollouts/api/rollouts-api';
import { RolloutActions } from '@/features/rollouts/components/rollout-actions';
import { RolloutStatusChip } from '@/features/rollouts/components/rollout-status';
import { RolloutSummary } from '@/features/rollouts/components/rollout-summary';
import { RolloutWaves } from '@/features/rollouts/components/rollout-waves';
import { humanize } from '@/utils/format';

/** The page's first query, started by its route loader (see app/router.tsx). */
export function prefetch(store: AppStore, _request: Request, params: Params) {
  const id = params.rolloutId;
  if (id) void store.dispatch(rolloutsApi.util.prefetch('getRollout', id, { ifOlderThan: 10 }));
}

// The page follows the rollout live: the service's rollout.updated events invalidate its tag
// (api/live-updates.ts), and the query fetches it again.
export function RolloutDetailRoute() {
  const { rolloutId = '' } = useParams();
  const { data: rollout, error, isLoading, refetch } = useGetRolloutQuery(rolloutId);
  const [refusal, setRefusal] = useState<string | null>(null);
  useBreadcrumb(rollout?.name);
  if (isLoading) return <LoadingState label="Loading rollout" rows={6} />;
  if (error || !rollout) {
    const p = toProblem(error);
    return p.status === 404 || p.status === 400 ? (
      <EmptyState title="Rollout not found" description="The link may be wrong." />
    ) : (
      <ErrorState error={error} title="Could not load the rollout" onRetry={() => void refetch()} />
    );
  }
  return (
    <>
      <PageHeader
        title={rollout.name}
        subtitle={
          <Stack
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center', mt: 0.5, flexWrap: 'wrap' }}
          >
            <RolloutStatusChip status={rollout.status} />
            <span>{humanize(rollout.action)} rollout</span>
          </Stack>
        }
        actions={<RolloutActions rollout={rollout} onRefused={setRefusal} />}
      />
      <Stack spacing={2}>
        {refusal ? (
          <Alert severity="error" role="alert" onClose={() => setRefusal(null)}>
            {refusal}
          </Alert>
        ) : null}
        <RolloutSummary rollout={rollout} />
        <RolloutWaves rollout={rollout} />
      </Stack>
    </>
  );
}
