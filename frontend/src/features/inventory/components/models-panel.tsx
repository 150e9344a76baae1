import AddRounded from '@mui/icons-material/AddRounded';
import { Button, Card, MenuItem, TableCell, TableRow, TextField } from '@mui/material';
import { useState } from 'react';

import { hardwareKindValues, type HardwareKind } from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { FormDialog } from '@/components/ui/form-dialog';
import { PanelHeader, QueryTable } from '@/components/ui/table-panel';
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
  const query = useListModelsQuery();
  const [open, setOpen] = useState(false);
  const availableByKind = query.data?.availableByKind ?? {};
  return (
    <Card>
      <PanelHeader
        title="Hardware models"
        actions={
          canWrite ? (
            <Button size="small" startIcon={<AddRounded />} onClick={() => setOpen(true)}>
              New model
            </Button>
          ) : null
        }
      />
      <QueryTable
        query={query}
        label="Hardware models"
        headers={['Kind', 'Vendor', 'Model', 'In stock (kind)']}
        loadingLabel="Loading hardware models"
        empty={{
          title: 'No hardware models',
          description: 'A CSV import of stock adds the models it names.',
        }}
      >
        {(models) =>
          models.map((m) => (
            <TableRow key={m.id}>
              <TableCell>{humanize(m.kind)}</TableCell>
              <TableCell>{m.vendor}</TableCell>
              <TableCell sx={{ fontWeight: 600 }}>{m.model}</TableCell>
              <TableCell>{formatNumber(availableByKind[m.kind] ?? 0)}</TableCell>
            </TableRow>
          ))
        }
      </QueryTable>
      {canWrite ? <AddModelDialog open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}
