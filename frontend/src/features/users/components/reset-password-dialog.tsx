import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Stack,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useDispatch } from 'react-redux';

import type { User } from '@/api/generated/openapi';
import { applyFieldErrors, problemMessage, toProblem } from '@/api/problem';
import { useUpdateUserMutation } from '@/features/users/api/users-api';
import {
  resetPasswordSchema,
  type ResetPasswordValues,
} from '@/features/users/schemas/user-schema';
import { notify } from '@/lib/notifications';

/** Sets a new password for `user` (admin); the user's sessions end with it. */
export function ResetPasswordDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [updateUser, { isLoading }] = useUpdateUserMutation();
  const dispatch = useDispatch();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: '' },
  });
  const close = () => {
    reset();
    setFormError(null);
    onClose();
  };
  const submit = handleSubmit(async ({ password }) => {
    if (!user) return;
    try {
      await updateUser({ id: user.id, password }).unwrap();
      dispatch(notify({ severity: 'success', message: `New password set for ${user.username}` }));
      close();
    } catch (err) {
      const p = toProblem(err);
      const unmatched = applyFieldErrors(p, setError);
      if (p.errors.length === 0 || unmatched.length) setFormError(problemMessage(p));
    }
  });
  return (
    <Dialog
      open={user !== null}
      onClose={close}
      maxWidth="xs"
      fullWidth
      aria-labelledby="reset-password-title"
    >
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id="reset-password-title">Reset password of {user?.username}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>
              Give the new password to the user over a safe channel.
            </DialogContentText>
            {formError ? <Alert severity="error">{formError}</Alert> : null}
            <TextField
              label="New password"
              type="password"
              required
              autoComplete="new-password"
              error={!!errors.password}
              helperText={errors.password?.message ?? 'At least 12 characters'}
              {...register('password')}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={isLoading}>
            Set password
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
