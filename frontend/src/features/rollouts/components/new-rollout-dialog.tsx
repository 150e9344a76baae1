import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Autocomplete,
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormHelperText,
  Grid,
  MenuItem,
  Stack,
  Switch,
  TextField,
  Typography,
  type TextFieldProps,
} from '@mui/material';
import { useId, useState } from 'react';
import {
  Controller,
  FormProvider,
  useForm,
  useFormContext,
  useWatch,
  type Path,
} from 'react-hook-form';
import { useDispatch } from 'react-redux';
import { useNavigate } from 'react-router';

import {
  storeStatusValues,
  storeTypeValues,
  type Rollout,
  type RolloutFilter,
} from '@/api/generated/openapi';
import { formProblem, toProblem } from '@/api/problem';
import { STEADY_DIALOG } from '@/components/ui/form-dialog';
import { paths } from '@/config/paths';
import {
  filterParams,
  useCountStoresQuery,
  useCreateRolloutMutation,
  useSearchStoresQuery,
} from '@/features/rollouts/api/rollouts-api';
import {
  formField,
  FORM_FIELDS,
  formToRollout,
  initialRolloutForm,
  MAX_STORES,
  rolloutFormSchema,
  type RolloutDraft,
  type RolloutFormValues,
} from '@/features/rollouts/schemas/rollout-form-schema';
import { plannedWaves } from '@/features/rollouts/utils/rollout-rules';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useTransitionPermission } from '@/lib/authorization';
import { notify } from '@/lib/notifications';
import { formatNumber, humanize } from '@/utils/format';

type F = RolloutFormValues;

/** A text field bound to the form, showing its error (or its hint) below it. */
function Field({ name, helperText, ...props }: Omit<TextFieldProps, 'name'> & { name: Path<F> }) {
  const { control } = useFormContext<F>();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...props}
          name={field.name}
          value={(field.value as string | undefined) ?? ''}
          inputRef={field.ref}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? helperText}
          fullWidth
        />
      )}
    />
  );
}

const ACTION_TEXT = {
  provision: 'Each draft store gets its provisioning run; a failed one is retried.',
  decommission:
    'Each active store releases its network and hardware. This cannot be undone for a store.',
} as const;

// Selects, not radio buttons: Material UI's Radio would join the chunk every page loads (the
// store page's conflict dialog uses it too), on pages at their budget (issue 17).
function ActionField() {
  const permission = useTransitionPermission();
  const action = useWatch<F, 'action'>({ name: 'action' });
  return (
    <Field name="action" label="Action" select helperText={ACTION_TEXT[action]}>
      {(['provision', 'decommission'] as const).map((a) => {
        const { reason } = permission(a);
        return (
          <MenuItem key={a} value={a} disabled={reason !== null}>
            {reason ? `${humanize(a)} (${reason})` : humanize(a)}
          </MenuItem>
        );
      })}
    </Field>
  );
}

interface PickedStore {
  id: string;
  label: string;
}

/** Stores picked one by one, by code or name (search as you type). */
function StoresPicker() {
  const { control } = useFormContext<F>();
  const [input, setInput] = useState('');
  const q = useDebouncedValue(input.trim());
  const { data = [], isFetching } = useSearchStoresQuery(q);
  const options: PickedStore[] = data.map((s) => ({ id: s.id, label: `${s.code} — ${s.name}` }));
  return (
    <Controller
      name="stores"
      control={control}
      render={({ field, fieldState }) => (
        <Autocomplete
          multiple
          options={options}
          value={field.value}
          loading={isFetching}
          filterOptions={(x) => x}
          filterSelectedOptions
          isOptionEqualToValue={(a, b) => a.id === b.id}
          getOptionLabel={(s) => s.label}
          onInputChange={(_e, v) => setInput(v)}
          onChange={(_e, v) => field.onChange(v)}
          onBlur={field.onBlur}
          renderInput={(params) => (
            <TextField
              {...params}
              inputRef={field.ref}
              label="Stores"
              error={!!fieldState.error}
              helperText={
                fieldState.error?.message ?? 'In the order they run. Search by code or name.'
              }
            />
          )}
        />
      )}
    />
  );
}

