import { TextField } from '@mui/material';
import type { UseFormRegisterReturn } from 'react-hook-form';

/** A new password (new user, reset): never autofilled with the admin's own password. */
export function NewPasswordField({
  label,
  error,
  registration,
}: {
  label: string;
  error?: string;
  registration: UseFormRegisterReturn;
}) {
  return (
    <TextField
      label={label}
      type="password"
      required
      autoComplete="new-password"
      error={!!error}
      helperText={error ?? 'At least 12 characters'}
      {...registration}
    />
  );
}
