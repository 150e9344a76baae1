import {
  Card,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';

import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { StatusChip } from '@/components/ui/status-chip';
import { useGetAlertsQuery } from '@/features/monitoring/api/monitoring-api';
import { healthColors } from '@/theme/tokens';
import { formatDateTime, humanize } from '@/utils/format';

const SEVERITY = {
  critical: 'down',
  warning: 'degraded',
  info: 'unknown',
  resolved: 'ok',
} as const;

export function AlertHistory() {
  const { data, error, isLoading, refetch } = useGetAlertsQuery();
  return (
    <Card>
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        Alert history
      </Typography>
      {isLoading ? (
        <LoadingState label="Loading alerts" rows={3} />
      ) : error ? (
        <ErrorState
          error={error}
          onRetry={() => void refetch()}
          notAvailableText="Alert history is not available on this server yet."
        />
      ) : !data?.length ? (
        <EmptyState
          title="No alerts"
          description="Breaker changes and other alerts are recorded here."
        />
      ) : (
        <TableContainer>
          <Table size="small" aria-label="Alerts">
            <TableHead>
              <TableRow>
                <TableCell>Time</TableCell>
                <TableCell>Severity</TableCell>
                <TableCell>Source</TableCell>
                <TableCell>Message</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((a) => {
                const level = SEVERITY[a.severity as keyof typeof SEVERITY] ?? 'unknown';
                return (
                  <TableRow key={a.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.time)}</TableCell>
                    <TableCell>
                      <StatusChip status={a.severity} colors={healthColors[level]} />
                    </TableCell>
                    <TableCell>{humanize(a.source)}</TableCell>
                    <TableCell>{a.message}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Card>
  );
}