/** The stores selected on the store list: their codes, the first 30 of them. */
function SelectedStores() {
  const { control } = useFormContext<F>();
  return (
    <Controller
      name="stores"
      control={control}
      render={({ field, fieldState }) => (
        <Box>
          <Stack
            component="ul"
            aria-label="Selected stores"
            direction="row"
            sx={{ flexWrap: 'wrap', gap: 0.5, listStyle: 'none', p: 0, m: 0 }}
          >
            {field.value.slice(0, 30).map((s) => (
              <li key={s.id}>
                <Chip size="small" label={s.label} />
              </li>
            ))}
            {field.value.length > 30 ? (
              <li>
                <Chip size="small" variant="outlined" label={`+${field.value.length - 30} more`} />
              </li>
            ) : null}
          </Stack>
          {fieldState.error ? (
            <FormHelperText error>{fieldState.error.message}</FormHelperText>
          ) : null}
        </Box>
      )}
    />
  );
}

/** The store list's filters, and how many stores they select now. */
function FilterFields({ count }: { count: ReturnType<typeof useCountStoresQuery> }) {
  const n = count.data?.total;
  let line: string;
  let severity: 'info' | 'warning' = 'info';
  if (count.isFetching && n === undefined) line = 'Counting the stores…';
  else if (count.error || n === undefined) line = 'Could not count the stores.';
  else if (n === 0) {
    line = 'No store matches these filters now.';
    severity = 'warning';
  } else if (n > MAX_STORES) {
    line = `${count.data?.totalIsEstimate ? 'About ' : ''}${formatNumber(n)} stores match now: a rollout takes at most ${formatNumber(MAX_STORES)}. Narrow the filters.`;
    severity = 'warning';
  } else {
    line = `${formatNumber(n)} ${n === 1 ? 'store matches' : 'stores match'} now. The stores are taken when the rollout is created, by code.`;
  }
  return (
    <Stack spacing={2}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.status" label="Store status" select>
            <MenuItem value="">Any status</MenuItem>
            {storeStatusValues.map((s) => (
              <MenuItem key={s} value={s}>
                {humanize(s)}
              </MenuItem>
            ))}
          </Field>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.type" label="Store type" select>
            <MenuItem value="">Any type</MenuItem>
            {storeTypeValues.map((t) => (
              <MenuItem key={t} value={t}>
                {humanize(t)}
              </MenuItem>
            ))}
          </Field>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.region" label="Region" helperText="Exact" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.country" label="Country" helperText="ISO code, e.g. US" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.tag" label="Tag" />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Field name="filter.q" label="Code, name or city contains" />
        </Grid>
      </Grid>
      <Alert severity={severity} role="status">
        {line}
      </Alert>
    </Stack>
  );
}

function WaveFields({ stores }: { stores: number | undefined }) {
  const { control } = useFormContext<F>();
  const [canary, batch] = useWatch<F, ['canarySize', 'batchSize']>({
    name: ['canarySize', 'batchSize'],
  });
  const canarySize = /^\d+$/.test(canary) ? Number(canary) : 0;
  const batchSize = /^\d+$/.test(batch) ? Number(batch) : 0;
  const waves = stores ? plannedWaves(stores, canarySize, batchSize) : 0;
  let plan = '';
  if (stores && waves > 0) {
    const rest = stores - Math.min(canarySize, stores);
    plan =
      waves === 1 && canarySize === 0
        ? `All ${formatNumber(stores)} stores at once, in one wave.`
        : `${formatNumber(waves)} ${waves === 1 ? 'wave' : 'waves'}: ${
            canarySize > 0 ? `a canary of ${Math.min(canarySize, stores)}` : ''
          }${canarySize > 0 && rest > 0 ? ', then ' : ''}${
            rest > 0
              ? rest <= batchSize
                ? `one wave of ${rest}`
                : `waves of up to ${batchSize}`
              : ''
          }.`;
  }
  return (
    <Stack spacing={2}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Field
            name="canarySize"
            label="Canary size"
            helperText="Stores in wave 1; 0 for none"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Field
            name="batchSize"
            label="Batch size"
            helperText="Stores in each later wave"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Field
            name="waitSeconds"
            label="Wait (seconds)"
            helperText="Between waves"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Field
            name="maxFailurePercent"
            label="Failure limit (%)"
            helperText="Halts above it; 0: on the first failure"
            slotProps={{ htmlInput: { inputMode: 'numeric' } }}
          />
        </Grid>
      </Grid>
      <Controller
        name="pauseAfterCanary"
        control={control}
        render={({ field }) => (
          <FormControlLabel
            control={
              <Switch
                checked={canarySize > 0 && field.value}
                onChange={(e) => field.onChange(e.target.checked)}
                disabled={canarySize === 0}
              />
            }
            label="Wait for a resume after the canary"
          />
        )}
      />
      {plan ? (
        <Typography variant="body2" color="text.secondary">
          {plan}
        </Typography>
      ) : null}
    </Stack>
  );
}

