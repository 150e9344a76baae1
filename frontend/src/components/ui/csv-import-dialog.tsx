import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  TableCell,
  TableRow,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';

import type { ImportResult } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { SimpleTable } from '@/components/ui/table-panel';

/** Rejected rows first (what needs fixing), each group in file order. */
function rejectedFirst(rows: ImportResult['rows']): ImportResult['rows'] {
  return [...rows].sort(
    (a, b) => Number(a.status === 'created') - Number(b.status === 'created') || a.row - b.row,
  );
}

/**
 * Picks a CSV file, sends it with `onImport`, and shows the service's answer row by row:
 * what was created and why each rejected row was refused (the service imports each row on
 * its own, so a rejected row leaves nothing half-written).
 */
export function CsvImportDialog({
  open,
  onClose,
  title,
  columns,
  onImport,
  busy,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The header row the service expects, shown as a hint. */
  columns: string;
  onImport: (csv: string) => Promise<ImportResult>;
  busy: boolean;
}) {
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setFile(null);
    setResult(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!file) return;
    setError(null);
    try {
      setResult(await onImport(await file.text()));
    } catch (err) {
      setError(problemMessage(toProblem(err)));
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      maxWidth="md"
      fullWidth
      aria-labelledby={`${inputId}-title`}
    >
      <DialogTitle id={`${inputId}-title`}>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            A CSV file with a header row: <code>{columns}</code>
          </Typography>
          <Stack
            direction="row"
            spacing={1.5}
            sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}
          >
            <Button component="label" variant="outlined" startIcon={<UploadFileRounded />}>
              Choose file
              <input
                id={inputId}
                type="file"
                accept=".csv,text/csv"
                hidden
                aria-label="CSV file"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setResult(null);
                }}
              />
            </Button>
            <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
              {file ? file.name : 'No file chosen'}
            </Typography>
          </Stack>
          {error ? <Alert severity="error">{error}</Alert> : null}
          {result ? (
            <>
              <Alert severity={result.rejected ? 'warning' : 'success'} role="status">
                {result.created} created, {result.rejected} rejected.
              </Alert>
              <Box
                sx={{ maxHeight: 360, overflow: 'auto' }}
                tabIndex={0}
                aria-label="Import results"
              >
                <SimpleTable label="Import results" headers={['Line', 'Key', 'Result', 'Errors']}>
                  {rejectedFirst(result.rows).map((r) => (
                    <TableRow key={r.row}>
                      <TableCell>{r.row}</TableCell>
                      <TableCell sx={{ overflowWrap: 'anywhere' }}>{r.key}</TableCell>
                      <TableCell>{r.status === 'created' ? 'Created' : 'Rejected'}</TableCell>
                      <TableCell sx={{ overflowWrap: 'anywhere' }}>
                        {r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}
                      </TableCell>
                    </TableRow>
                  ))}
                </SimpleTable>
              </Box>
            </>
          ) : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{result ? 'Close' : 'Cancel'}</Button>
        <Button variant="contained" disabled={!file || busy} onClick={() => void submit()}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
