import AddRounded from '@mui/icons-material/AddRounded';
import { Box, Button, Grid, Stack } from '@mui/material';
import {
  lazy,
  startTransition,
  Suspense,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { Link as RouterLink } from 'react-router';

import type { AppStore } from '@/app/store';
import { LoadingState } from '@/components/ui/loading-state';
import { OnScreen, PanelPlaceholder } from '@/components/ui/on-screen';
import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { auditApi } from '@/features/audit/api/audit-api';
import { ActivityFeed, activityArgs } from '@/features/audit/components/activity-feed';
import { dashboardApi } from '@/features/dashboard/api/dashboard-api';
import { ChartCard } from '@/features/dashboard/components/chart-card';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { StatusChart, TypeChart } from '@/features/dashboard/components/status-chart';
import { planningApi } from '@/features/planning/api/planning-api';
import { ForecastWarningCard } from '@/features/planning/components/forecast-warning-card';
import { useOnScreen } from '@/hooks/use-on-screen';
import { Authorized } from '@/lib/authorization';

// The time-series charts (Recharts, the heaviest code of the page) load as their own chunk,
// and only once their card is on screen: on a phone they sit below the fold and cost nothing
// until the user scrolls to them. The count charts are plain boxes and paint with the figures.
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
 * A card of the chart's size until the chart is on screen and its code has loaded, so
 * nothing moves when it arrives. Each chart mounts in its own transition (`order` × a frame
 * later), so two charts never make one long task that blocks input.
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
  const ref = useRef<HTMLDivElement>(null);
  const visible = useOnScreen(ref);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!visible) return undefined;
    const t = setTimeout(() => startTransition(() => setReady(true)), order * 16);
    return () => clearTimeout(t);
  }, [order, visible]);
  const placeholder = (
    <ChartCard title={title} subtitle=" ">
      <LoadingState label={`Loading ${title.toLowerCase()}`} />
    </ChartCard>
  );
  return (
    <Box ref={ref} sx={{ height: '100%' }}>
      {ready ? <Suspense fallback={placeholder}>{children}</Suspense> : placeholder}
    </Box>
  );
}

/** The figures and the activity feed, fetched from the route loader (router.tsx). */
export function prefetch(store: AppStore) {
  void store.dispatch(dashboardApi.util.prefetch('getStats', undefined, { ifOlderThan: 10 }));
  void store.dispatch(auditApi.util.prefetch('getActivity', activityArgs(), { ifOlderThan: 10 }));
  void store.dispatch(
    planningApi.util.prefetch('getForecast', { horizon: 90 }, { ifOlderThan: 10 }),
  );
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
              <StatusChart />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TypeChart />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Provisioning throughput" order={1}>
                <ThroughputChart />
              </ChartSlot>
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <ChartSlot title="Request latency" order={2}>
                <LatencyChart />
              </ChartSlot>
            </Grid>
          </Grid>
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          {/* Openings that cannot be served (none: nothing). At the head of this column, which
              is beside the charts on a wide screen and below them on a phone, so that its
              arrival after the figures moves nothing on the first screen of a phone. */}
          <Stack spacing={2}>
            <ForecastWarningCard />
            {/* Below the charts on a phone: built once scrolled to. */}
            <OnScreen placeholder={<PanelPlaceholder title="Recent activity" rows={5} />}>
              <ActivityFeed />
            </OnScreen>
          </Stack>
        </Grid>
      </Grid>
    </>
  );
}
