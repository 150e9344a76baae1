import type { StoreStatus } from '@/api/generated/openapi';
import { StatusChip } from '@/components/ui/status-chip';
import { statusColors } from '@/theme/tokens';

export function StoreStatusChip({
  status,
  size,
}: {
  status: StoreStatus;
  size?: 'small' | 'medium';
}) {
  const colors = statusColors[status] ?? statusColors.draft;
  return <StatusChip status={status} colors={colors} size={size} />;
}
