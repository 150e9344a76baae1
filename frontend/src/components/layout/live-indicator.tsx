import { Tooltip } from '@mui/material';
import { useSelector } from 'react-redux';

import { selectLiveStatus } from '@/api/live-updates';
import { StatusChip } from '@/components/ui/status-chip';
import { healthColors } from '@/theme/tokens';

const LABELS = { online: 'Live', connecting: 'Connecting…', offline: 'Offline' } as const;

export function LiveIndicator() {
  const status = useSelector(selectLiveStatus);
  const colors =
    status === 'online'
      ? healthColors.ok
      : status === 'connecting'
        ? healthColors.degraded
        : healthColors.down;
  const tip =
    status === 'online'
      ? 'Receiving live updates'
      : status === 'connecting'
        ? 'Connecting to live updates'
        : 'Live updates unavailable — data refreshes when you reload or act';
  return (
    <Tooltip title={tip}>
      <span role="status" aria-label={`Live updates: ${LABELS[status]}`}>
        <StatusChip status={status} colors={colors} label={LABELS[status]} />
      </span>
    </Tooltip>
  );
}
