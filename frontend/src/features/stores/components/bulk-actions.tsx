import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { memo, useState } from 'react';

import { toProblem } from '@/api/problem';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { useBulkStoresMutation } from '@/features/stores/api/stores-api';
import type { BulkAction, BulkItemResult } from '@/types/api';
import { humanize } from '@/utils/format';

const ACTION_TEXT: Record<BulkAction, { verb: string; detail: string }> = {
  activate: {
    verb: 'Activate',
    detail: 'Each draft or failed store starts its own provisioning run.',
  },
  decommission: {
    verb: 'Decommission',
    detail: 'Each active or failed store releases its network and hardware. This cannot be undone.',
  },
};

/** Memoised: renders again only when the selection changes. */
export const BulkActions = memo(function BulkActions({
  selection,
  codeOf,
  onDone,
}: {
  selection: string[];
  codeOf: (id: string) => string;
  onDone: () => void;
}) {
  const [pending, setPending] = useState<BulkAction | null>(null);
  const [results, setResults] = useState<BulkItemResult[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bulk, { isLoading }] = useBulkStoresMutation();

  const run = async () => {
    if (!pending) return;
    try {
      const r = await bulk({ action: pending, ids: selection }).unwrap();
      setResults(r);
      setError(null);
    } catch (err) {
      setError(err);
      setResults([]);
    }
    setPending(null);
  };

  const close = () => {
    setResults(null);
    setError(null);
    onDone();
  };

  const accepted = results?.filter((r) => r.ok).length ?? 0;
  return (
    <>
      {selection.length > 0 ? (
        <Paper
          variant="outlined"
          role="region"
          aria-label="Bulk actions"
          sx={{ p: 1, px: 2, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
        >
          <Typography variant="body2" sx={{ mr: 'auto', fontWeight: 600 }}>
            {selection.length} selected
          </Typography>
          <Button size="small" variant="contained" onClick={() => setPending('activate')}>
            Activate
          </Button>
          <Button
            size="small"
            variant="outlined"
            color="error"
            onClick={() => setPending('decommission')}
          >
            Decommission
          </Button>
          <Button size="small" onClick={onDone}>
            Clear selection
          </Button>
        </Paper>
      ) : null}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${ACTION_TEXT[pending].verb} ${selection.length} stores?` : ''}
        confirmLabel={pending ? ACTION_TEXT[pending].verb : 'Confirm'}
        destructive={pending === 'decommission'}
        busy={isLoading}
        onCancel={() => setPending(null)}
        onConfirm={() => void run()}
      >
        {pending ? ACTION_TEXT[pending].detail : ''}
      </ConfirmDialog>
      <Dialog
        open={results !== null}
        onClose={close}
        maxWidth="sm"
        fullWidth
        aria-labelledby="bulk-results-title"
      >
        <DialogTitle id="bulk-results-title">Bulk action results</DialogTitle>
        <DialogContent>
          {error ? (
            <ErrorState
              error={error}
              title="The bulk action failed"
              notAvailableText={
                toProblem(error).status === 404
                  ? 'Bulk actions are not available on this server yet (POST /api/stores/bulk answered 404).'
                  : undefined
              }
            />
          ) : (
            <Stack spacing={2}>
              <Alert severity={accepted === results?.length ? 'success' : 'warning'}>
                {accepted} of {results?.length ?? 0} accepted.
              </Alert>
              <Table size="small" aria-label="Result per store">
                <TableHead>
                  <TableRow>
                    <TableCell>Store</TableCell>
                    <TableCell>Result</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {results?.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>{codeOf(r.id)}</TableCell>
                      <TableCell>
                        {humanize(r.result)}
                        {r.reason ? ` — ${r.reason}` : ''}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} variant="contained">
            Close
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
});
