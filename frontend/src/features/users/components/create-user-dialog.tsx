import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';

import { roleValues } from '@/api/generated/openapi';
import { applyFieldErrors, problemMessage, toProblem } from '@/api/problem';
import { useCreateUserMutation } from '@/features/users/api/users-api';
import { createUserSchema, type CreateUserValues } from '@/features/users/schemas/user-schema';
import { humanize } from '@/utils/format';

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [createUser, { isLoading }] = useCreateUserMutation();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    control,
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<CreateUserValues>({
    resolver: zodResolver(createUserSchema),
    defaultValues: { username: '', password: '', role: 'viewer' },
  });
  const close = () => {
    reset();
    setFormError(null);
    onClose();
  };
  const submit = handleSubmit(async (values) => {
    try {
      await createUser(values).unwrap();
      close();
    } catch (err) {
      const p = toProblem(err);
      if (p.status === 409 && p.errors.length === 0) {
        setError('username', { type: 'server', message: p.detail ?? 'This username is taken' });
        return;
      }
      const unmatched = applyFieldErrors(p, setError);
      if (p.errors.length === 0 || unmatched.length) setFormError(problemMessage(p));
    }
  });
  return (
    <Dialog open={open} onClose={close} maxWidth="xs" fullWidth aria-labelledby="create-user-title">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="create-user-title">New user</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {formError ? <Alert severity="error">{formError}</Alert> : null}
            <TextField
              label="Username"
              required
              autoComplete="off"
              error={!!errors.username}
              helperText={errors.username?.message}
              {...register('username')}
            />
            <TextField
              label="Password"
              type="password"
              required
              autoComplete="new-password"
              error={!!errors.password}
              helperText={errors.password?.message ?? 'At least 12 characters'}
              {...register('password')}
            />
            <Controller
              name="role"
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
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={isLoading}>
            Create user
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
