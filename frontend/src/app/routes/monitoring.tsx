import { Grid, Typography } from '@mui/material';

import { PageHeader } from '@/components/ui/page-header';
import { AlertHistory } from '@/features/monitoring/components/alert-history';
import { BreakerCards } from '@/features/monitoring/components/breaker-cards';
import { HealthIndicator } from '@/features/monitoring/components/health-indicator';
import { HealthMatrix } from '@/features/monitoring/components/health-matrix';

export function MonitoringRoute() {
  return (
    <>
      <PageHeader
        title="Monitoring"
        subtitle="Dependencies, circuit breakers and alerts."
        actions={<HealthIndicator />}
      />
      <Typography component="h2" variant="h6">
        Circuit breakers
      </Typography>
      <BreakerCards />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <HealthMatrix />
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <AlertHistory />
        </Grid>
      </Grid>
    </>
  );
}
