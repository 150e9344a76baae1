import { Box, Card, Step, StepContent, StepLabel, Stepper, Typography } from '@mui/material';
import { useSelector } from 'react-redux';

import type { Run, StoreStatus } from '@/api/generated/openapi';
import { selectLiveStatus } from '@/api/live-updates';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { StatusChip } from '@/components/ui/status-chip';
import { useGetRunsQuery } from '@/features/provisioning/api/provisioning-api';
import { stepColors } from '@/theme/tokens';
import { formatDateTime, humanize } from '@/utils/format';

function RunSteps({ run }: { run: Run }) {
  const steps = run.steps;
  const activeIndex = steps.findIndex((s) => s.status === 'running' || s.status === 'failed');
  return (
    <Stepper
      orientation="vertical"
      activeStep={activeIndex < 0 ? steps.length : activeIndex}
      aria-label={`${humanize(run.kind)} run steps`}
    >
      {steps.map((s) => (
        <Step key={s.name} completed={s.status === 'succeeded'} expanded>
          <StepLabel
            error={s.status === 'failed'}
            optional={<StatusChip status={s.status} colors={stepColors[s.status]} />}
          >
            {humanize(s.name)}
          </StepLabel>
          <StepContent>
            <Typography variant="caption" color="text.secondary" component="p">
              {s.attempts > 1 ? `${s.attempts} attempts · ` : ''}
              {s.finishedAt
                ? `finished ${formatDateTime(s.finishedAt)}`
                : s.startedAt
                  ? `started ${formatDateTime(s.startedAt)}`
                  : ''}
            </Typography>
            {s.message ? (
              <Typography
                variant="body2"
                color={s.status === 'failed' ? 'error' : 'text.secondary'}
              >
                {s.message}
              </Typography>
            ) : null}
          </StepContent>
        </Step>
      ))}
    </Stepper>
  );
}

/** The latest provisioning or decommission run of a store, step by step, updated live. */
export function ProvisioningStepper({ storeId, status }: { storeId: string; status: StoreStatus }) {
  const live = useSelector(selectLiveStatus);
  const busy = status === 'provisioning' || status === 'decommissioning';
  const { data, error, isLoading, refetch } = useGetRunsQuery(storeId, {
    // Without the event stream, poll while a run is in progress.
    pollingInterval: busy && live !== 'online' ? 3000 : 0,
    // Not isFetching: a poll that brings nothing new leaves the page as it is (a re-render per
    // poll started a slow deferred render of the page over, again and again).
    selectFromResult: ({ data, error, isLoading }) => ({ data, error, isLoading }),
  });
  const run = data?.items[0];
  return (
    <Card>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
        <Typography component="h2" variant="h6">
          Provisioning
        </Typography>
        {run ? (
          <Typography variant="caption" color="text.secondary">
            {humanize(run.kind)} · {humanize(run.status)}
          </Typography>
        ) : null}
      </Box>
      {isLoading ? (
        <LoadingState label="Loading provisioning runs" rows={3} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !run ? (
        <EmptyState
          title="Not provisioned yet"
          description={
            status === 'draft'
              ? 'Provision the store to allocate its network and hardware.'
              : undefined
          }
        />
      ) : (
        <RunSteps run={run} />
      )}
    </Card>
  );
}
