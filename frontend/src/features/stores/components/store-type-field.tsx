import { MenuItem } from '@mui/material';

import { storeTypeValues } from '@/api/generated/openapi';
import { FormTextField } from '@/features/stores/components/form-text-field';
import { humanize } from '@/utils/format';

/** The `type` field of a store or template form: one of the store types. */
export function StoreTypeField({ label }: { label: string }) {
  return (
    <FormTextField<{ type: string }> name="type" label={label} select required>
      {storeTypeValues.map((t) => (
        <MenuItem key={t} value={t}>
          {humanize(t)}
        </MenuItem>
      ))}
    </FormTextField>
  );
}
