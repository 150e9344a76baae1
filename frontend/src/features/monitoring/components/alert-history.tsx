import { TableCell, TableRow } from '@mui/material';

import type { Alert } from '@/api/generated/openapi';
import { StatusChip } from '@/components/ui/status-chip';
import { QueryTablePanel } from '@/components/ui/table-panel';
import { useGetAlertsQuery } from '@/features/monitoring/api/monitoring-api';
import type { Level } from '@/features/monitoring/utils/health';
import { healthColors } from '@/theme/tokens';
import { formatDateTime, humanize } from '@/utils/format';

const SEVERITY: Record<Alert['severity'], Level> = {
  critical: 'down',
  warning: 'degraded',
  info: 'unknown',
};

/** The most recent alerts (the service keeps a bounded history). */
const ALERT_QUERY = { limit: 50 };

export function AlertHistory() {
  return (
    <QueryTablePanel
      title="Alert history"
      tableLabel="Alerts"
      headers={['Time', 'Severity', 'Source', 'Alert']}
      query={useGetAlertsQuery(ALERT_QUERY)}
      loadingLabel="Loading alerts"
      empty={{
        title: 'No alerts',
        description: 'Breaker changes and other alerts are recorded here.',
      }}
    >
      {(alerts) =>
        alerts.map((a) => {
          const level = SEVERITY[a.severity];
          return (
            <TableRow key={a.id}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.time)}</TableCell>
              <TableCell>
                <StatusChip status={a.severity} colors={healthColors[level]} />
              </TableCell>
              <TableCell>{humanize(a.source)}</TableCell>
              <TableCell>
                <strong>{a.title}</strong>
                {a.message ? ` — ${a.message}` : ''}
              </TableCell>
            </TableRow>
          );
        })
      }
    </QueryTablePanel>
  );
}
