import { zodResolver } from '@hookform/resolvers/zod';
import AddRounded from '@mui/icons-material/AddRounded';
import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import UploadFileRounded from '@mui/icons-material/UploadFileRounded';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  IconButton,
  Link,
  Stack,
  TableCell,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useId, useState } from 'react';
import { FormProvider, useFieldArray, useForm, type FieldErrors, type Path } from 'react-hook-form';
import { Link as RouterLink } from 'react-router';

import type {
  FieldError,
  ImportResult,
  Template,
  TemplateStoreSeed,
} from '@/api/generated/openapi';
import { problemMessage, toProblem } from '@/api/problem';
import { STEADY_DIALOG } from '@/components/ui/form-dialog';
import { SimpleTable } from '@/components/ui/table-panel';
import { paths } from '@/config/paths';
import { useCreateTemplateStoresMutation } from '@/features/stores/api/templates-api';
import { FormTextField } from '@/features/stores/components/form-text-field';
import {
  countrySchema,
  openingDateSchema,
  requiredText,
} from '@/features/stores/schemas/store-schema';
import { z } from '@/lib/zod';

// The columns of a typed row, in the order of the service's CSV (docs/openapi.json,
// POST /api/templates/{id}/stores): what differs per store; the rest comes from the template.
const COLUMNS = [
  ['code', 'Code'],
  ['name', 'Name'],
  ['address', 'Address'],
  ['city', 'City'],
  ['region', 'Region'],
  ['country', 'Country'],
  ['postalCode', 'Postal code'],
  ['timezone', 'Time zone'],
  ['openingDate', 'Opening date'],
] as const;
type Column = (typeof COLUMNS)[number][0];
const CSV_HEADER = COLUMNS.map(([c]) => c).join(',');

const rowSchema = z.object({
  code: requiredText(32),
  name: requiredText(120),
  address: requiredText(200),
  city: requiredText(100),
  region: requiredText(100),
  country: countrySchema,
  postalCode: requiredText(20),
  timezone: requiredText(32),
  openingDate: openingDateSchema,
});
const formSchema = z.object({ rows: z.array(rowSchema).min(1).max(1000) });
type Row = z.infer<typeof rowSchema>;
type Form = z.infer<typeof formSchema>;

const emptyRow = (): Row => ({
  code: '',
  name: '',
  address: '',
  city: '',
  region: '',
  country: '',
  postalCode: '',
  timezone: '',
  openingDate: '',
});

function toSeed(r: Row): TemplateStoreSeed {
  const t = (v: string) => v.trim();
  return {
    code: t(r.code),
    name: t(r.name),
    location: {
      address: t(r.address),
      city: t(r.city),
      region: t(r.region),
      country: t(r.country),
      postalCode: t(r.postalCode),
      timezone: t(r.timezone),
    },
    ...(t(r.openingDate) ? { openingDate: t(r.openingDate) } : {}),
  };
}

/** `stores[3].location.city` or `location.city` → the row's column (`city`), else null. */
export function seedColumn(field: string): Column | null {
  const f = field.replace(/^stores\[\d+\]\./, '').replace(/^location\./, '');
  return COLUMNS.some(([c]) => c === f) ? (f as Column) : null;
}

/** What a submission did: each row's result, with what was sent (a code, a CSV line). */
interface Outcome {
  key: string;
  row: number;
  created: boolean;
  id: string | null;
  errors: FieldError[];
}

