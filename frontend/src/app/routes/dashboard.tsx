import AddRounded from '@mui/icons-material/AddRounded';
import { Button, Grid } from '@mui/material';
import { lazy, startTransition, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

import { LoadingState } from '@/components/ui/loading-state';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { ActivityFeed } from '@/features/audit/components/activity-feed';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { Authorized } from '@/lib/authorization';

// The charts (Recharts) load as their own chunk after the figures and the feed have painted.
const StatusChart = lazy(() =>
  import('@/features/dashboard/components/status-chart').then((m) => ({ default: m.StatusChart })),
);
const TypeChart = lazy(() =>
  import('@/features/dashboard/components/status-chart').then((m) => ({ default: m.TypeChart })),
);
const ThroughputChart = lazy(() =>
  import('@/features/dashboard/components/throughput-chart').then((m) => ({
    default: m.ThroughputChart,
  })),
);
const LatencyChart = lazy(() =>
  import('@/features/dashboard/components/latency-chart').then((m) => ({
    default: m.LatencyChart,
  })),
);

/**
 * A card of the chart's size while its code loads, so nothing moves when it arrives. Each
 * chart mounts in its own task (`order` × a frame after the page), so four charts never
 * make one long task that blocks input.
 */
function ChartSlot({
  title,
  order,
  children,
}: {
  title: string;
  order: number;
  children: ReactNode;
}) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => startTransition(() => setReady(true)), order * 16);
    return () => clearTimeout(t);
  }, [order]);
  const placeholder = (
    <ChartCard title={title} subtitle=" ">
      <LoadingState label={`Loading ${title.toLowerCase()}`} />
    </ChartCard>
  );
  return ready ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder;
}

export function DashboardRoute() {
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="The state of every store, live."
        actions={
          <Authorized policy="stores:write">
            <Button
              component={RouterLink}
              to={paths.storeNew.getHref()}
              variant="contained"
              startIcon={<AddRounded />}
            >
              New store
            </Button>
          </Authorized>
        }
      />
      <StatCards />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Stores by status" order={1}>
                <StatusChart />
              </ChartSlot>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Stores by type" order={2}>
                <TypeChart />
              </ChartSlot>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Provisioning throughput" order={3}>
                <ThroughputChart />
              </ChartSlot>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Request latency" order={4}>
                <LatencyChart />
              </ChartSlot>
            </Grid>
          </Grid>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <ActivityFeed />
        </Grid>
      </Grid>
    </>
  );
}
