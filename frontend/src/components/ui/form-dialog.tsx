import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
} from '@mui/material';
import { useId, type ReactNode } from 'react';

/**
 * For a dialog's `slotProps`: a dialog that keeps its height whatever its content does. An error
 * that goes when its field loses focus (the mousedown on the submit button) would otherwise
 * shrink a centred dialog and move the button from under the pointer before the mouseup: a
 * lost click. Its content scrolls; its actions stay at the bottom.
 */
export const STEADY_DIALOG = { paper: { sx: { height: 'calc(100% - 64px)' } } } as const;

/**
 * A small form in a dialog: title, an optional line of `intro`, an error above the fields,
 * Cancel and a submit button. Enter submits; `onSubmit` does the work and closes the dialog
 * itself when it succeeds.
 */
export function FormDialog({
  open,
  onClose,
  title,
  intro,
  submitLabel,
  busy,
  error,
  onSubmit,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  intro?: ReactNode;
  submitLabel: string;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth aria-labelledby={titleId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {intro ? <DialogContentText>{intro}</DialogContentText> : null}
            {error ? <Alert severity="error">{error}</Alert> : null}
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