function ResultTable({ outcomes }: { outcomes: Outcome[] }) {
  const created = outcomes.filter((o) => o.created).length;
  const rejected = outcomes.length - created;
  return (
    <>
      <Alert severity={rejected ? 'warning' : 'success'} role="status">
        {created} created, {rejected} rejected
        {rejected
          ? ': fix the rejected rows and create them again (the created ones are not sent again).'
          : '.'}
      </Alert>
      <Box sx={{ maxHeight: 320, overflow: 'auto' }}>
        <SimpleTable label="Results" headers={['Row', 'Code', 'Result', 'Errors']}>
          {outcomes.map((o, i) => (
            <TableRow key={`${i}-${o.row}-${o.key}`}>
              <TableCell>{o.row}</TableCell>
              <TableCell>
                {o.created && o.id ? (
                  <Link component={RouterLink} to={paths.storeDetail.getHref(o.id)}>
                    {o.key}
                  </Link>
                ) : (
                  o.key
                )}
              </TableCell>
              <TableCell>{o.created ? 'Created' : 'Rejected'}</TableCell>
              <TableCell sx={{ overflowWrap: 'anywhere' }}>
                {o.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}
              </TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      </Box>
    </>
  );
}

/** Removes the lines the service created (line numbers from 1, the header being 1). */
function withoutLines(csv: string, created: Set<number>): string {
  const lines = csv.split(/\r?\n/);
  return lines.filter((_, i) => !created.has(i + 1)).join('\n');
}

/**
 * Creates draft stores from a template: rows typed here, or a CSV (a file or pasted text).
 * Each row is created on its own (POST /api/templates/{id}/stores); the answer, row by row,
 * is shown, rejected rows keep their errors on their fields, and rows that were created are
 * taken out of what a second submission sends.
 */
export function CreateStoresDialog({
  open,
  onClose,
  template,
}: {
  open: boolean;
  onClose: () => void;
  template: Template;
}) {
  const titleId = useId();
  const fileId = useId();
  const [mode, setMode] = useState<'rows' | 'csv'>('rows');
  const [csv, setCsv] = useState(`${CSV_HEADER}\n`);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [createStores, { isLoading }] = useCreateTemplateStoresMutation();
  const methods = useForm<Form>({
    resolver: zodResolver(formSchema),
    defaultValues: { rows: [emptyRow()] },
    mode: 'onTouched',
  });
  const { control, handleSubmit, reset, setError: setFieldError, getValues } = methods;
  const { fields, append, remove } = useFieldArray({ control, name: 'rows' });

  const close = () => {
    reset({ rows: [emptyRow()] });
    setCsv(`${CSV_HEADER}\n`);
    setOutcomes([]);
    setError(null);
    onClose();
  };

  const send = async (body: { stores: TemplateStoreSeed[] } | { csv: string }) => {
    setError(null);
    try {
      return await createStores({ id: template.id, input: body }).unwrap();
    } catch (err) {
      const p = toProblem(err);
      // A request the service refused as a whole (a 422 names `stores[3].code`): nothing made.
      if (p.status === 422 && 'stores' in body) {
        let unmatched = 0;
        for (const e of p.errors) {
          const m = /^stores\[(\d+)\]\.(.+)$/.exec(e.field);
          const column = m ? seedColumn(m[2]) : null;
          if (m && column) {
            setFieldError(`rows.${Number(m[1])}.${column}` as Path<Form>, {
              type: 'server',
              message: e.message,
            });
          } else unmatched += 1;
        }
        if (unmatched === 0 && p.errors.length) return null;
      }
      setError(
        p.errors.length
          ? p.errors.map((e) => `${e.field}: ${e.message}`).join('; ')
          : problemMessage(p),
      );
      return null;
    }
  };

  // The rows created by earlier submissions stay listed; the rejected ones show their latest try.
  const record = (next: Outcome[]) =>
    setOutcomes((prev) => [
      ...next.filter((o) => !o.created),
      ...prev.filter((o) => o.created),
      ...next.filter((o) => o.created),
    ]);

  const submitRows = async (values: Form) => {
    const result = await send({ stores: values.rows.map(toSeed) });
    if (!result) return;
    const sent = getValues('rows');
    // `row` is the item's position in the list, from 1.
    const byRow = new Map(result.rows.map((r) => [r.row, r]));
    const remaining: { row: Row; errors: FieldError[] }[] = [];
    sent.forEach((row, i) => {
      const r = byRow.get(i + 1);
      if (!r || r.status !== 'created') remaining.push({ row, errors: r?.errors ?? [] });
    });
    record(outcomesOf(result, (n) => sent[n - 1]?.code.trim() ?? ''));
    reset({ rows: remaining.length ? remaining.map((x) => x.row) : [emptyRow()] });
    remaining.forEach(({ errors }, j) => {
      for (const e of errors) {
        const column = seedColumn(e.field);
        if (column) {
          setFieldError(`rows.${j}.${column}` as Path<Form>, {
            type: 'server',
            message: e.message,
          });
        }
      }
    });
  };

  // The fields are narrow: what stops the submission is also said above the rows, row by row.
  const showInvalid = (errors: FieldErrors<Form>) => {
    const lines: string[] = [];
    (errors.rows ?? []).forEach?.((row, i) => {
      for (const [c, label] of COLUMNS) {
        const message = row?.[c]?.message;
        if (message) lines.push(`row ${i + 1}, ${label}: ${message}`);
      }
    });
    if (errors.rows?.root?.message) lines.push(errors.rows.root.message);
    setError(lines.length ? `Check ${lines.join('; ')}.` : 'Check the rows.');
  };

  const submitCsv = async () => {
    const result = await send({ csv });
    if (!result) return;
    record(outcomesOf(result, () => ''));
    const created = new Set(result.rows.filter((r) => r.status === 'created').map((r) => r.row));
    setCsv(withoutLines(csv, created));
  };

  const csvRows = csv
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '').length;
  return (
    <Dialog
      open={open}
      onClose={isLoading ? undefined : close}
      maxWidth="lg"
      fullWidth
      aria-labelledby={titleId}
      slotProps={STEADY_DIALOG}
    >
      <DialogTitle id={titleId}>Create stores from {template.name}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography variant="body2" color="text.secondary">
            Each store is a draft with the template's type, tags, notes and plans (version{' '}
            {template.version}); each row is created on its own, and a rejected row changes nothing.
          </Typography>
          {/* Two pressed-or-not buttons, not tabs: MUI's Tabs would add 5 KB to every page. */}
          <Stack direction="row" role="group" aria-label="Input" sx={{ gap: 1 }}>
            {(
              [
                ['rows', 'Type rows'],
                ['csv', 'CSV'],
              ] as const
            ).map(([value, text]) => (
              <Button
                key={value}
                size="small"
                variant={mode === value ? 'contained' : 'outlined'}
                aria-pressed={mode === value}
                onClick={() => setMode(value)}
              >
                {text}
              </Button>
            ))}
          </Stack>
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          {mode === 'rows' ? (
            <FormProvider {...methods}>
              <Stack spacing={1.5}>
                {fields.map((f, i) => (
                  <Box
                    key={f.id}
                    role="group"
                    aria-label={`Store row ${i + 1}`}
                    sx={{ borderBottom: 1, borderColor: 'divider', pb: 1.5 }}
                  >
                    <Grid container spacing={1} sx={{ alignItems: 'flex-start' }}>
                      {COLUMNS.map(([c, label]) => (
                        <Grid key={c} size={{ xs: 6, sm: 4, md: c === 'address' ? 3 : 'grow' }}>
                          <FormTextField<Form>
                            name={`rows.${i}.${c}`}
                            label={label}
                            size="small"
                            required={c !== 'openingDate'}
                            placeholder={c === 'openingDate' ? 'YYYY-MM-DD' : undefined}
                            transform={
                              c === 'code' || c === 'country' ? (v) => v.toUpperCase() : undefined
                            }
                          />
                        </Grid>
                      ))}
                      <Grid size="auto">
                        <Tooltip title="Remove row">
                          <span>
                            <IconButton
                              aria-label={`Remove row ${i + 1}`}
                              disabled={fields.length === 1}
                              onClick={() => remove(i)}
                            >
                              <DeleteOutlineRounded />
                            </IconButton>
                          </span>
                        </Tooltip>
                      </Grid>
                    </Grid>
                  </Box>
                ))}
                <Box>
                  <Button
                    startIcon={<AddRounded />}
                    disabled={fields.length >= 1000}
                    onClick={() => append(emptyRow())}
                  >
                    Add row
                  </Button>
                </Box>
              </Stack>
            </FormProvider>
          ) : (
            <Stack spacing={1}>
              <Typography variant="body2" color="text.secondary">
                A header row, then one store a line. Columns: <code>{CSV_HEADER}</code> (and
                optionally manager, email, phone, tags, notes).
              </Typography>
              <Box>
                <Button component="label" variant="outlined" startIcon={<UploadFileRounded />}>
                  Choose a CSV file
                  <input
                    id={fileId}
                    type="file"
                    accept=".csv,text/csv"
                    hidden
                    aria-label="CSV file"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) void file.text().then(setCsv);
                    }}
                  />
                </Button>
              </Box>
              <TextField
                label="CSV"
                multiline
                minRows={6}
                maxRows={16}
                value={csv}
                onChange={(e) => setCsv(e.target.value)}
                slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
              />
            </Stack>
          )}
          {outcomes.length ? <ResultTable outcomes={outcomes} /> : null}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={isLoading}>
          {outcomes.length ? 'Close' : 'Cancel'}
        </Button>
        {mode === 'rows' ? (
          <Button
            variant="contained"
            disabled={isLoading}
            onClick={() => void handleSubmit(submitRows, showInvalid)()}
          >
            {isLoading
              ? 'Creating…'
              : `Create ${fields.length === 1 ? '1 store' : `${fields.length} stores`}`}
          </Button>
        ) : (
          <Button
            variant="contained"
            disabled={isLoading || csvRows === 0}
            onClick={() => void submitCsv()}
          >
            {isLoading
              ? 'Creating…'
              : `Create from CSV (${csvRows === 1 ? '1 row' : `${csvRows} rows`})`}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

function outcomesOf(result: ImportResult, keyOf: (row: number) => string): Outcome[] {
  return [...result.rows]
    .sort(
      (a, b) => Number(a.status === 'created') - Number(b.status === 'created') || a.row - b.row,
    )
    .map((r) => ({
      key: r.key || keyOf(r.row),
      row: r.row,
      created: r.status === 'created',
      id: r.id,
      errors: r.errors,
    }));
}
