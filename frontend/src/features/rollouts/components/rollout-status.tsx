import { Stack, Typography } from '@mui/material';
import { styled } from '@mui/material/styles';

import type { RolloutCounts, RolloutItemStatus, RolloutStatus } from '@/api/generated/openapi';
import { StatusChip } from '@/components/ui/status-chip';
import { countsText, totalOf } from '@/features/rollouts/utils/rollout-rules';
import { statusColors, type ModeColors } from '@/theme/tokens';

// The status colours of tokens.ts (the map stays here, off the file every page loads).
const rolloutColors: Record<RolloutStatus, ModeColors> = {
  running: statusColors.provisioning,
  paused: statusColors.decommissioning,
  halted: statusColors.failed,
  aborted: statusColors.draft,
  completed: statusColors.active,
};

/** A rollout's stores, and the segments of its progress bar. */
const rolloutItemColors: Record<RolloutItemStatus, ModeColors> = {
  pending: statusColors.draft,
  running: statusColors.provisioning,
  succeeded: statusColors.active,
  failed: statusColors.failed,
  cancelled: statusColors.decommissioned,
};

export function RolloutStatusChip({
  status,
  size,
}: {
  status: RolloutStatus;
  size?: 'small' | 'medium';
}) {
  return <StatusChip status={status} colors={rolloutColors[status]} size={size} />;
}

export function RolloutItemStatusChip({ status }: { status: RolloutItemStatus }) {
  return <StatusChip status={status} colors={rolloutItemColors[status]} />;
}

const Track = styled('div')(({ theme }) => ({
  display: 'flex',
  height: 8,
  borderRadius: 4,
  overflow: 'hidden',
  backgroundColor: (theme.vars || theme).palette.action.selected,
}));

const Segment = styled('span', { shouldForwardProp: (p) => p !== 'colors' })<{
  colors: ModeColors;
}>(({ theme, colors }) => ({
  display: 'block',
  height: '100%',
  backgroundColor: colors.light.solid,
  ...theme.applyStyles('dark', { backgroundColor: colors.dark.solid }),
}));

/** The bar's segments, left to right; what is left of the track is the pending stores. */
const SEGMENTS = ['succeeded', 'failed', 'running', 'cancelled'] as const;

/**
 * How far a rollout is: one bar of its stores succeeded, failed, running and cancelled (the rest
 * of the track pending), and the same in words below it (colour is never alone).
 */
export function RolloutProgress({
  counts,
  label,
  showText = true,
}: {
  counts: RolloutCounts;
  /** The bar's accessible name, e.g. "Progress of Spring openings". */
  label: string;
  showText?: boolean;
}) {
  const total = totalOf(counts);
  const finished = counts.succeeded + counts.failed + counts.cancelled;
  const words = countsText(counts);
  return (
    <Stack spacing={0.5} sx={{ minWidth: 0 }}>
      <Track
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={finished}
        aria-valuetext={`${finished} of ${total} finished: ${words}`}
      >
        {total > 0
          ? SEGMENTS.filter((s) => counts[s] > 0).map((s) => (
              <Segment
                key={s}
                colors={rolloutItemColors[s]}
                style={{ width: `${(counts[s] / total) * 100}%` }}
              />
            ))
          : null}
      </Track>
      {showText ? (
        <Typography variant="caption" color="text.secondary">
          {finished} of {total} finished · {words}
        </Typography>
      ) : null}
    </Stack>
  );
}
