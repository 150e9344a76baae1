import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';

import type { Store } from '@/api/generated/openapi';
import {
  bothChanged,
  formatSegments,
  type FieldDiff,
} from '@/features/stores/utils/store-form-mapping';
import { formatDateTime, formatValue } from '@/utils/format';

function show(field: string, v: unknown): string {
  return field === 'networkPlan' ? formatSegments(v) : formatValue(v);
}

export type Picks = Record<string, 'mine' | 'theirs'>;

/** What a row of the merge saves: theirs, mine, or the user's pick where both changed. */
function Outcome({
  diff,
  pick,
  onPick,
  disabled,
}: {
  diff: FieldDiff;
  pick: 'mine' | 'theirs' | undefined;
  onPick: (pick: 'mine' | 'theirs') => void;
  disabled: boolean;
}) {
  if (!bothChanged(diff)) {
    return diff.changedByMe ? (
      <Chip size="small" color="primary" variant="outlined" label="yours" />
    ) : (
      <Chip size="small" variant="outlined" label="theirs" />
    );
  }
  return (
    <RadioGroup
      row
      aria-label={`Keep for ${diff.label}`}
      value={pick ?? ''}
      onChange={(e) => onPick(e.target.value as 'mine' | 'theirs')}
    >
      <FormControlLabel
        value="theirs"
        control={<Radio size="small" />}
        label="Theirs"
        disabled={disabled}
      />
      <FormControlLabel
        value="mine"
        control={<Radio size="small" />}
        label="Yours"
        disabled={disabled}
      />
    </RadioGroup>
  );
}

/**
 * Shown when a save answered 412: someone saved a newer version first. A three-way merge: per
 * field, the version both started from, theirs and the user's. Fields only one side changed
 * take that side's value (so nothing of theirs is reverted by accident); where both changed,
 * the user picks. The merge is saved on their version, with its If-Match.
 */
export function ConflictDialog({
  open,
  theirs,
  diffs,
  busy,
  onReloadTheirs,
  onSaveMerged,
  onCancel,
}: {
  open: boolean;
  theirs: Store | null;
  diffs: FieldDiff[];
  busy: boolean;
  onReloadTheirs: () => void;
  onSaveMerged: (picks: Picks) => void;
  onCancel: () => void;
}) {
  const [picks, setPicks] = useState<Picks>({});
  useEffect(() => setPicks({}), [diffs]);
  const toPick = diffs.filter(bothChanged);
  const unpicked = toPick.filter((d) => !picks[d.field]).length;
  const mineCount = diffs.filter((d) => d.changedByMe).length;
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onCancel}
      maxWidth="lg"
      fullWidth
      aria-labelledby="conflict-title"
    >
      <DialogTitle id="conflict-title">This store was changed by someone else</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {theirs
            ? `${theirs.updatedBy} saved version ${theirs.version} at ${formatDateTime(theirs.updatedAt)} while you were editing.`
            : 'A newer version was saved while you were editing.'}{' '}
          Nothing of yours has been saved yet. Saving the merge keeps their changes and adds yours
          {toPick.length
            ? `; where you both changed a field, choose which to keep (${toPick.length}).`
            : '.'}
        </Alert>
        {diffs.length === 0 ? (
          <Typography>
            Your edit and theirs are the same; saving changes nothing visible.
          </Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Their version, yours and what the merge saves">
              <TableHead>
                <TableRow>
                  <TableCell>Field</TableCell>
                  <TableCell>Before</TableCell>
                  <TableCell>Theirs (saved)</TableCell>
                  <TableCell>Yours (unsaved)</TableCell>
                  <TableCell>Merge keeps</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {diffs.map((d) => (
                  <TableRow key={d.field}>
                    <TableCell component="th" scope="row">
                      {d.label}
                    </TableCell>
                    <TableCell>{show(d.field, d.base)}</TableCell>
                    <TableCell>
                      {show(d.field, d.theirs)}{' '}
                      {d.changedByThem ? (
                        <Chip size="small" label="changed by them" variant="outlined" />
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {show(d.field, d.mine)}{' '}
                      {d.changedByMe ? (
                        <Chip size="small" label="changed by you" variant="outlined" />
                      ) : null}
                    </TableCell>
                    <TableCell>
                      <Outcome
                        diff={d}
                        pick={picks[d.field]}
                        disabled={busy}
                        onPick={(pick) => setPicks((p) => ({ ...p, [d.field]: pick }))}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button onClick={onCancel} disabled={busy}>
          Keep editing
        </Button>
        <Button variant="outlined" onClick={onReloadTheirs} disabled={busy}>
          Reload theirs
        </Button>
        <Button
          variant="contained"
          onClick={() => onSaveMerged(picks)}
          disabled={busy || !theirs || unpicked > 0 || mineCount === 0}
        >
          {unpicked > 0 ? `Choose ${unpicked} more` : 'Save merged version'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
