import { Button, Paper, Typography } from '@mui/material';
import { memo } from 'react';

import type { RolloutAction } from '@/api/generated/openapi';
import { WithReason } from '@/components/ui/with-reason';
import { ExportButton } from '@/features/stores/components/export-button';
import { useTransitionPermission } from '@/lib/authorization';

/** The most ids GET /api/stores/export.csv takes in `ids` (its maxItems in docs/openapi.json). */
export const MAX_EXPORT_IDS = 100;

/** A rollout of the selected stores to set up: its action and the stores, with their codes. */
export interface BulkRollout {
  action: RolloutAction;
  stores: { id: string; label: string }[];
}

/**
 * What the selected stores can be given: a rollout (Provision, Decommission — a persistent job
 * in waves with each store's result, set up in the new-rollout dialog the page opens through
 * `onRollout`), and an export.
 * Memoised: renders again only when the selection (or the list's sort) changes.
 */
export const BulkActions = memo(function BulkActions({
  selection,
  sort,
  codeOf,
  onDone,
  onRollout,
}: {
  selection: string[];
  /** The list's sort: the exported selection comes in the same order. */
  sort?: string;
  codeOf: (id: string) => string;
  onDone: () => void;
  onRollout: (rollout: BulkRollout) => void;
}) {
  const permission = useTransitionPermission();
  const provisionReason = permission('provision').reason;
  const decommissionReason = permission('decommission').reason;
  const rollout = (action: RolloutAction) =>
    onRollout({ action, stores: selection.map((id) => ({ id, label: codeOf(id) })) });

  if (selection.length === 0) return null;
  return (
    <Paper
      variant="outlined"
      role="region"
      aria-label="Bulk actions"
      sx={{ p: 1, px: 2, display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}
    >
      <Typography variant="body2" sx={{ mr: 'auto', fontWeight: 600 }}>
        {selection.length} selected
      </Typography>
      <WithReason reason={provisionReason}>
        <Button
          size="small"
          variant="contained"
          onClick={() => rollout('provision')}
          disabled={provisionReason !== null}
        >
          Provision
        </Button>
      </WithReason>
      <WithReason reason={decommissionReason}>
        <Button
          size="small"
          variant="outlined"
          color="error"
          onClick={() => rollout('decommission')}
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
  );
});
