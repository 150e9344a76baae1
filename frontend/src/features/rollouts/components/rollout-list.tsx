import { Button, Card, Link, Stack, TableCell, TableRow, Typography } from '@mui/material';
import { Link as RouterLink } from 'react-router';

import type { RolloutStatus, RolloutSummary } from '@/api/generated/openapi';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { LoadingState } from '@/components/ui/loading-state';
import { SimpleTable } from '@/components/ui/table-panel';
import { paths } from '@/config/paths';
import { useListRolloutsQuery } from '@/features/rollouts/api/rollouts-api';
import { RolloutProgress, RolloutStatusChip } from '@/features/rollouts/components/rollout-status';
import { waveText } from '@/features/rollouts/utils/rollout-rules';
import { useIsPhone } from '@/hooks/use-is-phone';
import { formatDateTime, formatNumber, humanize } from '@/utils/format';

/** Rollouts on the first screen; "Show more" takes the contract's most, 200. */
export const FIRST_LIMIT = 50;
const MAX_LIMIT = 200;

function Created({ r }: { r: RolloutSummary }) {
  return (
    <>
      {formatDateTime(r.createdAt)}
      <Typography variant="caption" color="text.secondary" component="div">
        by {r.createdBy}
      </Typography>
    </>
  );
}

function RolloutRows({ items }: { items: RolloutSummary[] }) {
  return (
    <SimpleTable
      label="Rollouts"
      headers={['Name', 'Action', 'Status', 'Progress', 'Wave', 'Created']}
    >
      {items.map((r) => (
        <TableRow key={r.id} hover>
          <TableCell component="th" scope="row" sx={{ maxWidth: 260 }}>
            <Link
              component={RouterLink}
              to={paths.rolloutDetail.getHref(r.id)}
              sx={{ overflowWrap: 'anywhere' }}
            >
              {r.name}
            </Link>
          </TableCell>
          <TableCell>{humanize(r.action)}</TableCell>
          <TableCell>
            <RolloutStatusChip status={r.status} />
          </TableCell>
          <TableCell sx={{ minWidth: 200 }}>
            <RolloutProgress counts={r.counts} label={`Progress of ${r.name}`} />
          </TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>{waveText(r)}</TableCell>
          <TableCell sx={{ whiteSpace: 'nowrap' }}>
            <Created r={r} />
          </TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

/**
 * A phone's list: one card a rollout, its name the link. (Not a CardActionArea: it would join
 * the chunk every page loads, shared with the store list's cards.)
 */
function RolloutCards({ items }: { items: RolloutSummary[] }) {
  return (
    <Stack component="ul" aria-label="Rollouts" spacing={1} sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {items.map((r) => (
        <Card component="li" key={r.id} sx={{ p: 1.5 }}>
          <Stack spacing={1}>
            <Stack
              direction="row"
              sx={{ justifyContent: 'space-between', alignItems: 'center', gap: 1 }}
            >
              <Link
                component={RouterLink}
                to={paths.rolloutDetail.getHref(r.id)}
                variant="subtitle2"
                sx={{ overflowWrap: 'anywhere' }}
              >
                {r.name}
              </Link>
              <RolloutStatusChip status={r.status} />
            </Stack>
            <Typography variant="body2" color="text.secondary" component="span">
              {humanize(r.action)} · wave {waveText(r)}
            </Typography>
            <RolloutProgress counts={r.counts} label={`Progress of ${r.name}`} />
            <Typography variant="caption" color="text.secondary" component="span">
              {formatDateTime(r.createdAt)} by {r.createdBy}
            </Typography>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

/** The rollouts (newest first), optionally of one status, as a table or, on a phone, cards. */
export function RolloutList({
  status,
  limit,
  onShowMore,
}: {
  status: RolloutStatus | undefined;
  limit: number;
  onShowMore: (limit: number) => void;
}) {
  const isPhone = useIsPhone();
  const { data, error, isLoading, refetch } = useListRolloutsQuery({ status, limit });
  if (isLoading) return <LoadingState label="Loading rollouts" rows={5} />;
  if (error || !data) {
    return (
      <ErrorState
        error={error}
        title="Could not load the rollouts"
        onRetry={() => void refetch()}
      />
    );
  }
  if (data.items.length === 0) {
    return (
      <Card>
        <EmptyState
          title={status ? `No ${status} rollout` : 'No rollouts yet'}
          description={
            status
              ? 'Choose another status, or all of them.'
              : 'A rollout provisions or decommissions many stores in waves: a canary first, then batches, stopping by itself above a failure rate.'
          }
        />
      </Card>
    );
  }
  return (
    <Stack spacing={1}>
      {isPhone ? (
        <RolloutCards items={data.items} />
      ) : (
        <Card sx={{ p: 0 }}>
          <RolloutRows items={data.items} />
        </Card>
      )}
      {data.total > data.items.length ? (
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            The newest {formatNumber(data.items.length)} of {formatNumber(data.total)}.
          </Typography>
          {limit < MAX_LIMIT ? (
            <Button size="small" onClick={() => onShowMore(MAX_LIMIT)}>
              Show more
            </Button>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
