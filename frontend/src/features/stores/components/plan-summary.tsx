import { Box, Divider, Stack, Typography } from '@mui/material';

import type { HardwarePlan, SegmentPurpose } from '@/api/generated/openapi';
import { humanize } from '@/utils/format';

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
