import { MenuItem, TextField } from '@mui/material';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

import { roleValues } from '@/api/generated/openapi';
import { humanize } from '@/utils/format';

/** The role picker of a form with a `role` field (new user, new token). */
export function RoleSelect<T extends FieldValues & { role: string }>({
  control,
}: {
  control: Control<T>;
}) {
  return (
    <Controller
      name={'role' as Path<T>}
      control={control}
      render={({ field }) => (
        <TextField select label="Role" {...field}>
          {roleValues.map((r) => (
            <MenuItem key={r} value={r}>
              {humanize(r)}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
}
