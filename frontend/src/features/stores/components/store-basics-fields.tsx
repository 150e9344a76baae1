import { Autocomplete, Grid, TextField, Typography } from '@mui/material';
import { Controller, useFormContext } from 'react-hook-form';

import { FormTextField } from '@/features/stores/components/form-text-field';
import { StoreTypeField } from '@/features/stores/components/store-type-field';
import { TagsField } from '@/features/stores/components/tags-field';
import { useStoreCodeRule } from '@/features/stores/hooks/use-store-form-schema';
import type { StoreFormValues } from '@/features/stores/schemas/store-schema';

let timeZones: string[] | undefined;

/** The IANA time zones the browser knows, listed on first use (the list is costly to build). */
function knownTimeZones(): string[] {
  if (timeZones === undefined) {
    const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
    try {
      timeZones = intl.supportedValuesOf?.('timeZone') ?? [];
    } catch {
      timeZones = [];
    }
  }
  return timeZones;
}

type F = StoreFormValues;

function Section({ title }: { title: string }) {
  return (
    <Grid size={12}>
      <Typography component="h3" variant="subtitle2" color="text.secondary" sx={{ mt: 1 }}>
        {title}
      </Typography>
    </Grid>
  );
}

export function StoreBasicsFields({ codeLocked = false }: { codeLocked?: boolean }) {
  const { control } = useFormContext<F>();
  const codeRule = useStoreCodeRule();
  return (
    <Grid container spacing={2}>
      <Section title="Store" />
      <Grid size={{ xs: 12, sm: 4 }}>
        <FormTextField<F>
          name="code"
          label="Code"
          required
          disabled={codeLocked}
          helperText={codeRule?.hint}
          transform={(v) => v.toUpperCase()}
          slotProps={{ htmlInput: { autoCapitalize: 'characters', spellCheck: false } }}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 8 }}>
        <FormTextField<F> name="name" label="Name" required />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <StoreTypeField label="Type" />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormTextField<F>
          name="openingDate"
          label="Target opening date"
          type="date"
          slotProps={{ inputLabel: { shrink: true } }}
        />
      </Grid>

      <Section title="Location" />
      <Grid size={12}>
        <FormTextField<F>
          name="location.address"
          label="Address"
          required
          autoComplete="street-address"
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormTextField<F> name="location.city" label="City" required />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <FormTextField<F> name="location.region" label="Region" required />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <FormTextField<F>
          name="location.country"
          label="Country"
          required
          helperText="ISO code, e.g. US"
          transform={(v) => v.toUpperCase()}
          slotProps={{ htmlInput: { maxLength: 2 } }}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <FormTextField<F> name="location.postalCode" label="Postal code" required />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <Controller
          name="location.timezone"
          control={control}
          render={({ field, fieldState }) => (
            <Autocomplete
              freeSolo
              options={knownTimeZones()}
              value={field.value}
              onChange={(_, v) => field.onChange(v ?? '')}
              onInputChange={(_, v) => field.onChange(v)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  name={field.name}
                  inputRef={field.ref}
                  onBlur={field.onBlur}
                  label="Time zone"
                  required
                  error={!!fieldState.error}
                  helperText={fieldState.error?.message ?? 'IANA name, e.g. Europe/Berlin'}
                />
              )}
            />
          )}
        />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <FormTextField<F> name="location.latitude" label="Latitude" inputMode="decimal" />
      </Grid>
      <Grid size={{ xs: 6, sm: 3 }}>
        <FormTextField<F> name="location.longitude" label="Longitude" inputMode="decimal" />
      </Grid>

      <Section title="Contact" />
      <Grid size={{ xs: 12, sm: 4 }}>
        <FormTextField<F> name="contact.manager" label="Store manager" autoComplete="off" />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FormTextField<F> name="contact.email" label="E-mail" type="email" autoComplete="off" />
      </Grid>
      <Grid size={{ xs: 12, sm: 4 }}>
        <FormTextField<F> name="contact.phone" label="Phone" type="tel" autoComplete="off" />
      </Grid>

      <Section title="Other" />
      <Grid size={12}>
        <TagsField />
      </Grid>
      <Grid size={12}>
        <FormTextField<F> name="notes" label="Notes" multiline minRows={2} />
      </Grid>
    </Grid>
  );
}
