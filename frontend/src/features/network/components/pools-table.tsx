import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import {
  Alert,
  Box,
  Card,
  IconButton,
  LinearProgress,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useState } from 'react';

import type { AddressPool } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { QueryTable } from '@/components/ui/table-panel';
import { useDeletePoolMutation, useListPoolsQuery } from '@/features/network/api/pools-api';
import { humanize, formatNumber } from '@/utils/format';

function Utilisation({ pool }: { pool: AddressPool }) {
  const ratio = pool.capacity ? pool.usedSegments / pool.capacity : 0;
  const percent = Math.round(ratio * 100);
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="caption" component="div">
        {formatNumber(pool.usedSegments)} used · {formatNumber(pool.freeSegments)} free of{' '}
        {formatNumber(pool.capacity)}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={ratio >= 0.9 ? 'error' : ratio >= 0.7 ? 'warning' : 'primary'}
        aria-label={`${pool.cidr} ${percent}% used`}
        sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
      />
    </Box>
  );
}

/** The address pools with their utilisation; admins may delete an unused pool. */
export function PoolsTable({ canManage }: { canManage: boolean }) {
  const query = useListPoolsQuery();
  const [deletePool, { isLoading: deleting }] = useDeletePoolMutation();
  const [toDelete, setToDelete] = useState<AddressPool | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  return (
    <Card sx={{ p: 0 }}>
      {deleteError ? (
        <Alert severity="error" onClose={() => setDeleteError(null)} sx={{ m: 2 }}>
          {deleteError}
        </Alert>
      ) : null}
      <QueryTable
        query={query}
        label="Address pools"
        headers={[
          'CIDR',
          'Utilisation',
          'Purpose',
          'Segment size',
          ...(canManage ? [{ label: 'Actions', align: 'right' } as const] : []),
        ]}
        loadingLabel="Loading address pools"
        loadingRows={4}
        errorTitle="Could not load address pools"
        empty={{
          title: 'No address pools',
          description:
            "Provisioning carves each store's segments from a pool of its purpose: add one pool per purpose.",
        }}
      >
        {(pools) =>
          pools.map((p) => (
            <TableRow key={p.id} hover>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                {p.cidr}
              </TableCell>
              <TableCell>
                <Utilisation pool={p} />
              </TableCell>
              <TableCell>{humanize(p.purpose)}</TableCell>
              <TableCell>/{p.segmentPrefix}</TableCell>
              {canManage ? (
                <TableCell align="right">
                  <Tooltip
                    title={p.usedSegments ? 'Segments of this pool are in use' : 'Delete pool'}
                  >
                    <span>
                      <IconButton
                        aria-label={`Delete pool ${p.cidr}`}
                        onClick={() => setToDelete(p)}
                      >
                        <DeleteOutlineRounded />
                      </IconButton>
                    </span>
                  </Tooltip>
                </TableCell>
              ) : null}
            </TableRow>
          ))
        }
      </QueryTable>
      <ConfirmDialog
        open={toDelete !== null}
        title={`Delete pool ${toDelete?.cidr ?? ''}?`}
        confirmLabel="Delete"
        destructive
        busy={deleting}
        onCancel={() => setToDelete(null)}
        onConfirm={async () => {
          if (toDelete) {
            try {
              await deletePool(toDelete.id).unwrap();
              setDeleteError(null);
            } catch (err) {
              setDeleteError(problemMessage(toProblem(err)));
            }
          }
          setToDelete(null);
        }}
      >
        New stores can no longer get segments from it. A pool that segments still use cannot be
        deleted.
      </ConfirmDialog>
    </Card>
  );
}
