import { Card, TableCell, TableRow, Typography } from '@mui/material';

import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { StatusChip } from '@/components/ui/status-chip';
import { SimpleTable } from '@/components/ui/table-panel';
import {
  useGetReadinessQuery,
  useGetSystemHealthQuery,
} from '@/features/monitoring/api/monitoring-api';
import { breakerLevel, healthMatrix } from '@/features/monitoring/utils/health';
import { healthColors } from '@/theme/tokens';
import { formatMs, formatPercent, humanize } from '@/utils/format';

export function HealthMatrix() {
  const ready = useGetReadinessQuery(undefined, { pollingInterval: 15000 });
  const deps = useGetSystemHealthQuery();
  const rows = healthMatrix(ready.data, deps.data?.dependencies);
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Health matrix
      </Typography>
      {ready.isLoading ? (
        <LoadingState label="Loading health" rows={3} />
      ) : ready.error && !ready.data ? (
        <ErrorState
          error={ready.error}
          title="Readiness check failed"
          onRetry={() => void ready.refetch()}
        />
      ) : (
        <SimpleTable
          label="Dependency health"
          headers={['Dependency', 'Readiness', 'Latency', 'Breaker', 'Failure rate']}
        >
          {rows.map((r) => (
            <TableRow key={r.name}>
              <TableCell component="th" scope="row">
                {humanize(r.name)}
              </TableCell>
              <TableCell>
                <StatusChip
                  status={r.ready}
                  colors={healthColors[r.ready]}
                  label={humanize(r.readyText)}
                />
              </TableCell>
              <TableCell>{formatMs(r.latencyMs)}</TableCell>
              <TableCell>
                {r.breaker ? (
                  <StatusChip
                    status={r.breaker.state}
                    colors={healthColors[breakerLevel(r.breaker.state)]}
                    label={humanize(r.breaker.state)}
                  />
                ) : (
                  '—'
                )}
              </TableCell>
              <TableCell>{formatPercent(r.breaker?.failureRate)}</TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      )}
    </Card>
  );
}
