import AddRounded from '@mui/icons-material/AddRounded';
import DeleteOutlineRounded from '@mui/icons-material/DeleteOutlineRounded';
import {
  Alert,
  Box,
  Button,
  Grid,
  IconButton,
  MenuItem,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';

import { segmentPurposeValues } from '@/api/generated/openapi';
import { FormTextField } from '@/features/stores/components/form-text-field';
import type { StoreFormValues } from '@/features/stores/schemas/store-schema';
import { humanize } from '@/utils/format';

type F = StoreFormValues;

/**
 * The segments of a store's network plan, or of a template's (`withCidr` false): a template
 * cannot fix a subnet, each store's comes from the address pools when it is provisioned.
 */
export function NetworkPlanFields({ withCidr = true }: { withCidr?: boolean }) {
  const { control, formState } = useFormContext<F>();
  const { fields, append, remove } = useFieldArray({ control, name: 'networkPlan' });
  const plan = useWatch({ control, name: 'networkPlan' }) ?? [];
  const used = new Set(plan.map((s) => s.purpose));
  const free = segmentPurposeValues.filter((p) => !used.has(p));
  const rootError =
    formState.errors.networkPlan?.root?.message ?? formState.errors.networkPlan?.message;
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        {withCidr
          ? 'One segment per purpose. Leave VLAN and subnet empty to have them allocated from the address pools when the store is provisioned.'
          : 'One segment per purpose. Leave the VLAN empty for the default of the purpose; each store gets its subnet from the address pools when it is provisioned.'}
      </Typography>
      {rootError ? <Alert severity="error">{rootError}</Alert> : null}
      {fields.map((f, i) => (
        <Box key={f.id} role="group" aria-label={`Segment ${i + 1}`}>
          <Grid container spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Grid size={{ xs: 12, sm: 3 }}>
              <FormTextField<F> name={`networkPlan.${i}.purpose`} label="Purpose" select>
                {segmentPurposeValues.map((p) => (
                  <MenuItem key={p} value={p} disabled={p !== plan[i]?.purpose && used.has(p)}>
                    {humanize(p)}
                  </MenuItem>
                ))}
              </FormTextField>
            </Grid>
            <Grid size={withCidr ? { xs: 5, sm: 3 } : { xs: 12, sm: 8 }}>
              <FormTextField<F>
                name={`networkPlan.${i}.vlanId`}
                label="VLAN id"
                placeholder="auto"
                inputMode="numeric"
                helperText="1–4094, optional"
              />
            </Grid>
            {withCidr ? (
              <Grid size={{ xs: 7, sm: 5 }}>
                <FormTextField<F>
                  name={`networkPlan.${i}.cidr`}
                  label="Subnet (CIDR)"
                  placeholder="auto"
                  helperText="e.g. 10.20.0.0/24, optional"
                  slotProps={{ htmlInput: { spellCheck: false } }}
                />
              </Grid>
            ) : null}
            <Grid size={{ xs: 12, sm: 1 }} sx={{ display: 'flex', justifyContent: 'flex-end' }}>
              <Tooltip title="Remove segment">
                <IconButton
                  aria-label={`Remove ${humanize(plan[i]?.purpose ?? 'segment')} segment`}
                  onClick={() => remove(i)}
                >
                  <DeleteOutlineRounded />
                </IconButton>
              </Tooltip>
            </Grid>
          </Grid>
        </Box>
      ))}
      <Box>
        <Button
          startIcon={<AddRounded />}
          variant="outlined"
          disabled={free.length === 0}
          onClick={() => append({ purpose: free[0], vlanId: '', cidr: '' })}
        >
          Add segment
        </Button>
      </Box>
    </Stack>
  );
}
