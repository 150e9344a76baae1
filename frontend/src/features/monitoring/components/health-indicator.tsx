import { Link, Tooltip } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import { StatusChip } from '@/components/ui/status-chip';
import { paths } from '@/config/paths';
import {
  useGetReadinessQuery,
  useGetSystemHealthQuery,
} from '@/features/monitoring/api/monitoring-api';
import { overallLevel } from '@/features/monitoring/utils/health';
import { healthColors } from '@/theme/tokens';

const TEXT = {
  ok: 'All systems operational',
  degraded: 'Degraded',
  down: 'Service unavailable',
  unknown: 'Checking…',
} as const;

/** One chip summarising /health/ready and the circuit breakers; links to Monitoring. */
export function HealthIndicator() {
  const ready = useGetReadinessQuery(undefined, { pollingInterval: 30000 });
  const deps = useGetSystemHealthQuery(undefined, { pollingInterval: 30000 });
  const level = overallLevel(ready.data, !!ready.error && !ready.data, deps.data?.dependencies);
  return (
    <Tooltip title="Open monitoring">
      <Link
        component={RouterLink}
        to={paths.monitoring.getHref()}
        underline="none"
        aria-label={`System health: ${TEXT[level]}`}
      >
        <StatusChip status={level} colors={healthColors[level]} label={TEXT[level]} />
      </Link>
    </Tooltip>
  );
}
