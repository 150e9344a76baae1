import { Card, Grid, Stack, Typography } from '@mui/material';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { StatusChip } from '@/components/ui/status-chip';
import { useGetSystemHealthQuery } from '@/features/monitoring/api/monitoring-api';
import { breakerLevel } from '@/features/monitoring/utils/health';
import { healthColors } from '@/theme/tokens';
import { formatMs, formatPercent, formatRelative, humanize } from '@/utils/format';

export function BreakerCards() {
  const { data, error, isLoading, refetch } = useGetSystemHealthQuery(undefined, {
    pollingInterval: 15000,
  });
  if (isLoading) return <LoadingState label="Loading circuit breakers" rows={2} />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  if (!data?.dependencies.length)
    return (
      <EmptyState title="No remote dependencies" description="The service runs in embedded mode." />
    );
  return (
    <Grid container spacing={2}>
      {data.dependencies.map((d) => {
        const level = breakerLevel(d.state);
        return (
          <Grid key={d.name} size={{ xs: 12, sm: 6, lg: 3 }}>
            <Card sx={{ height: '100%' }}>
              <Stack
                direction="row"
                sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1, gap: 1 }}
              >
                <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
                  {humanize(d.name)}
                </Typography>
                <StatusChip
                  status={d.state}
                  colors={healthColors[level]}
                  label={humanize(d.state)}
                />
              </Stack>
              <Typography variant="body2" color="text.secondary">
                Failure rate {formatPercent(d.failureRate)} · latency {formatMs(d.latencyMs)}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                Last change {formatRelative(d.lastTransition)}
              </Typography>
            </Card>
          </Grid>
        );
      })}
    </Grid>
  );
}
