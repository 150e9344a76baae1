import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';

import type { Store } from '@/api/generated/openapi';
import { formatSegments, type FieldDiff } from '@/features/stores/utils/store-form-mapping';
import { formatDateTime, formatValue } from '@/utils/format';

function show(field: string, v: unknown): string {
  return field === 'networkPlan' ? formatSegments(v) : formatValue(v);
}

/**
 * Shown when a save answered 412: someone saved a newer version first. Lists, field by
 * field, their version next to the user's, and lets the user choose knowingly.
 */
export function ConflictDialog({
  open,
  theirs,
  diffs,
  busy,
  onReloadTheirs,
  onOverwrite,
  onCancel,
}: {
  open: boolean;
  theirs: Store | null;
  diffs: FieldDiff[];
  busy: boolean;
  onReloadTheirs: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onCancel}
      maxWidth="md"
      fullWidth
      aria-labelledby="conflict-title"
    >
      <DialogTitle id="conflict-title">This store was changed by someone else</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {theirs
            ? `${theirs.updatedBy} saved version ${theirs.version} at ${formatDateTime(theirs.updatedAt)} while you were editing.`
            : 'A newer version was saved while you were editing.'}{' '}
          Nothing of yours has been saved yet.
        </Alert>
        {diffs.length === 0 ? (
          <Typography>
            Your edit and theirs are the same; overwriting changes nothing visible.
          </Typography>
        ) : (
          <TableContainer>
            <Table size="small" aria-label="Differences between their version and yours">
              <TableHead>
                <TableRow>
                  <TableCell>Field</TableCell>
                  <TableCell>Theirs (saved)</TableCell>
                  <TableCell>Yours (unsaved)</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {diffs.map((d) => (
                  <TableRow key={d.field}>
                    <TableCell component="th" scope="row">
                      {d.label}
                    </TableCell>
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
          color="warning"
          onClick={onOverwrite}
          disabled={busy || !theirs}
        >
          Overwrite with mine
        </Button>
      </DialogActions>
    </Dialog>
  );
}
