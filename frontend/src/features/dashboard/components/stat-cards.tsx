import CheckCircleOutlineRounded from '@mui/icons-material/CheckCircleOutlineRounded';
import ErrorOutlineRounded from '@mui/icons-material/ErrorOutlineRounded';
import StorefrontRounded from '@mui/icons-material/StorefrontRounded';
import SyncRounded from '@mui/icons-material/SyncRounded';
import { Grid } from '@mui/material';

import { ErrorState } from '@/components/ui/error-state';
import { StatCard } from '@/components/ui/stat-card';
import { useGetStatsQuery } from '@/features/dashboard/api/dashboard-api';
import { useDeferredData } from '@/hooks/use-deferred-data';
import { formatNumber } from '@/utils/format';

function share(n: number, total: number): string {
  return total ? `${Math.round((n / total) * 100)} % of all stores` : 'no stores yet';
}

export function StatCards() {
  const query = useGetStatsQuery();
  const { error, refetch } = query;
  const { data, pending } = useDeferredData(query.data);
  const isLoading = query.isLoading || pending;
  if (error && !data) {
    return (
      <ErrorState error={error} title="Could not load the figures" onRetry={() => void refetch()} />
    );
  }
  const total = data?.total ?? 0;
  const by = data?.byStatus ?? {};
  const active = by.active ?? 0;
  const provisioning = (by.provisioning ?? 0) + (by.decommissioning ?? 0);
  const failed = by.failed ?? 0;
  return (
    <Grid container spacing={2} columns={12}>
      <Grid size={{ xs: 6, lg: 3 }}>
        <StatCard
          title="Total stores"
          value={formatNumber(total)}
          caption={`${formatNumber(by.draft ?? 0)} drafts`}
          icon={<StorefrontRounded />}
          loading={isLoading}
        />
      </Grid>
      <Grid size={{ xs: 6, lg: 3 }}>
        <StatCard
          title="Active"
          value={formatNumber(active)}
          caption={share(active, total)}
          icon={<CheckCircleOutlineRounded />}
          loading={isLoading}
        />
      </Grid>
      <Grid size={{ xs: 6, lg: 3 }}>
        <StatCard
          title="Provisioning"
          value={formatNumber(provisioning)}
          caption="runs in progress"
          icon={<SyncRounded />}
          loading={isLoading}
        />
      </Grid>
      <Grid size={{ xs: 6, lg: 3 }}>
        <StatCard
          title="Errors"
          value={formatNumber(failed)}
          caption={failed ? 'stores need attention' : 'all clear'}
          icon={<ErrorOutlineRounded />}
          loading={isLoading}
        />
      </Grid>
    </Grid>
  );
}
