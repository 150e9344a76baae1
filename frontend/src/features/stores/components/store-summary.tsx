import { Box, Divider, Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

import { PlanSummary } from '@/features/stores/components/plan-summary';
import type { FullStoreCreate } from '@/features/stores/utils/store-form-mapping';
import { formatDate, humanize } from '@/utils/format';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography component="p" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="p" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {children || '—'}
      </Typography>
    </Box>
  );
}

/** Read-only view of a store document (wizard review step). */
export function StoreSummary({ store }: { store: FullStoreCreate }) {
  const loc = store.location;
  return (
    <Stack spacing={2} divider={<Divider flexItem />}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Item label="Code">{store.code}</Item>
        </Grid>
        <Grid size={{ xs: 6, sm: 5 }}>
          <Item label="Name">{store.name}</Item>
        </Grid>
        <Grid size={{ xs: 6, sm: 2 }}>
          <Item label="Type">{humanize(store.type)}</Item>
        </Grid>
        <Grid size={{ xs: 6, sm: 2 }}>
          <Item label="Opening">{formatDate(store.openingDate)}</Item>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Item label="Address">
            {[loc.address, `${loc.postalCode} ${loc.city}`, `${loc.region}, ${loc.country}`].join(
              ' · ',
            )}
          </Item>
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Item label="Time zone">{loc.timezone}</Item>
        </Grid>
        <Grid size={{ xs: 6, sm: 3 }}>
          <Item label="Coordinates">
            {loc.latitude != null && loc.longitude != null
              ? `${loc.latitude}, ${loc.longitude}`
              : ''}
          </Item>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Item label="Contact">
            {[store.contact?.manager, store.contact?.email, store.contact?.phone]
              .filter(Boolean)
              .join(' · ')}
          </Item>
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <Item label="Tags">{store.tags.join(', ')}</Item>
        </Grid>
      </Grid>
      <PlanSummary hardwarePlan={store.hardwarePlan} networkPlan={store.networkPlan} />
    </Stack>
  );
}
