import { Alert, Box, Card, Grid, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';

import type { Rollout } from '@/api/generated/openapi';
import { RolloutProgress } from '@/features/rollouts/components/rollout-status';
import { totalOf, waveText } from '@/features/rollouts/utils/rollout-rules';
import { formatDateTime, formatRelative, humanize } from '@/utils/format';

/** The time now, again every `everyMs` while `active` (for "in 2 minutes"). */
function useNow(active: boolean, everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [active, everyMs]);
  return now;
}

function Figure({ label, value }: { label: string; value: string | number }) {
  return (
    <Box>
      <Typography component="p" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="p" variant="body2" sx={{ m: 0 }}>
        {value}
      </Typography>
    </Box>
  );
}

/**
 * What the rollout is waiting for, in words: the next wave's time (and how long until it), a
 * resume, a decision after a halt; null while a wave runs or once it is over.
 */
export function waitingText(r: Rollout, now: number): string | null {
  if (r.status === 'paused') {
    // After its canary: no store past the canary has started yet (the service then names
    // wave 2, the one waiting to start, as the current wave).
    const afterCanary =
      r.pauseAfterCanary &&
      r.canarySize > 0 &&
      r.items.every((i) => (i.wave === 1 ? i.status === 'succeeded' : i.status === 'pending'));
    return afterCanary
      ? 'The canary is done: the next wave starts when someone resumes the rollout.'
      : 'Paused: no more stores start until someone resumes the rollout.';
  }
  if (r.status === 'running' && r.nextWaveAt) {
    const at = Date.parse(r.nextWaveAt);
    const soon = at <= now ? 'any moment now' : formatRelative(r.nextWaveAt, now);
    return `Next wave (${r.currentWave} of ${r.waves}) at ${formatDateTime(r.nextWaveAt)}, ${soon}.`;
  }
  return null;
}

/** The rollout's state: why it halted, what it waits for, its progress, waves and settings. */
export function RolloutSummary({ rollout: r }: { rollout: Rollout }) {
  const now = useNow(r.nextWaveAt !== null);
  const waiting = waitingText(r, now);
  return (
    <Stack spacing={2}>
      {r.status === 'halted' ? (
        <Alert severity="error" role="alert">
          Halted by itself: {r.haltedReason ?? 'the failure limit was crossed'}. Retry the failed
          stores, or abort the rollout.
        </Alert>
      ) : null}
      {waiting ? (
        <Alert severity="info" role="status">
          {waiting}
        </Alert>
      ) : null}
      <Card component="section" aria-labelledby="rollout-progress">
        <Typography id="rollout-progress" component="h2" variant="h6" sx={{ mb: 1.5 }}>
          Progress
        </Typography>
        <Stack spacing={2}>
          <RolloutProgress counts={r.counts} label={`Progress of ${r.name}`} />
          <Grid container spacing={2}>
            {(
              [
                ['Stores', totalOf(r.counts)],
                ['Succeeded', r.counts.succeeded],
                ['Failed', r.counts.failed],
                ['Running', r.counts.running],
                ['Pending', r.counts.pending],
                ['Cancelled', r.counts.cancelled],
              ] as const
            ).map(([label, value]) => (
              <Grid key={label} size={{ xs: 4, sm: 2 }}>
                <Figure label={label} value={value} />
              </Grid>
            ))}
          </Grid>
          <Grid container spacing={2}>
            <Grid size={{ xs: 6, sm: 3 }}>
              <Figure label="Wave" value={waveText(r)} />
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}>
              <Figure
                label="Canary"
                value={
                  r.canarySize > 0
                    ? `${r.canarySize} ${r.canarySize === 1 ? 'store' : 'stores'}${r.pauseAfterCanary ? ', then a pause' : ''}`
                    : 'None'
                }
              />
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}>
              <Figure
                label="Batches"
                value={`${r.batchSize} stores${r.waitSeconds > 0 ? `, ${r.waitSeconds} s apart` : ''}`}
              />
            </Grid>
            <Grid size={{ xs: 6, sm: 3 }}>
              <Figure
                label="Failure limit"
                value={r.maxFailurePercent === 0 ? 'The first failure' : `${r.maxFailurePercent} %`}
              />
            </Grid>
          </Grid>
          <Typography variant="caption" color="text.secondary">
            {humanize(r.action)} · created {formatDateTime(r.createdAt)} by {r.createdBy} · updated{' '}
            {formatDateTime(r.updatedAt)}
          </Typography>
        </Stack>
      </Card>
    </Stack>
  );
}
