import { Box, Divider, Grid, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

import type { HardwarePlan, SegmentPurpose } from '@/api/generated/openapi';
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

/**
 * A store's or a template's plans, read-only (a template's segments have no subnet: each
 * store's comes from the pools).
 */
export function PlanSummary({
  hardwarePlan,
  networkPlan,
}: {
  hardwarePlan: HardwarePlan;
  networkPlan: { purpose: SegmentPurpose; vlanId?: number | null; cidr?: string | null }[];
}) {
  const hw = Object.entries(hardwarePlan);
  return (
    <Stack spacing={2} divider={<Divider flexItem />}>
      <Box>
        <Typography component="h3" variant="subtitle2" gutterBottom>
          Hardware
        </Typography>
        <Typography variant="body2">
          {hw.length
            ? hw.map(([k, q]) => `${q} × ${humanize(k)}`).join(', ')
            : 'No hardware planned'}
        </Typography>
      </Box>
      <Box>
        <Typography component="h3" variant="subtitle2" gutterBottom>
          Network
        </Typography>
        {networkPlan.length ? (
          <Stack component="ul" sx={{ m: 0, pl: 2.5 }}>
            {networkPlan.map((s) => (
              <Typography component="li" variant="body2" key={s.purpose}>
                {humanize(s.purpose)}: VLAN {s.vlanId ?? 'auto'}
                {'cidr' in s ? `, subnet ${s.cidr ?? 'auto'}` : ''}
              </Typography>
            ))}
          </Stack>
        ) : (
          <Typography variant="body2">No segments</Typography>
        )}
      </Box>
    </Stack>
  );
}
