import AddRounded from '@mui/icons-material/AddRounded';
import {
  Button,
  Card,
  MenuItem,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';

import { hardwareKindValues, type HardwareKind } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { FormDialog } from '@/components/ui/form-dialog';
import { LoadingState } from '@/components/ui/loading-state';
import { SimpleTable } from '@/components/ui/table-panel';
import { useCreateModelMutation, useListModelsQuery } from '@/features/inventory/api/inventory-api';
import { humanize, formatNumber } from '@/utils/format';

function AddModelDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [createModel, { isLoading }] = useCreateModelMutation();
  const [kind, setKind] = useState<HardwareKind>('router');
  const [vendor, setVendor] = useState('');
  const [model, setModel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setVendor('');
    setModel('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!vendor.trim() || !model.trim()) {
      setError('Vendor and model are required.');
      return;
    }
    try {
      await createModel({ kind, vendor: vendor.trim(), model: model.trim() }).unwrap();
      close();
    } catch (err) {
      setError(problemMessage(toProblem(err)));
    }
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New hardware model"
      submitLabel="Add model"
      busy={isLoading}
      error={error}
      onSubmit={() => void submit()}
    >
      <TextField
        select
        label="Kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as HardwareKind)}
      >
        {hardwareKindValues.map((k) => (
          <MenuItem key={k} value={k}>
            {humanize(k)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        label="Vendor"
        required
        value={vendor}
        onChange={(e) => setVendor(e.target.value)}
      />
      <TextField label="Model" required value={model} onChange={(e) => setModel(e.target.value)} />
    </FormDialog>
  );
}

/** Hardware models, and how many items of each kind are in stock. */
export function ModelsPanel({ canWrite }: { canWrite: boolean }) {
  const { data, error, isLoading, refetch } = useListModelsQuery();
  const [open, setOpen] = useState(false);
  return (
    <Card>
      <Stack
        direction="row"
        sx={{
          justifyContent: 'space-between',
          alignItems: 'center',
          mb: 1,
          gap: 1,
          flexWrap: 'wrap',
        }}
      >
        <Typography component="h2" variant="h6">
          Hardware models
        </Typography>
        {canWrite ? (
          <Button size="small" startIcon={<AddRounded />} onClick={() => setOpen(true)}>
            New model
          </Button>
        ) : null}
      </Stack>
      {isLoading ? (
        <LoadingState label="Loading hardware models" rows={3} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : !data?.items.length ? (
        <EmptyState
          title="No hardware models"
          description="A CSV import of stock adds the models it names."
        />
      ) : (
        <SimpleTable
          label="Hardware models"
          headers={['Kind', 'Vendor', 'Model', 'In stock (kind)']}
        >
          {data.items.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{humanize(m.kind)}</TableCell>
              <TableCell>{m.vendor}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{m.model}</TableCell>
              <TableCell>{formatNumber(data.availableByKind[m.kind] ?? 0)}</TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      )}
      {canWrite ? <AddModelDialog open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
