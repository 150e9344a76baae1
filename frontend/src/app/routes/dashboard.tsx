import AddRounded from '@mui/icons-material/AddRounded';
import { Button, Grid } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { PageHeader } from '@/components/ui/page-header';
import { paths } from '@/config/paths';
import { ActivityFeed } from '@/features/audit/components/activity-feed';
import { LatencyChart } from '@/features/dashboard/components/latency-chart';
import { StatCards } from '@/features/dashboard/components/stat-cards';
import { StatusChart, TypeChart } from '@/features/dashboard/components/status-chart';
import { ThroughputChart } from '@/features/dashboard/components/throughput-chart';
import { Authorized } from '@/lib/authorization';

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
              <ThroughputChart />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <LatencyChart />
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
