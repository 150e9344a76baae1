import { TableCell, TableRow } from '@mui/material';

import { StatusChip } from '@/components/ui/status-chip';
import { QueryTablePanel } from '@/components/ui/table-panel';
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
  return (
    <QueryTablePanel
      title="Alert history"
      tableLabel="Alerts"
      headers={['Time', 'Severity', 'Source', 'Message']}
      query={useGetAlertsQuery()}
      loadingLabel="Loading alerts"
      notAvailableText="Alert history is not available on this server yet."
      empty={{
        title: 'No alerts',
        description: 'Breaker changes and other alerts are recorded here.',
      }}
    >
      {(alerts) =>
        alerts.map((a) => {
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
        })
      }
    </QueryTablePanel>
  );
}
