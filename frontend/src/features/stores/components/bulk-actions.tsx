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

import type { BulkResult } from '@/api/generated/openapi';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { WithReason } from '@/components/ui/with-reason';
import { useBulkStoresMutation, useGetStoreQuery } from '@/features/stores/api/stores-api';
import { ExportButton } from '@/features/stores/components/export-button';
import { useTransitionPermission } from '@/lib/authorization';

/** The most ids GET /api/stores/export.csv takes in `ids` (its maxItems in docs/openapi.json). */
export const MAX_EXPORT_IDS = 100;

type UiBulkAction = 'activate' | 'decommission';

const ACTION_TEXT: Record<UiBulkAction, { verb: string; detail: string }> = {
  activate: {
    verb: 'Activate',
    detail: 'Each draft or failed store starts its own provisioning run.',
  },
  decommission: {
    verb: 'Decommission',
    detail: 'Each active store releases its network and hardware. This cannot be undone.',
  },
};

/** Memoised: renders again only when the selection (or the list's sort) changes. */
export const BulkActions = memo(function BulkActions({
  selection,
  sort,
  codeOf,
  onDone,
}: {
  selection: string[];
  /** The list's sort: the exported selection comes in the same order. */
  sort?: string;
  codeOf: (id: string) => string;
  onDone: () => void;
}) {
  const [pending, setPending] = useState<UiBulkAction | null>(null);
  const [results, setResults] = useState<BulkResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bulk, { isLoading }] = useBulkStoresMutation();
  const permission = useTransitionPermission();
  const activateReason = permission('provision').reason;
  const decommissionReason = permission('decommission').reason;

  const run = async () => {
    if (!pending) return;
    try {
      const r = await bulk({ action: pending, ids: selection }).unwrap();
      setResults(r);
      setError(null);
    } catch (err) {
      setError(err);
      setResults({ action: pending, accepted: 0, rejected: 0, results: [] });
    }
    setPending(null);
  };

  const close = () => {
    setResults(null);
    setError(null);
    onDone();
  };

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
          <WithReason reason={activateReason}>
            <Button
              size="small"
              variant="contained"
              onClick={() => setPending('activate')}
              disabled={activateReason !== null}
            >
              Activate
            </Button>
          </WithReason>
          <WithReason reason={decommissionReason}>
            <Button
              size="small"
              variant="outlined"
              color="error"
              onClick={() => setPending('decommission')}
              disabled={decommissionReason !== null}
            >
              Decommission
            </Button>
          </WithReason>
          <ExportButton
            size="small"
            label="Export selection"
            filters={{ ids: selection, sort }}
            disabled={selection.length > MAX_EXPORT_IDS}
          />
          {selection.length > MAX_EXPORT_IDS ? (
            <Typography variant="caption" color="text.secondary">
              Export takes at most {MAX_EXPORT_IDS} stores: export the filtered list instead.
            </Typography>
          ) : null}
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
            <ErrorState error={error} title="The bulk action failed" />
          ) : (
            <Stack spacing={2}>
              <Alert severity={results?.rejected === 0 ? 'success' : 'warning'}>
                {results?.accepted ?? 0} of {results?.results.length ?? 0} accepted
                {results?.rejected ? `, ${results.rejected} refused` : ''}.
              </Alert>
              <Table size="small" aria-label="Result per store">
                <TableHead>
                  <TableRow>
                    <TableCell>Store</TableCell>
                    <TableCell>Result</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {results?.results.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>
                        <StoreLabel id={r.id} knownCode={codeOf(r.id)} />
                      </TableCell>
                      <TableCell>
                        {r.accepted ? 'Accepted' : 'Refused'}
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

/**
 * The store's code: from the list page when it is there, else fetched (a store selected on
 * another page); the raw id only for an id that names no store.
 */
function StoreLabel({ id, knownCode }: { id: string; knownCode: string }) {
  const known = knownCode !== id;
  const { data } = useGetStoreQuery(id, { skip: known });
  if (known) return <>{knownCode}</>;
  return <>{data ? `${data.code} (${data.name})` : id}</>;
}
