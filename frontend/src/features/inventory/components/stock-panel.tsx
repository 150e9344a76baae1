import AddRounded from '@mui/icons-material/AddRounded';
import SearchRounded from '@mui/icons-material/SearchRounded';
import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import {
  Button,
  Card,
  InputAdornment,
  MenuItem,
  Stack,
  TableCell,
  TablePagination,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
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
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { FormDialog } from '@/components/ui/form-dialog';
import { LoadingState } from '@/components/ui/loading-state';
import { SimpleTable } from '@/components/ui/table-panel';
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
      <Stack
        direction="row"
        sx={{
          justifyContent: 'space-between',
          alignItems: 'center',
          mb: 1.5,
          gap: 1,
          flexWrap: 'wrap',
        }}
      >
        <Typography component="h2" variant="h6">
          Stock
        </Typography>
        {canWrite ? (
          <Stack direction="row" sx={{ gap: 1, flexWrap: 'wrap' }}>
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
          </Stack>
        ) : null}
      </Stack>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={1.5} sx={{ mb: 1.5 }}>
        <TextField
          label="Serial"
          type="search"
          size="small"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          slotProps={{
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchRounded fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
          sx={{ minWidth: 200 }}
        />
        <TextField
          select
          size="small"
          label="Status"
          value={status}
          onChange={(e) => filter(setStatus)(e.target.value as ItemStatus | '')}
          sx={{ minWidth: 150 }}
        >
          <MenuItem value="">Any status</MenuItem>
          {itemStatusValues.map((s) => (
            <MenuItem key={s} value={s}>
              {humanize(s)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Kind"
          value={kind}
          onChange={(e) => filter(setKind)(e.target.value as HardwareKind | '')}
          sx={{ minWidth: 150 }}
        >
          <MenuItem value="">Any kind</MenuItem>
          {hardwareKindValues.map((k) => (
            <MenuItem key={k} value={k}>
              {humanize(k)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          size="small"
          label="Model"
          value={modelId}
          onChange={(e) => filter(setModelId)(e.target.value)}
          sx={{ minWidth: 180 }}
        >
          <MenuItem value="">Any model</MenuItem>
          {(models.data?.items ?? []).map((m) => (
            <MenuItem key={m.id} value={m.id}>
              {modelName(m)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {items.isLoading ? (
        <LoadingState label="Loading stock" rows={5} />
      ) : items.error ? (
        <ErrorState error={items.error} onRetry={() => void items.refetch()} />
      ) : !items.data?.items.length ? (
        <EmptyState
          title={status || kind || modelId || q ? 'No matching items' : 'No stock yet'}
          description={
            status || kind || modelId || q
              ? 'Change the filters or the search.'
              : 'Import a CSV of serials or add items one by one.'
          }
        />
      ) : (
        <>
          <SimpleTable label="Stock items" headers={['Serial', 'Kind', 'Model', 'Status', 'Store']}>
            {items.data.items.map((i) => (
              <TableRow key={i.id} hover>
                <TableCell
                  component="th"
                  scope="row"
                  sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}
                >
                  {i.serial}
                </TableCell>
                <TableCell>{humanize(i.kind)}</TableCell>
                <TableCell>{modelName(modelsById.get(i.modelId))}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{humanize(i.status)}</TableCell>
                <TableCell>{i.storeId ? renderStore(i.storeId) : '—'}</TableCell>
              </TableRow>
            ))}
          </SimpleTable>
          <TablePagination
            component="div"
            count={items.data.total}
            page={page}
            onPageChange={(_e, p) => setPage(p)}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onRowsPerPageChange={(e) => {
              setPageSize(Number(e.target.value));
              setPage(0);
            }}
          />
        </>
      )}
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
