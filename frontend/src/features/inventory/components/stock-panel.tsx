import AddRounded from '@mui/icons-material/AddRounded';
import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import { Button, Card, MenuItem, Stack, TableCell, TableRow, TextField } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';

import {
  hardwareKindValues,
  itemStatusValues,
  type HardwareKind,
  type HardwareModel,
  type ItemStatus,
} from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { CsvImportDialog } from '@/components/ui/csv-import-dialog';
import { SearchField, SelectFilter } from '@/components/ui/filter-fields';
import { FormDialog } from '@/components/ui/form-dialog';
import { PanelHeader, QueryTable } from '@/components/ui/table-panel';
import {
  useCreateItemMutation,
  useImportItemsMutation,
  useListItemsQuery,
  useListModelsQuery,
  type ItemQuery,
} from '@/features/inventory/api/inventory-api';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { humanize } from '@/utils/format';

const PAGE_SIZES = [25, 50, 100];

function modelName(m: HardwareModel | undefined): string {
  return m ? `${m.vendor} ${m.model}` : '—';
}

function AddItemDialog({
  open,
  onClose,
  models,
}: {
  open: boolean;
  onClose: () => void;
  models: HardwareModel[];
}) {
  const [createItem, { isLoading }] = useCreateItemMutation();
  const [serial, setSerial] = useState('');
  const [modelId, setModelId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setSerial('');
    setModelId('');
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!/^[A-Za-z0-9._/-]{3,64}$/.test(serial.trim()) || !modelId) {
      setError('A serial of 3 to 64 letters, digits or - _ . / and a model are required.');
      return;
    }
    try {
      await createItem({ serial: serial.trim(), modelId }).unwrap();
      close();
    } catch (err) {
      setError(problemMessage(toProblem(err)));
    }
  };
  return (
    <FormDialog
      open={open}
      onClose={close}
      title="New stock item"
      submitLabel="Add item"
      busy={isLoading}
      error={error}
      onSubmit={() => void submit()}
    >
      <TextField
        label="Serial"
        required
        autoComplete="off"
        value={serial}
        onChange={(e) => setSerial(e.target.value)}
      />
      <TextField
        select
        required
        label="Model"
        value={modelId}
        onChange={(e) => setModelId(e.target.value)}
        helperText={models.length ? undefined : 'Add a hardware model first'}
      >
        {models.map((m) => (
          <MenuItem key={m.id} value={m.id}>
            {humanize(m.kind)} — {modelName(m)}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}

/**
 * The stock: filtered by status, kind and model, searched by serial, paged; each allocated
 * item names the store that holds it (`renderStore`, given by the page).
 */
export function StockPanel({
  canWrite,
  renderStore,
}: {
  canWrite: boolean;
  renderStore: (storeId: string) => ReactNode;
}) {
  const [status, setStatus] = useState<ItemStatus | ''>('');
  const [kind, setKind] = useState<HardwareKind | ''>('');
  const [modelId, setModelId] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(25);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importItems, { isLoading: importBusy }] = useImportItemsMutation();
  const q = useDebouncedValue(search.trim());
  useEffect(() => setPage(0), [q]);
  const args: ItemQuery = { page: page + 1, pageSize };
  if (status) args.status = status;
  if (kind) args.kind = kind;
  if (modelId) args.modelId = modelId;
  if (q) args.q = q;
  const models = useListModelsQuery();
  const items = useListItemsQuery(args);
  const modelsById = new Map((models.data?.items ?? []).map((m) => [m.id, m]));
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(0);
    };
  return (
    <Card>
      <PanelHeader
        title="Stock"
        actions={
          canWrite ? (
            <>
              <Button
                size="small"
                startIcon={<UploadFileRounded />}
                onClick={() => setImporting(true)}
              >
                Import CSV
              </Button>
              <Button size="small" startIcon={<AddRounded />} onClick={() => setAdding(true)}>
                New item
              </Button>
            </>
          ) : null
        }
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ mb: 1.5 }}>
        <SearchField
          label="Serial"
          size="small"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          sx={{ minWidth: 200 }}
        />
        <SelectFilter
          size="small"
          label="Status"
          anyLabel="Any status"
          value={status}
          options={itemStatusValues}
          onChange={filter(setStatus)}
          minWidth={150}
        />
        <SelectFilter
          size="small"
          label="Kind"
          anyLabel="Any kind"
          value={kind}
          options={hardwareKindValues}
          onChange={filter(setKind)}
          minWidth={150}
        />
        <SelectFilter
          size="small"
          label="Model"
          anyLabel="Any model"
          value={modelId}
          options={(models.data?.items ?? []).map((m) => ({ value: m.id, label: modelName(m) }))}
          onChange={filter(setModelId)}
          minWidth={180}
        />
      </Stack>
      <QueryTable
        query={items}
        label="Stock items"
        headers={['Serial', 'Kind', 'Model', 'Status', 'Store']}
        loadingLabel="Loading stock"
        loadingRows={5}
        empty={
          status || kind || modelId || q
            ? { title: 'No matching items', description: 'Change the filters or the search.' }
            : {
                title: 'No stock yet',
                description: 'Import a CSV of serials or add items one by one.',
              }
        }
        paging={{
          page,
          pageSize,
          pageSizes: PAGE_SIZES,
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
      >
        {(rows) =>
          rows.map((i) => (
            <TableRow key={i.id} hover>
              <TableCell component="th" scope="row" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                {i.serial}
              </TableCell>
              <TableCell>{humanize(i.kind)}</TableCell>
              <TableCell>{modelName(modelsById.get(i.modelId))}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{humanize(i.status)}</TableCell>
              <TableCell>{i.storeId ? renderStore(i.storeId) : '—'}</TableCell>
            </TableRow>
          ))
        }
      </QueryTable>
      {canWrite ? (
        <>
          <AddItemDialog
            open={adding}
            onClose={() => setAdding(false)}
            models={models.data?.items ?? []}
          />
          <CsvImportDialog
            open={importing}
            onClose={() => setImporting(false)}
            title="Import stock"
            columns="serial,kind,vendor,model"
            busy={importBusy}
            onImport={(csv) => importItems(csv).unwrap()}
          />
        </>
      ) : null}
    </Card>
  );
}
