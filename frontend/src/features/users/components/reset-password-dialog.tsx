import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useDispatch } from 'react-redux';

import type { User } from '@/api/generated/openapi';
import { formProblem, toProblem } from '@/api/problem';
import { FormDialog } from '@/components/ui/form-dialog';
import { useUpdateUserMutation } from '@/features/users/api/users-api';
import { NewPasswordField } from '@/features/users/components/new-password-field';
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
    setFormError(null);
    try {
      await updateUser({ id: user.id, password }).unwrap();
      dispatch(notify({ severity: 'success', message: `New password set for ${user.username}` }));
      close();
    } catch (err) {
      setFormError(formProblem(toProblem(err), setError, ['password']));
    }
  });
  return (
    <FormDialog
      open={user !== null}
      onClose={close}
      title={`Reset password of ${user?.username ?? ''}`}
      intro="Give the new password to the user over a safe channel."
      submitLabel="Set password"
      busy={isLoading}
      error={formError}
      onSubmit={() => void submit()}
    >
      <NewPasswordField
        label="New password"
        error={errors.password?.message}
        registration={register('password')}
      />
    </FormDialog>
  );
}
