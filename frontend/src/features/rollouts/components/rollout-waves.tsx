import {
  Card,
  Chip,
  Link,
  Stack,
  TableCell,
  TableRow,
  Typography,
  useMediaQuery,
} from '@mui/material';
import { useTheme } from '@mui/material/styles';
import { Link as RouterLink } from 'react-router';

import type { Rollout, RolloutItem } from '@/api/generated/openapi';
import { PanelHeader, SimpleTable } from '@/components/ui/table-panel';
import { paths } from '@/config/paths';
import { RolloutItemStatusChip } from '@/features/rollouts/components/rollout-status';
import { countsText, groupByWave, type Wave } from '@/features/rollouts/utils/rollout-rules';
import { formatDateTime } from '@/utils/format';

function StoreLink({ item }: { item: RolloutItem }) {
  return (
    <Link component={RouterLink} to={paths.storeDetail.getHref(item.storeId)}>
      {item.code}
    </Link>
  );
}

/** When the store's latest attempt started and ended. */
function when(item: RolloutItem): string {
  if (!item.startedAt) return '—';
  return item.finishedAt
    ? `${formatDateTime(item.startedAt)} – ${formatDateTime(item.finishedAt)}`
    : `since ${formatDateTime(item.startedAt)}`;
}

function WaveTable({ wave }: { wave: Wave }) {
  return (
    <SimpleTable
      label={`${wave.label}: stores`}
      headers={['Store', 'Name', 'Status', 'Attempts', 'Error', 'Started – finished']}
    >
      {wave.items.map((i) => (
        <TableRow key={i.storeId}>
          <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
            <StoreLink item={i} />
          </TableCell>
          <TableCell>{i.name}</TableCell>
          <TableCell>
            <RolloutItemStatusChip status={i.status} />
          </TableCell>
          <TableCell>{i.attempts}</TableCell>
          <TableCell sx={{ minWidth: 200, maxWidth: 360, overflowWrap: 'anywhere' }}>
            {i.error ?? '—'}
          </TableCell>
          <TableCell sx={{ minWidth: 160 }}>{when(i)}</TableCell>
        </TableRow>
      ))}
    </SimpleTable>
  );
}

/** A phone's or a tablet's wave: one line a store, its error below it. */
function WaveList({ wave }: { wave: Wave }) {
  return (
    <Stack
      component="ul"
      aria-label={`${wave.label}: stores`}
      spacing={1.5}
      sx={{ listStyle: 'none', p: 0, m: 0 }}
    >
      {wave.items.map((i) => (
        <li key={i.storeId}>
          <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
            <Typography variant="body2" component="span" sx={{ minWidth: 0 }}>
              <StoreLink item={i} /> {i.name}
            </Typography>
            <RolloutItemStatusChip status={i.status} />
          </Stack>
          <Typography variant="caption" color="text.secondary" component="div">
            {i.attempts === 1 ? '1 attempt' : `${i.attempts} attempts`}
            {i.startedAt ? ` · ${when(i)}` : ''}
          </Typography>
          {i.error ? (
            <Typography
              variant="caption"
              color="error"
              component="div"
              sx={{ overflowWrap: 'anywhere' }}
            >
              {i.error}
            </Typography>
          ) : null}
        </li>
      ))}
    </Stack>
  );
}

/** Every store of the rollout by wave (wave 1 "Canary" when it has one), its result and error. */
export function RolloutWaves({ rollout }: { rollout: Rollout }) {
  // Six columns need a desktop's width: below it, a list (a tablet's table squeezed the errors).
  const theme = useTheme();
  const narrow = useMediaQuery(theme.breakpoints.down('md'), { noSsr: true });
  const waves = groupByWave(rollout.items, rollout.canarySize);
  return (
    <Stack spacing={2}>
      {waves.map((w) => {
        const titleId = `wave-${w.wave}`;
        const current = w.wave === rollout.currentWave && rollout.status !== 'completed';
        return (
          <Card key={w.wave} component="section" aria-labelledby={titleId}>
            <PanelHeader
              title={w.label}
              titleId={titleId}
              actions={
                current ? <Chip size="small" color="primary" label="Current wave" /> : undefined
              }
            />
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {w.items.length === 1 ? '1 store' : `${w.items.length} stores`}:{' '}
              {countsText(w.counts)}
            </Typography>
            {narrow ? <WaveList wave={w} /> : <WaveTable wave={w} />}
          </Card>
        );
      })}
    </Stack>
  );
}