/**
 * A new rollout: its name and action, its stores (picked, selected on the store list, or the
 * store list's filters with how many they select now) and its waves. A 422 puts its errors on
 * their fields; anything else (403: the action needs another role) shows above them. Once
 * created, its page opens.
 */
export function NewRolloutDialog({
  open,
  onClose,
  draft,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  /** Pre-filled from the store list's selection. */
  draft?: RolloutDraft;
  onCreated?: (r: Rollout) => void;
}) {
  const titleId = useId();
  const dispatch = useDispatch();
  const navigate = useNavigate();
  const [create, { isLoading: busy }] = useCreateRolloutMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const methods = useForm<F>({
    resolver: zodResolver(rolloutFormSchema),
    defaultValues: initialRolloutForm(draft),
    mode: 'onTouched',
  });
  const { handleSubmit, setError, control } = methods;
  const [selection, filter, stores] = useWatch({
    control,
    name: ['selection', 'filter', 'stores'],
  });
  // Debounced as text: a new object each render would restart the debounce for ever.
  const countKey = useDebouncedValue(JSON.stringify(filterParams(filter)));
  const count = useCountStoresQuery(JSON.parse(countKey) as RolloutFilter, {
    skip: selection !== 'filter',
  });
  const storeCount = selection === 'ids' ? stores.length : count.data?.total;

  const submit = async (values: F) => {
    setFormError(null);
    try {
      const r = await create(formToRollout(values)).unwrap();
      dispatch(notify({ severity: 'success', message: `Rollout ${r.name} started.` }));
      onClose();
      if (onCreated) onCreated(r);
      else navigate(paths.rolloutDetail.getHref(r.id));
    } catch (err) {
      const p = toProblem(err);
      const mapped = { ...p, errors: p.errors.map((e) => ({ ...e, field: formField(e.field) })) };
      setFormError(formProblem(mapped, setError, (path) => FORM_FIELDS.has(path)));
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby={titleId}
      slotProps={STEADY_DIALOG}
    >
      <FormProvider {...methods}>
        <form
          noValidate
          onSubmit={(e) => void handleSubmit(submit)(e)}
          style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}
        >
          <DialogTitle id={titleId}>New rollout</DialogTitle>
          <DialogContent>
            <Stack spacing={3} sx={{ pt: 1 }}>
              {formError ? (
                <Alert severity="error" role="alert">
                  {formError}
                </Alert>
              ) : null}
              <Field name="name" label="Name" required />
              <ActionField />
              <Stack spacing={1.5} component="section" aria-labelledby={`${titleId}-stores`}>
                <Typography id={`${titleId}-stores`} component="h3" variant="subtitle1">
                  Stores
                </Typography>
                <Field name="selection" label="Which stores" select>
                  <MenuItem value="ids">
                    {draft
                      ? `The ${formatNumber(draft.stores.length)} selected stores`
                      : 'Stores I pick'}
                  </MenuItem>
                  <MenuItem value="filter">Stores matching filters</MenuItem>
                </Field>
                {selection === 'filter' ? (
                  <FilterFields count={count} />
                ) : draft ? (
                  <SelectedStores />
                ) : (
                  <StoresPicker />
                )}
              </Stack>
              <Stack spacing={1.5} component="section" aria-labelledby={`${titleId}-waves`}>
                <Typography id={`${titleId}-waves`} component="h3" variant="subtitle1">
                  Waves
                </Typography>
                <WaveFields stores={storeCount} />
              </Stack>
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" variant="contained" disabled={busy}>
              {busy ? 'Starting…' : 'Start rollout'}
            </Button>
          </DialogActions>
        </form>
      </FormProvider>
    </Dialog>
  );
}
